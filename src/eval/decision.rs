//! The decision: AWS's policy evaluation logic over every applicable policy type
//! (IAM User Guide, "Policy evaluation logic", "Cross-account policy evaluation logic"; AWS KMS Developer
//! Guide, "Key policies", "Allowing users in other accounts"; Organizations User Guide, SCPs and RCPs).
//!
//! 1. An explicit `Deny` in any applicable policy wins.
//! 2. SCPs bind principals of member accounts (not the management account, not service principals, not
//!    service-linked roles): every level must allow. RCPs bind resources of member accounts: every level
//!    must allow.
//! 3. KMS keys and role trust: the key/trust policy must grant the principal directly, or delegate to
//!    its account — then the identity policy must allow too.
//! 4. Other resources: same account = identity OR resource policy; cross-account = identity AND resource.
//! 5. A permissions boundary (and a session policy) must allow too, except for a same-account resource
//!    policy grant that names the session ARN or IAM user ARN itself.
//! 6. A service principal is judged by the resource policy (and RCPs) alone.

use super::reasons::{
    Applies, Missing, PolicyReason, PolicyRole, Skip, StatementReason, StatementRef,
};
use super::request::{
    classify, resource_account, resource_kind, CtxValue, PrincipalError, PrincipalForm,
    PrincipalInfo, Request, ResourceKind,
};
use super::statement::{self, StmtInput};
use super::value::{merge, symbol_labels, Subject, Tri, Unknown, Val};
use crate::model::{Effect, Policy};

/// A policy with the name reasons refer to it by.
#[derive(Debug, Clone, Copy)]
pub struct NamedPolicy<'a> {
    pub name: &'a str,
    pub policy: &'a Policy,
}

/// Every policy that may apply to a request.
#[derive(Debug, Clone, Default)]
pub struct PolicySet<'a> {
    /// The principal's identity-based policies (inline and managed, user groups included).
    pub identity: Vec<NamedPolicy<'a>>,
    /// The resource-based policy: bucket policy, key policy, role trust policy, …
    pub resource: Option<NamedPolicy<'a>>,
    pub boundary: Option<NamedPolicy<'a>>,
    pub session: Option<NamedPolicy<'a>>,
    /// SCPs of the principal's account, one list per level (root, OUs…, account).
    pub scps: Vec<Vec<NamedPolicy<'a>>>,
    /// RCPs of the resource's account, one list per level.
    pub rcps: Vec<Vec<NamedPolicy<'a>>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    ImplicitlyDenied,
    ExplicitlyDenied,
    /// Allowed or not depending on values not known statically.
    Depends(Vec<Unknown>),
}

impl Verdict {
    pub fn name(&self) -> &'static str {
        match self {
            Verdict::Allowed => "Allowed",
            Verdict::ImplicitlyDenied => "ImplicitlyDenied",
            Verdict::ExplicitlyDenied => "ExplicitlyDenied",
            Verdict::Depends(_) => "Depends",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub verdict: Verdict,
    pub principal: PrincipalInfo,
    /// Whether principal and resource are in the same account (as evaluated).
    pub same_account: Tri,
    pub resource_kind: ResourceKind,
    pub policies: Vec<PolicyReason>,
    /// Every evaluated statement, in policy order.
    pub statements: Vec<StatementReason>,
    /// Grants that were needed and not found (empty when allowed).
    pub missing: Vec<Missing>,
    /// The statements that decided: the matching denies, or the allows that granted.
    pub deciding: Vec<StatementRef>,
}

impl Decision {
    pub fn is_allowed(&self) -> bool {
        self.verdict == Verdict::Allowed
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvalError {
    Principal(PrincipalError),
}

impl std::fmt::Display for EvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EvalError::Principal(e) => write!(f, "{}", e.0),
        }
    }
}

/// Allow/deny summary of one policy.
#[derive(Debug, Clone)]
struct Eval {
    deny: Tri,
    allow: Tri,
    direct: Tri,
    exact: Tri,
}

