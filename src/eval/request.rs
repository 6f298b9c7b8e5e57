//! The request the engine evaluates: who, what, on which resource, with which context.

use super::arn;
use super::value::Val;
use std::collections::BTreeMap;

/// One context key's value: single- or multi-valued (`aws:TagKeys`), each element possibly unknown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CtxValue {
    One(Val),
    Many(Vec<Val>),
}

impl CtxValue {
    pub fn values(&self) -> &[Val] {
        match self {
            CtxValue::One(v) => std::slice::from_ref(v),
            CtxValue::Many(vs) => vs,
        }
    }
}

/// Request context keys. Key names are case-insensitive (IAM User Guide, "Condition element").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    /// lower-cased key → (key as written, value)
    entries: BTreeMap<String, (String, CtxValue)>,
}

impl Context {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn insert(&mut self, key: impl Into<String>, value: CtxValue) {
        let key = key.into();
        self.entries.insert(key.to_ascii_lowercase(), (key, value));
    }
    pub fn set(&mut self, key: &str, value: Val) {
        self.insert(key, CtxValue::One(value));
    }
    pub fn get(&self, key: &str) -> Option<&CtxValue> {
        self.entries.get(&key.to_ascii_lowercase()).map(|(_, v)| v)
    }
    /// The key as the request spelled it.
    pub fn spelling<'a>(&'a self, key: &'a str) -> &'a str {
        self.entries
            .get(&key.to_ascii_lowercase())
            .map(|(k, _)| k.as_str())
            .unwrap_or(key)
    }
    pub fn contains(&self, key: &str) -> bool {
        self.entries.contains_key(&key.to_ascii_lowercase())
    }
    pub fn iter(&self) -> impl Iterator<Item = (&str, &CtxValue)> {
        self.entries.values().map(|(k, v)| (k.as_str(), v))
    }
}

/// What kind of resource the request targets: it decides whether a resource policy is mandatory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResourceKind {
    /// A KMS key: the key policy must grant directly or delegate to the account.
    KmsKey,
    /// `sts:AssumeRole*` on a role: its trust policy must allow the caller.
    RoleTrust,
    /// Anything else: same account = identity OR resource policy; cross-account = AND.
    Other,
}

/// A request to evaluate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Principal ARN, 12-digit account id, service principal (`s3.amazonaws.com`), federated provider,
    /// canonical user id; or unknown.
    pub principal: Val,
    /// The principal's account when it cannot be read from the principal (a symbolic principal).
    pub principal_account: Option<Val>,
    /// `service:Action`.
    pub action: String,
    pub resource: Val,
    /// The resource's account when its ARN has none (S3) or it is symbolic.
    pub resource_account: Option<Val>,
    /// Overrides the resource kind derived from the ARN and action.
    pub resource_kind: Option<ResourceKind>,
    pub context: Context,
    /// The organization's management account: SCPs and RCPs do not apply to it.
    pub management_account: Option<String>,
}

impl Request {
    pub fn new(principal: Val, action: impl Into<String>, resource: Val) -> Request {
        Request {
            principal,
            principal_account: None,
            action: action.into(),
            resource,
            resource_account: None,
            resource_kind: None,
            context: Context::new(),
            management_account: None,
        }
    }
}

