//! Why a decision came out as it did: structured data for rules and renderers (no prose here).

use super::value::Unknown;
use crate::model::Effect;
use crate::source::Span;

/// Which slot of the request a policy occupies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PolicyRole {
    Identity,
    /// Bucket policy, key policy, trust policy, …
    Resource,
    Boundary,
    Session,
    Scp,
    Rcp,
}

/// How a statement's `Principal` matched the request principal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PrincipalVia {
    /// `"*"` or `{"AWS": "*"}`.
    Everyone,
    /// An account id or `…:root`: the account delegates to its own IAM policies.
    Account,
    /// The role ARN (covers all its sessions).
    Role,
    /// The session ARN or IAM user ARN itself.
    Exact,
    Service,
    Federated,
    CanonicalUser,
    /// `NotPrincipal` that does not list the principal.
    NotPrincipal,
}

/// Why a condition did not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CondFailure {
    /// The operator is not one of IAM's (a typo): the condition never matches.
    UnknownOperator,
    /// The key is absent from the request.
    KeyMissing,
    /// The key is present but no value satisfied the operator.
    NoValueMatched,
    /// A policy value cannot be read by this operator (bad date, bad CIDR, …).
    Unparsable { value: String },
    /// `ForAnyValue:` over an empty or absent set.
    EmptySet,
    /// A policy variable had no value and no default.
    UnresolvedVariable { key: String },
}

/// The first element of a statement that did not match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Miss {
    NoEffect,
    /// Neither `Action` nor `NotAction`.
    NoAction,
    /// Neither `Resource` nor `NotResource` (only trust policies may omit it).
    NoResource,
    Action,
    /// The action is listed in `NotAction`.
    NotAction,
    Resource,
    NotResource,
    /// A resource-based statement without `Principal`/`NotPrincipal`.
    NoPrincipal,
    Principal,
    /// The principal is listed in `NotPrincipal`.
    NotPrincipal,
    Condition {
        /// Index into the statement's `conditions`.
        index: usize,
        operator: String,
        key: String,
        failure: CondFailure,
    },
}

/// Whether a statement applies to the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applies {
    Yes,
    No(Miss),
    /// Could apply; depends on these unknowns.
    Depends(Vec<Unknown>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementReason {
    /// Index into [`super::Decision::policies`].
    pub policy: usize,
    /// Position in the policy's `Statement` array.
    pub index: usize,
    pub sid: Option<String>,
    pub span: Span,
    pub effect: Option<Effect>,
    pub applies: Applies,
    /// For a statement with a principal element that matched (or may match): how.
    pub via: Option<PrincipalVia>,
}

/// One evaluated policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyReason {
    /// The name the caller gave (`identityPolicies[0]`, `resourcePolicy`, `scps[1][0]`, …).
    pub name: String,
    pub role: PolicyRole,
    pub span: Span,
    /// Whether the policy took part (SCPs do not bind a service principal, …) and if not, why.
    pub skipped: Option<Skip>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// SCPs/RCPs do not apply to the organization's management account.
    ManagementAccount,
    /// SCPs do not restrict service principals; identity policies, boundaries and sessions have no
    /// meaning for them (nor for federated identity providers and canonical users).
    ServicePrincipal,
    /// SCPs do not restrict service-linked roles.
    ServiceLinkedRole,
    /// The root user's identity permissions are implicit.
    RootUser,
}

/// A grant the decision needed and did not find (only in a non-`Allowed` decision).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// Same account, non-KMS: neither the identity nor the resource policy allows.
    NoAllow,
    /// Cross-account: the principal's identity policies do not allow.
    IdentityAllow { principal_account: Option<String> },
    /// Cross-account: the resource policy does not allow the principal (or its account).
    ResourceAllow {
        resource_account: Option<String>,
        has_policy: bool,
    },
    /// KMS: the key policy neither grants the principal nor delegates to its account.
    KeyPolicyGrant { principal_account: Option<String> },
    /// KMS: the key policy admits the principal (naming it, or delegating to its account) but no
    /// identity policy allows, and the key policy alone does not grant (another account, or only a
    /// delegation).
    KeyIdentityAllow {
        /// The key policy names the principal itself (not only its account).
        names_principal: bool,
    },
    /// KMS: no key policy was given.
    KeyPolicyAbsent,
    /// `sts:AssumeRole*`: the trust policy does not allow the caller (or its account).
    TrustPolicyGrant { principal_account: Option<String> },
    /// Trust policy delegates to the account but no identity policy allows.
    TrustIdentityAllow,
    /// The permissions boundary does not allow the action.
    BoundaryAllow,
    /// The session policy does not allow the action.
    SessionAllow,
    /// An SCP level (0 = root) has no matching Allow.
    ScpLevel { level: usize },
    /// An RCP level has no matching Allow.
    RcpLevel { level: usize },
    /// A service principal is only granted by the resource policy.
    ServiceResourceAllow,
}

/// A statement that decided the outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatementRef {
    pub policy: usize,
    pub index: usize,
}