impl Eval {
    fn skipped() -> Eval {
        Eval {
            deny: Tri::False,
            allow: Tri::True,
            direct: Tri::True,
            exact: Tri::False,
        }
    }
}

struct Evaluator<'r> {
    input: StmtInput<'r>,
    policies: Vec<PolicyReason>,
    statements: Vec<StatementReason>,
}

impl Evaluator<'_> {
    fn policy(
        &mut self,
        np: &NamedPolicy<'_>,
        role: PolicyRole,
        trust: bool,
        skip: Option<Skip>,
    ) -> Eval {
        let idx = self.policies.len();
        self.policies.push(PolicyReason {
            name: np.name.to_string(),
            role,
            span: np.policy.span,
            skipped: skip,
        });
        if skip.is_some() {
            return Eval::skipped();
        }
        let vars = np.policy.supports_variables();
        let with_principal = matches!(role, PolicyRole::Resource | PolicyRole::Rcp);
        let mut e = Eval {
            deny: Tri::False,
            allow: Tri::False,
            direct: Tri::False,
            exact: Tri::False,
        };
        for st in &np.policy.statements {
            let r = statement::evaluate(st, vars, with_principal, trust, &self.input);
            let effect = st.effect.as_ref().map(|e| e.value);
            // An unknown effect counts on each side it may be on; its match is already a "maybe"
            // naming the effect (statement::evaluate), so it never decides alone.
            if effect.is_some_and(Effect::may_deny) {
                e.deny = e.deny.or(r.any.clone());
            }
            if effect.is_some_and(Effect::may_allow) {
                e.allow = e.allow.or(r.any.clone());
                e.direct = e.direct.or(r.direct.clone());
                e.exact = e.exact.or(r.exact.clone());
            }
            self.statements.push(StatementReason {
                policy: idx,
                index: st.index,
                sid: st.sid.as_ref().map(|s| s.value.clone()),
                span: st.span,
                effect,
                applies: r.applies,
                via: r.via,
            });
        }
        // A statement not known statically may allow or deny anything, naming anyone exactly.
        for u in &np.policy.unknown_statements {
            let maybe = Unknown::new(Subject::PolicyValue, symbol_labels(&u.text.value));
            let t = Tri::maybe(maybe.clone());
            e.deny = e.deny.or(t.clone());
            e.allow = e.allow.or(t.clone());
            e.direct = e.direct.or(t.clone());
            e.exact = e.exact.or(t);
            self.statements.push(StatementReason {
                policy: idx,
                index: u.index,
                sid: None,
                span: u.text.span,
                effect: Some(Effect::Unknown {
                    may_allow: true,
                    may_deny: true,
                }),
                applies: Applies::Depends(vec![maybe]),
                via: None,
            });
        }
        e
    }
}

