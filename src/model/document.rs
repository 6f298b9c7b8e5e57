//! A policy document as found in a file: its kind, where it sits, and its AST.

use super::policy::{parse_policy, Policy, ShapeError};
use crate::source::{FileId, Node, Span};

/// What a policy document is attached to; rules depend on it (Principal placement, Sid syntax, size).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocKind {
    /// Attached to a user, group or role (inline or managed).
    Identity,
    /// A resource-based policy (bucket policy, queue policy, …).
    Resource,
    /// A role's trust (assume-role) policy.
    Trust,
    /// A KMS key policy.
    KeyPolicy,
    /// A service control policy.
    Scp,
    /// A resource control policy.
    Rcp,
}

impl DocKind {
    pub fn name(self) -> &'static str {
        match self {
            DocKind::Identity => "identity policy",
            DocKind::Resource => "resource policy",
            DocKind::Trust => "trust policy",
            DocKind::KeyPolicy => "key policy",
            DocKind::Scp => "service control policy",
            DocKind::Rcp => "resource control policy",
        }
    }
    /// The spelling used in `trustlint.toml` (`kind = "key-policy"`).
    pub fn config_name(self) -> &'static str {
        match self {
            DocKind::Identity => "identity-policy",
            DocKind::Resource => "resource-policy",
            DocKind::Trust => "trust-policy",
            DocKind::KeyPolicy => "key-policy",
            DocKind::Scp => "scp",
            DocKind::Rcp => "rcp",
        }
    }
    pub fn from_config_name(s: &str) -> Option<DocKind> {
        [
            DocKind::Identity,
            DocKind::Resource,
            DocKind::Trust,
            DocKind::KeyPolicy,
            DocKind::Scp,
            DocKind::Rcp,
        ]
        .into_iter()
        .find(|k| k.config_name() == s)
    }
    /// Documents whose statements must carry a `Principal`.
    pub fn needs_principal(self) -> bool {
        matches!(
            self,
            DocKind::Resource | DocKind::Trust | DocKind::KeyPolicy
        )
    }
}

/// Where an identity policy is attached, which decides its size quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attachment {
    Managed,
    InlineUser,
    InlineGroup,
    InlineRole,
    Unknown,
}

/// One policy document found in a file.
#[derive(Debug, Clone)]
pub struct PolicyDoc {
    pub file: FileId,
    pub kind: DocKind,
    pub attachment: Attachment,
    /// A name for messages: role name, bucket, key id, or the file's policy.
    pub name: Option<String>,
    /// The node the policy was parsed from (for raw-text rules such as size and characters).
    pub node: Node,
    pub policy: Policy,
    pub shape_errors: Vec<ShapeError>,
    /// Why the kind was chosen (shown by `--verbose`).
    pub kind_reason: String,
    /// The policy's resource is implied by where it is attached, so statements may omit `Resource`
    /// (an ECR repository policy: Amazon ECR User Guide, *Repository policy examples*).
    pub resource_implied: bool,
}

impl PolicyDoc {
    pub fn new(file: FileId, kind: DocKind, node: Node, kind_reason: impl Into<String>) -> Self {
        let (policy, shape_errors) = parse_policy(&node);
        PolicyDoc {
            file,
            kind,
            attachment: Attachment::Unknown,
            name: None,
            node,
            policy,
            shape_errors,
            kind_reason: kind_reason.into(),
            resource_implied: false,
        }
    }
    pub fn span(&self) -> Span {
        self.node.span
    }
}
