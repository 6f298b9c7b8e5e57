//! The types of `rules/replication-requirements.toml`: unknown fields, unknown rule ids and unknown
//! severities are parse errors (a unit test parses the table, so a typo fails the tests instead of
//! silently dropping a requirement).

use crate::rules::{RuleId, RuleMeta, Severity};
use serde::Deserialize;
use std::sync::OnceLock;

pub(super) const TABLE_TEXT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/rules/replication-requirements.toml"
));

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Feature {
    Always,
    DeleteMarkers,
    OwnerOverride,
    ObjectLock,
    SseKmsSource,
    SseKmsReplica,
    DestBucketKey,
    SourceBucketKeyOnly,
    DestDefaultKms,
    CrossAccount,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PrincipalSel {
    Role,
    S3Service,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ResForm {
    Role,
    SourceBucket,
    SourceObjects,
    DestBucket,
    DestObjects,
    SourceKey,
    ReplicaKey,
    DestDefaultKey,
}

impl ResForm {
    pub(super) fn is_key(self) -> bool {
        matches!(
            self,
            ResForm::SourceKey | ResForm::ReplicaKey | ResForm::DestDefaultKey
        )
    }
    pub(super) fn is_dest(self) -> bool {
        matches!(
            self,
            ResForm::DestBucket
                | ResForm::DestObjects
                | ResForm::ReplicaKey
                | ResForm::DestDefaultKey
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CtxSel {
    ViaSource,
    ViaDest,
    EncSource,
    EncDest,
    S3Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PolSel {
    Identity,
    Resource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Anchor {
    Role,
    Rule,
    DestinationBucket,
    ReplicaKey,
    SseKms,
    DeleteMarkers,
    AccessControl,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ids {
    pub identity: Option<RuleId>,
    pub identity_xacct: Option<RuleId>,
    pub resource: Option<RuleId>,
    pub resource_xacct: Option<RuleId>,
    pub resource_deny: Option<RuleId>,
    pub identity_deny: Option<RuleId>,
    pub boundary: Option<RuleId>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alternative {
    pub action: String,
    pub instead_of: String,
    pub id: RuleId,
    pub severity: Sev,
    pub error_when: Option<Feature>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    pub name: String,
    pub feature: Vec<Feature>,
    pub principal: PrincipalSel,
    pub actions: Vec<String>,
    pub resource: ResForm,
    #[serde(default)]
    pub context: Vec<CtxSel>,
    pub policies: Vec<PolSel>,
    pub severity: Sev,
    pub error_when: Option<Feature>,
    pub anchor: Anchor,
    pub failure: String,
    pub source: String,
    pub ids: Ids,
    pub alternative: Option<Alternative>,
    pub resource_deny_severity: Option<Sev>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Table {
    pub(super) requirement: Vec<Requirement>,
}

/// The requirements table, parsed once (a unit test guarantees it parses and names only known ids).
pub fn table() -> &'static [Requirement] {
    static T: OnceLock<Vec<Requirement>> = OnceLock::new();
    T.get_or_init(|| {
        toml::from_str::<Table>(TABLE_TEXT)
            .map(|t| t.requirement)
            .unwrap_or_default()
    })
}

/// The metadata of a rule id the table names (one of this family's rules).
pub(super) fn meta(id: RuleId) -> Option<&'static RuleMeta> {
    crate::rules::replication::rule_meta_of(id)
}

/// A severity as the table writes it (`error`, `warning`, `info`); any other word is a parse error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sev(pub Severity);

impl<'de> Deserialize<'de> for Sev {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Severity::parse(&s)
            .map(Sev)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown severity `{s}`")))
    }
}