/// Evaluate a request against its policies.
pub fn evaluate(req: &Request, set: &PolicySet<'_>) -> Result<Decision, EvalError> {
    let hint = match req.context.get("aws:PrincipalArn") {
        Some(CtxValue::One(Val::Known(s))) => Some(s.as_str()),
        _ => None,
    };
    let principal = classify(&req.principal, req.principal_account.as_ref(), hint)
        .map_err(EvalError::Principal)?;
    let res_account = resource_account(req);
    let kind = resource_kind(req);
    let context = derived_context(req, &principal, res_account.as_ref());
    let mgmt = req.management_account.as_deref();
    // Service principals, federated identity providers and canonical users have no IAM identity policies:
    // the resource policy alone decides for them.
    let is_service = matches!(
        principal.form,
        PrincipalForm::Service(_) | PrincipalForm::Federated(_) | PrincipalForm::CanonicalUser(_)
    );
    let is_root = principal.form == PrincipalForm::Root;

    let mut ev = Evaluator {
        input: StmtInput {
            principal: &principal,
            action: &req.action,
            resource: &req.resource,
            context: &context,
            has_boundary: set.boundary.is_some() && !is_service,
        },
        policies: Vec::new(),
        statements: Vec::new(),
    };

    // SCPs: principals of member accounts only.
    let scp_skip = if is_service {
        Some(Skip::ServicePrincipal)
    } else if principal.is_service_linked_role() {
        Some(Skip::ServiceLinkedRole)
    } else if mgmt.is_some() && principal.account.as_ref().and_then(Val::as_known) == mgmt {
        Some(Skip::ManagementAccount)
    } else {
        None
    };
    let mut deny = Tri::False;
    let mut scp_ok = Tri::True;
    let mut missing_levels = Vec::new();
    for (level, pols) in set.scps.iter().enumerate() {
        let mut level_allow = Tri::False;
        for p in pols {
            let e = ev.policy(p, PolicyRole::Scp, false, scp_skip);
            deny = deny.or(e.deny);
            level_allow = level_allow.or(e.allow);
        }
        if scp_skip.is_some() {
            continue;
        }
        if level_allow.is_false() {
            missing_levels.push(Missing::ScpLevel { level });
        }
        scp_ok = scp_ok.and(level_allow);
    }
    // RCPs: resources of member accounts.
    let rcp_skip = match (mgmt, &res_account) {
        (Some(m), Some(Val::Known(a))) if a == m => Some(Skip::ManagementAccount),
        _ => None,
    };
    let mut rcp_ok = Tri::True;
    for (level, pols) in set.rcps.iter().enumerate() {
        let mut level_allow = Tri::False;
        for p in pols {
            let e = ev.policy(p, PolicyRole::Rcp, false, rcp_skip);
            deny = deny.or(e.deny);
            level_allow = level_allow.or(e.allow);
        }
        if rcp_skip.is_some() {
            continue;
        }
        if level_allow.is_false() {
            missing_levels.push(Missing::RcpLevel { level });
        }
        rcp_ok = rcp_ok.and(level_allow);
    }

    // Identity side.
    let id_skip = if is_service {
        Some(Skip::ServicePrincipal)
    } else if is_root {
        Some(Skip::RootUser)
    } else {
        None
    };
    let mut id_allow = if id_skip.is_some() {
        Tri::True
    } else {
        Tri::False
    };
    for p in &set.identity {
        let e = ev.policy(p, PolicyRole::Identity, false, id_skip);
        deny = deny.or(e.deny);
        if id_skip.is_none() {
            id_allow = id_allow.or(e.allow);
        }
    }
    let side_skip = if is_service {
        Some(Skip::ServicePrincipal)
    } else {
        None
    };
    let (mut bnd, mut has_bnd) = (Tri::True, false);
    if let Some(p) = &set.boundary {
        let e = ev.policy(p, PolicyRole::Boundary, false, side_skip);
        if side_skip.is_none() {
            deny = deny.or(e.deny);
            bnd = e.allow;
            has_bnd = true;
        }
    }
    let (mut sess, mut has_sess) = (Tri::True, false);
    if let Some(p) = &set.session {
        let e = ev.policy(p, PolicyRole::Session, false, side_skip);
        if side_skip.is_none() {
            deny = deny.or(e.deny);
            sess = e.allow;
            has_sess = true;
        }
    }
    // Resource side.
    let trust = kind == ResourceKind::RoleTrust;
    let rp = match &set.resource {
        Some(p) => {
            let e = ev.policy(p, PolicyRole::Resource, trust, None);
            deny = deny.or(e.deny.clone());
            Some(e)
        }
        None => None,
    };
    let rp_any = rp.as_ref().map(|e| e.allow.clone()).unwrap_or(Tri::False);
    let rp_direct = rp.as_ref().map(|e| e.direct.clone()).unwrap_or(Tri::False);
    let rp_exact = rp.as_ref().map(|e| e.exact.clone()).unwrap_or(Tri::False);

    let same = same_account(&principal, res_account.as_ref());
    let limits = bnd.clone().and(sess.clone());
    let grant = |same: bool, missing: &mut Vec<Missing>| -> Tri {
        if is_service {
            if rp_direct.is_false() {
                missing.push(Missing::ServiceResourceAllow);
            }
            return rp_direct.clone();
        }
        let id_side = id_allow.clone().and(limits.clone());
        let pacct = principal
            .account
            .as_ref()
            .and_then(Val::as_known)
            .map(str::to_string);
        let t = match (kind, same) {
            (ResourceKind::Other, true) => rp_exact
                .clone()
                .or(rp_direct.clone().and(limits.clone()))
                .or(id_side.clone()),
            (ResourceKind::Other, false) => id_side.clone().and(rp_any.clone()),
            (_, true) => rp_exact
                .clone()
                .or(rp_direct.clone().and(limits.clone()))
                .or(rp_any.clone().and(id_side.clone())),
            (_, false) => rp_any.clone().and(id_side.clone()),
        };
        if t.is_true() {
            return t;
        }
        // Say what is missing.
        let res_allows_principal = rp_direct.clone().or(rp_any.clone());
        match kind {
            ResourceKind::Other if same => {
                if id_allow.is_false() && rp_any.is_false() {
                    missing.push(Missing::NoAllow);
                }
            }
            ResourceKind::Other => {
                if id_allow.is_false() {
                    missing.push(Missing::IdentityAllow {
                        principal_account: pacct.clone(),
                    });
                }
                if rp_any.is_false() {
                    missing.push(Missing::ResourceAllow {
                        resource_account: res_account
                            .as_ref()
                            .and_then(Val::as_known)
                            .map(str::to_string),
                        has_policy: rp.is_some(),
                    });
                }
            }
            ResourceKind::KmsKey | ResourceKind::RoleTrust => {
                let kms = kind == ResourceKind::KmsKey;
                if rp.is_none() && kms {
                    missing.push(Missing::KeyPolicyAbsent);
                } else if res_allows_principal.is_false() {
                    missing.push(if kms {
                        Missing::KeyPolicyGrant {
                            principal_account: pacct.clone(),
                        }
                    } else {
                        Missing::TrustPolicyGrant {
                            principal_account: pacct.clone(),
                        }
                    });
                } else if id_allow.is_false() && (!same || rp_direct.is_false()) {
                    missing.push(if kms {
                        Missing::KeyIdentityAllow {
                            names_principal: rp_direct.is_true(),
                        }
                    } else {
                        Missing::TrustIdentityAllow
                    });
                }
            }
        }
        let id_path_possible = !id_allow.is_false() || !rp_direct.is_false();
        // Only a same-account resource policy naming the principal exactly grants past the limits;
        // across accounts the identity side (limits included) must allow in any case.
        let exact_bypass_ruled_out = !same || rp_exact.is_false();
        if id_path_possible && has_bnd && bnd.is_false() && exact_bypass_ruled_out {
            missing.push(Missing::BoundaryAllow);
        }
        if id_path_possible && has_sess && sess.is_false() && exact_bypass_ruled_out {
            missing.push(Missing::SessionAllow);
        }
        t
    };
    let mut missing = Vec::new();
    let granted = match &same {
        Tri::True => grant(true, &mut missing),
        Tri::False => grant(false, &mut missing),
        Tri::Maybe(d) => {
            let (a, b) = (grant(true, &mut missing), grant(false, &mut missing));
            match (a, b) {
                (Tri::True, Tri::True) => Tri::True,
                (Tri::False, Tri::False) => Tri::False,
                (x, y) => Tri::Maybe(merge(
                    merge(d.clone(), x.deps().to_vec()),
                    y.deps().to_vec(),
                )),
            }
        }
    };
    let total = scp_ok.and(rcp_ok).and(granted);
    let verdict = match (&deny, &total) {
        (Tri::True, _) => Verdict::ExplicitlyDenied,
        (Tri::False, Tri::True) => Verdict::Allowed,
        (_, Tri::False) => Verdict::ImplicitlyDenied,
        (d, t) => Verdict::Depends(merge(d.deps().to_vec(), t.deps().to_vec())),
    };
    if verdict == Verdict::Allowed {
        missing.clear();
    } else {
        missing.extend(missing_levels);
        missing.dedup();
    }
    let Evaluator {
        policies,
        statements,
        ..
    } = ev;
    let deciding = deciding(&verdict, &policies, &statements);
    Ok(Decision {
        verdict,
        principal,
        same_account: same,
        resource_kind: kind,
        policies,
        statements,
        missing,
        deciding,
    })
}

