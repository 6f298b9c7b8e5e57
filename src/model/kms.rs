//! `AWS::KMS::Key` and `AWS::KMS::Alias`, typed.

use super::arn::Arn;
use super::document::{DocKind, PolicyDoc};
use super::origin::Origin;
use crate::source::{Node, Spanned};

/// What a frontend knows of a KMS key, by meaning (each frontend reads its own attribute names:
/// `load::cfn` CloudFormation properties, Terraform `aws_kms_key` attributes).
#[derive(Debug, Clone, Default)]
pub struct KeyFields {
    pub spec: Option<Spanned<String>>,
    pub usage: Option<Spanned<String>>,
    pub multi_region: Option<Spanned<bool>>,
    pub enabled: Option<Spanned<bool>>,
    pub rotation: Option<Spanned<bool>>,
    pub pending_window_days: Option<Spanned<i64>>,
    /// The key policy document as written (absent: AWS's default key policy).
    pub policy: Option<Node>,
}

/// What a frontend knows of a KMS alias.
#[derive(Debug, Clone, Default)]
pub struct AliasFields {
    /// `alias/…`.
    pub name: Option<Spanned<String>>,
    /// The key it targets: a key id or ARN, or a symbol.
    pub target_key_id: Option<Spanned<String>>,
}

#[derive(Debug, Clone)]
pub struct Key {
    pub origin: Origin,
    /// The key ARN: pinned (`Metadata.trustlint.arn`), else
    /// `arn:<partition>:kms:<region>:<account>:key/‹KeyId of X in stack s›`.
    pub arn: String,
    /// The key id: pinned, taken from the pinned ARN, or a generated symbol.
    pub key_id: String,
    /// `KeySpec` (default `SYMMETRIC_DEFAULT`).
    pub spec: Option<Spanned<String>>,
    /// `KeyUsage` (default `ENCRYPT_DECRYPT`).
    pub usage: Option<Spanned<String>>,
    pub multi_region: Option<Spanned<bool>>,
    /// `Enabled` (default true).
    pub enabled: Option<Spanned<bool>>,
    pub rotation: Option<Spanned<bool>>,
    pub pending_window_days: Option<Spanned<i64>>,
    pub policy: Option<PolicyDoc>,
    /// Indices into `Model::aliases` that target this key (set when linking).
    pub aliases: Vec<usize>,
}

impl Key {
    pub fn spec_str(&self) -> &str {
        self.spec
            .as_ref()
            .map_or("SYMMETRIC_DEFAULT", |s| s.value.as_str())
    }
    pub fn is_enabled(&self) -> bool {
        self.enabled.as_ref().is_none_or(|e| e.value)
    }
    pub fn is_multi_region(&self) -> bool {
        self.multi_region.as_ref().is_some_and(|m| m.value)
    }
}

#[derive(Debug, Clone)]
pub struct Alias {
    pub origin: Origin,
    /// `AliasName` (`alias/…`).
    pub name: Option<Spanned<String>>,
    /// `TargetKeyId` as written (resolved: a key id/ARN or a symbol).
    pub target_key_id: Option<Spanned<String>>,
    /// `arn:<partition>:kms:<region>:<account>:<alias name>`.
    pub arn: Option<String>,
    /// Index into `Model::keys` (set when linking).
    pub target: Option<usize>,
}

impl Alias {
    /// AWS managed aliases (`alias/aws/…`) cannot be created in templates, but can be referenced.
    pub fn is_aws_managed(&self) -> bool {
        self.name
            .as_ref()
            .is_some_and(|n| n.value.starts_with("alias/aws/"))
    }
}

pub(crate) fn key(origin: Origin, f: KeyFields) -> Key {
    let pinned_id = origin.pinned_id.clone().or_else(|| {
        let a = Arn::parse(origin.pinned_arn.as_deref()?)?;
        let (t, id) = a.type_and_id();
        (t == "key").then(|| id.to_string())
    });
    let key_id = pinned_id.unwrap_or_else(|| origin.generated("KeyId"));
    let arn = origin.pinned_arn.clone().unwrap_or_else(|| {
        format!(
            "arn:{}:kms:{}:{}:key/{key_id}",
            origin.partition,
            origin.region_key(),
            origin.account
        )
    });
    let policy = f.policy.map(|n| {
        let mut d = PolicyDoc::new(
            origin.file,
            DocKind::KeyPolicy,
            n,
            format!("KeyPolicy of AWS::KMS::Key {}", origin.logical_id),
        );
        d.name = Some(origin.logical_id.clone());
        d
    });
    Key {
        arn,
        key_id,
        spec: f.spec,
        usage: f.usage,
        multi_region: f.multi_region,
        enabled: f.enabled,
        rotation: f.rotation,
        pending_window_days: f.pending_window_days,
        policy,
        aliases: Vec::new(),
        origin,
    }
}

pub(crate) fn alias(origin: Origin, f: AliasFields) -> Alias {
    let name = f.name;
    let arn = name.as_ref().map(|n| {
        format!(
            "arn:{}:kms:{}:{}:{}",
            origin.partition,
            origin.region_key(),
            origin.account,
            n.value
        )
    });
    Alias {
        name,
        target_key_id: f.target_key_id,
        arn,
        target: None,
        origin,
    }
}