/// The principal, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrincipalForm {
    /// The account root user (`arn:aws:iam::A:root` or a bare account id).
    Root,
    User {
        arn: String,
    },
    /// A session of a role. Given a role ARN, the session name is unknown.
    RoleSession {
        role_arn: String,
        session_arn: Option<String>,
    },
    FederatedUser {
        arn: String,
    },
    Service(String),
    /// An identity provider (SAML/OIDC provider ARN or a well-known web IdP).
    Federated(String),
    CanonicalUser(String),
    Unknown(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrincipalInfo {
    pub form: PrincipalForm,
    pub account: Option<Val>,
    pub partition: String,
}

impl PrincipalInfo {
    pub fn is_service(&self) -> bool {
        matches!(self.form, PrincipalForm::Service(_))
    }
    /// A service-linked role (`role/aws-service-role/…`): SCPs do not restrict it.
    pub fn is_service_linked_role(&self) -> bool {
        match &self.form {
            PrincipalForm::RoleSession { role_arn, .. } => arn::parse(role_arn)
                .is_some_and(|a| a.resource.starts_with("role/aws-service-role/")),
            _ => false,
        }
    }
    /// The ARN AWS puts in `aws:PrincipalArn` (the role ARN for a role session).
    pub fn principal_arn(&self) -> Option<String> {
        match &self.form {
            PrincipalForm::Root => match &self.account {
                Some(Val::Known(a)) => Some(format!("arn:{}:iam::{a}:root", self.partition)),
                _ => None,
            },
            PrincipalForm::User { arn } | PrincipalForm::FederatedUser { arn } => Some(arn.clone()),
            PrincipalForm::RoleSession { role_arn, .. } => Some(role_arn.clone()),
            _ => None,
        }
    }
    /// `aws:PrincipalArn` as a value: also for an IAM ARN that is partly unknown (a role whose path or
    /// name is a parameter), where the key is present with an unknown value — a condition on it is then
    /// "cannot prove", not a missing key.
    pub fn principal_arn_val(&self) -> Option<Val> {
        if let Some(a) = self.principal_arn() {
            return Some(Val::Known(a));
        }
        let PrincipalForm::Unknown(text) = &self.form else {
            return None;
        };
        let mut known = crate::model::symbolic::literal_prefix(text).split(':');
        let iam = super::value::has_symbol(text)
            && known.next() == Some("arn")
            && known.nth(1) == Some("iam");
        iam.then(|| Val::Unknown(text.clone()))
    }
}

const WEB_IDPS: &[&str] = &[
    "cognito-identity.amazonaws.com",
    "accounts.google.com",
    "graph.facebook.com",
    "www.amazon.com",
];

/// Why a principal string is not a principal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrincipalError(pub String);

/// Classify a principal. `role_arn_hint` is `aws:PrincipalArn` from the context, which carries the role's
/// path for an assumed-role session (the session ARN does not).
pub fn classify(
    principal: &Val,
    explicit_account: Option<&Val>,
    role_arn_hint: Option<&str>,
) -> Result<PrincipalInfo, PrincipalError> {
    let s = match principal {
        Val::Unknown(label) => {
            return Ok(PrincipalInfo {
                form: PrincipalForm::Unknown(label.clone()),
                account: explicit_account.cloned(),
                partition: "aws".into(),
            })
        }
        Val::Known(s) => s.as_str(),
    };
    let mk = |form, account: Option<&str>, partition: &str| PrincipalInfo {
        form,
        account: explicit_account
            .cloned()
            .or_else(|| account.map(|a| Val::Known(a.to_string()))),
        partition: partition.to_string(),
    };
    if arn::is_account_id(s) {
        return Ok(mk(PrincipalForm::Root, Some(s), "aws"));
    }
    if let Some(a) = arn::parse(s) {
        let res = a.resource;
        let form = match (a.service, res) {
            ("iam", "root") => PrincipalForm::Root,
            ("iam", r) if r.starts_with("user/") => PrincipalForm::User { arn: s.into() },
            ("iam", r) if r.starts_with("role/") => PrincipalForm::RoleSession {
                role_arn: s.into(),
                session_arn: None,
            },
            ("iam", r) if r.starts_with("saml-provider/") || r.starts_with("oidc-provider/") => {
                PrincipalForm::Federated(s.into())
            }
            ("sts", r) if r.starts_with("assumed-role/") => {
                let mut parts = r["assumed-role/".len()..].splitn(2, '/');
                let name = parts.next().unwrap_or("");
                if name.is_empty() || parts.next().is_none_or(str::is_empty) {
                    return Err(PrincipalError(format!(
                        "`{s}` is not an assumed-role session ARN (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION)"
                    )));
                }
                let role_arn = role_arn_hint
                    .filter(|h| {
                        arn::parse(h).is_some_and(|ha| {
                            ha.service == "iam"
                                && ha.account == a.account
                                && ha.resource.rsplit('/').next() == Some(name)
                        })
                    })
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("arn:{}:iam::{}:role/{name}", a.partition, a.account));
                PrincipalForm::RoleSession {
                    role_arn,
                    session_arn: Some(s.into()),
                }
            }
            ("sts", r) if r.starts_with("federated-user/") => {
                PrincipalForm::FederatedUser { arn: s.into() }
            }
            _ => {
                return Err(PrincipalError(format!(
                    "`{s}` is not a principal ARN (expected an IAM user, role or root ARN, or an STS session ARN)"
                )))
            }
        };
        if !arn::is_account_id(a.account) {
            return Err(PrincipalError(format!("`{s}` has no 12-digit account id")));
        }
        return Ok(mk(form, Some(a.account), a.partition));
    }
    if s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(mk(PrincipalForm::CanonicalUser(s.into()), None, "aws"));
    }
    if WEB_IDPS.contains(&s) {
        return Ok(mk(PrincipalForm::Federated(s.into()), None, "aws"));
    }
    if !s.is_empty()
        && s.contains('.')
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    {
        return Ok(mk(PrincipalForm::Service(s.into()), None, "aws"));
    }
    Err(PrincipalError(format!(
        "`{s}` is not a principal: expected an ARN, a 12-digit account id or a service principal such as s3.amazonaws.com"
    )))
}