fn deciding(v: &Verdict, policies: &[PolicyReason], sts: &[StatementReason]) -> Vec<StatementRef> {
    let want = match v {
        Verdict::ExplicitlyDenied => Effect::Deny,
        Verdict::Allowed => Effect::Allow,
        _ => return Vec::new(),
    };
    sts.iter()
        .filter(|s| s.effect == Some(want) && s.applies == Applies::Yes)
        .filter(|s| {
            want == Effect::Deny
                || policies
                    .get(s.policy)
                    .is_some_and(|p| matches!(p.role, PolicyRole::Identity | PolicyRole::Resource))
        })
        .map(|s| StatementRef {
            policy: s.policy,
            index: s.index,
        })
        .collect()
}

fn same_account(p: &PrincipalInfo, res: Option<&Val>) -> Tri {
    let unknown = |a: &Val, s: Subject| match a {
        Val::Unknown(l) => Some(Unknown::new(s, l.clone())),
        Val::Known(_) => None,
    };
    match (&p.account, res) {
        (_, None) => Tri::True,
        (Some(Val::Known(a)), Some(Val::Known(b))) => Tri::from_bool(a == b),
        // The same unknown account on both sides (one unbound template): the same account.
        (Some(Val::Unknown(a)), Some(Val::Unknown(b))) if a == b => Tri::True,
        (None, Some(_)) => match &p.form {
            PrincipalForm::Unknown(l) => Tri::maybe(Unknown::new(Subject::Principal, l.clone())),
            _ => Tri::False,
        },
        (Some(a), Some(b)) => {
            let mut d = Vec::new();
            d.extend(unknown(a, Subject::PrincipalAccount));
            d.extend(unknown(b, Subject::ResourceAccount));
            Tri::Maybe(d)
        }
    }
}

/// Global keys AWS always sets, when the request did not give them.
fn derived_context(
    req: &Request,
    p: &PrincipalInfo,
    res_account: Option<&Val>,
) -> super::request::Context {
    let mut c = req.context.clone();
    let mut put = |k: &str, v: Val| {
        if !c.contains(k) {
            c.set(k, v);
        }
    };
    if let Some(a) = p.principal_arn_val() {
        put("aws:PrincipalArn", a);
    }
    if let Some(a) = &p.account {
        if !p.is_service() {
            put("aws:PrincipalAccount", a.clone());
        }
    }
    put(
        "aws:PrincipalIsAWSService",
        Val::known(if p.is_service() { "true" } else { "false" }),
    );
    match &p.form {
        PrincipalForm::Service(s) => put("aws:PrincipalServiceName", Val::Known(s.clone())),
        PrincipalForm::User { arn } => {
            if let Some(name) = arn.rsplit('/').next() {
                put("aws:username", Val::known(name));
            }
            put("aws:PrincipalType", Val::known("User"));
        }
        PrincipalForm::RoleSession { .. } => put("aws:PrincipalType", Val::known("AssumedRole")),
        PrincipalForm::Root => put("aws:PrincipalType", Val::known("Account")),
        PrincipalForm::FederatedUser { .. } => {
            put("aws:PrincipalType", Val::known("FederatedUser"))
        }
        _ => {}
    }
    if let Some(a) = res_account {
        put("aws:ResourceAccount", a.clone());
    }
    c
}

#[cfg(test)]
mod tests;