/// The resource's account: from its ARN, else `resource_account`.
pub fn resource_account(req: &Request) -> Option<Val> {
    if let Some(a) = &req.resource_account {
        return Some(a.clone());
    }
    match &req.resource {
        Val::Known(r) => arn::account(r).map(|a| Val::Known(a.to_string())),
        Val::Unknown(_) => None,
    }
}

/// Role-trust actions: the trust policy decides them.
pub fn is_assume_role_action(action: &str) -> bool {
    let a = action.to_ascii_lowercase();
    matches!(
        a.as_str(),
        "sts:assumerole"
            | "sts:assumerolewithsaml"
            | "sts:assumerolewithwebidentity"
            | "sts:tagsession"
            | "sts:setsourceidentity"
            | "sts:setcontext"
    )
}

/// The resource kind: explicit, else from the ARN, else from the action's service.
pub fn resource_kind(req: &Request) -> ResourceKind {
    if let Some(k) = req.resource_kind {
        return k;
    }
    let assume = is_assume_role_action(&req.action);
    match &req.resource {
        Val::Known(r) => match arn::parse(r) {
            Some(a) if a.service == "kms" => ResourceKind::KmsKey,
            Some(a) if assume && a.service == "iam" && a.resource.starts_with("role/") => {
                ResourceKind::RoleTrust
            }
            _ => ResourceKind::Other,
        },
        Val::Unknown(_) => {
            if assume {
                ResourceKind::RoleTrust
            } else if req.action.to_ascii_lowercase().starts_with("kms:") {
                ResourceKind::KmsKey
            } else {
                ResourceKind::Other
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies() {
        let c = |s: &str| classify(&Val::known(s), None, None).map(|p| p.form);
        assert_eq!(c("111111111111"), Ok(PrincipalForm::Root));
        assert!(matches!(
            c("s3.amazonaws.com"),
            Ok(PrincipalForm::Service(_))
        ));
        assert!(matches!(
            c("arn:aws:sts::111111111111:assumed-role/r/s"),
            Ok(PrincipalForm::RoleSession { .. })
        ));
        assert!(c("arn:aws:sts::111111111111:assumed-role/r").is_err());
        assert!(c("bob").is_err());
        let hinted = classify(
            &Val::known("arn:aws:sts::111111111111:assumed-role/r/s"),
            None,
            Some("arn:aws:iam::111111111111:role/service-role/r"),
        )
        .unwrap();
        assert_eq!(
            hinted.principal_arn().as_deref(),
            Some("arn:aws:iam::111111111111:role/service-role/r")
        );
    }
}
