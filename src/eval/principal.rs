//! Matching a `Principal` / `NotPrincipal` element against the request principal
//! (IAM User Guide, "AWS JSON policy elements: Principal" and "NotPrincipal").

use super::arn;
use super::reasons::PrincipalVia;
use super::request::{PrincipalForm, PrincipalInfo};
use super::value::{has_symbol, symbol_label, symbol_labels, Subject, Tri, Unknown, Val};
use crate::model::{PrincipalBlock, PrincipalKind, PrincipalValue};

/// How a `Principal` element covers the request principal, split by the kind of grant it makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Names the session ARN or IAM user ARN itself, or everyone (`*`): not limited by a boundary or a
    /// session policy in the same account.
    pub exact: Tri,
    /// Names the principal by anything but its account (`*`, role ARN, service, …), `exact` included.
    pub direct: Tri,
    /// Names the principal's account only (`123456789012`, `…:root`): delegation to IAM policies.
    pub account: Tri,
    pub via: Option<PrincipalVia>,
}

impl Hit {
    pub fn any(&self) -> Tri {
        self.direct.clone().or(self.account.clone())
    }
    fn none() -> Hit {
        Hit {
            exact: Tri::False,
            direct: Tri::False,
            account: Tri::False,
            via: None,
        }
    }
}

/// `(kind, value)` of every principal a `Principal`/`NotPrincipal` element lists; `"*"` is `AWS: *`.
/// An unknown element lists nothing here: callers answer "maybe" for it first.
fn principal_values(block: &PrincipalBlock) -> Vec<(PrincipalKind, &str)> {
    match &block.value {
        PrincipalValue::Any => vec![(PrincipalKind::Aws, "*")],
        PrincipalValue::Unknown(_) => Vec::new(),
        PrincipalValue::Map(es) => es
            .iter()
            .flat_map(|e| e.values.iter().map(move |v| (e.kind, v.value.as_str())))
            .collect(),
    }
}

/// Evaluate a `Principal` element.
pub fn principal_hit(block: &PrincipalBlock, p: &PrincipalInfo) -> Hit {
    if let PrincipalValue::Unknown(text) = &block.value {
        // It may name anyone, in any way (`*`, the account, the principal itself): the same "maybe" as
        // an unknown `AWS` value, never a match decided from the text.
        let t = unknown_element(text);
        return Hit {
            exact: t.clone(),
            direct: t,
            account: Tri::False,
            via: Some(PrincipalVia::Exact),
        };
    }
    let mut hit = Hit::none();
    let mut maybe_via = None;
    let entries = principal_values(block);
    for (kind, value) in entries {
        let (via, t) = value_hit(kind, value, p);
        let slot = match via {
            PrincipalVia::Account => &mut hit.account,
            _ => &mut hit.direct,
        };
        *slot = std::mem::replace(slot, Tri::False).or(t.clone());
        // IAM UG, Principal: with `*`, "For IAM users and role principals within your account, no other
        // permissions are required", and "permissions boundaries or session policies, do not limit
        // permissions granted using the aws:PrincipalArn condition key with a wildcard(*) in the
        // Principal element".
        if matches!(via, PrincipalVia::Exact | PrincipalVia::Everyone) {
            hit.exact = std::mem::replace(&mut hit.exact, Tri::False).or(t.clone());
        }
        match t {
            Tri::True => {
                if hit.via.is_none_or(|v| rank(via) > rank(v)) {
                    hit.via = Some(via);
                }
            }
            Tri::Maybe(_) => maybe_via = maybe_via.or(Some(via)),
            Tri::False => {}
        }
    }
    if hit.via.is_none() {
        hit.via = maybe_via;
    }
    hit
}

fn rank(v: PrincipalVia) -> u8 {
    match v {
        PrincipalVia::Account => 0,
        PrincipalVia::Everyone | PrincipalVia::NotPrincipal => 1,
        PrincipalVia::Role => 2,
        _ => 3,
    }
}

/// Whether a `NotPrincipal` element lists the request principal, so that a `Deny` spares it. "When you
/// use NotPrincipal, you must also specify the account ARN of the not-denied principal", and for an
/// assumed-role session "AWS might validate the account first, then the role, and then the assumed-role
/// user" (IAM UG, NotPrincipal): every identity in that chain must be listed. An assumed-role session is
/// named only by its session ARN (the role ARN alone does not list it); an account ARN alone lists only
/// that account's root user.
pub fn not_principal_lists(block: &PrincipalBlock, p: &PrincipalInfo) -> Tri {
    if let PrincipalValue::Unknown(text) = &block.value {
        return unknown_element(text);
    }
    let entries = principal_values(block);
    if entries
        .iter()
        .any(|&(kind, value)| kind == PrincipalKind::Aws && value == "*")
    {
        return Tri::True;
    }
    let chain: Vec<Named> = match &p.form {
        PrincipalForm::Unknown(l) => {
            return Tri::any(entries.iter().map(|&(_, value)| {
                symbolic(value, p)
                    .unwrap_or_else(|| Tri::maybe(Unknown::new(Subject::Principal, l.clone())))
            }))
        }
        PrincipalForm::Root => vec![Named::Account],
        PrincipalForm::User { arn } | PrincipalForm::FederatedUser { arn } => {
            vec![Named::Account, Named::Arn(arn)]
        }
        PrincipalForm::RoleSession {
            role_arn,
            session_arn: Some(s),
        } => vec![Named::Account, Named::Arn(role_arn), Named::Arn(s)],
        // A role whose session is not known: no policy can name its session.
        PrincipalForm::RoleSession {
            session_arn: None, ..
        } => return Tri::False,
        PrincipalForm::Service(s) => vec![Named::Other(PrincipalKind::Service, s, true)],
        PrincipalForm::Federated(s) => vec![Named::Other(PrincipalKind::Federated, s, false)],
        PrincipalForm::CanonicalUser(s) => {
            vec![Named::Other(PrincipalKind::CanonicalUser, s, true)]
        }
    };
    Tri::all(chain.iter().map(|named| {
        Tri::any(entries.iter().map(|&(kind, value)| {
            symbolic(value, p).unwrap_or_else(|| names(named, kind, value, p))
        }))
    }))
}

/// One identity of the request principal that a `NotPrincipal` must list.
enum Named<'a> {
    /// The principal's account (`123456789012` or its root ARN).
    Account,
    /// An exact `AWS` ARN (user, role, session).
    Arn(&'a str),
    /// A service, federated provider or canonical user; `true` = compared ignoring case.
    Other(PrincipalKind, &'a str, bool),
}

fn names(named: &Named<'_>, kind: PrincipalKind, value: &str, p: &PrincipalInfo) -> Tri {
    match named {
        Named::Account => match (kind, root_account(value), &p.account) {
            (PrincipalKind::Aws, Some(a), Some(Val::Known(pa))) => Tri::from_bool(a == pa),
            (PrincipalKind::Aws, Some(_), Some(Val::Unknown(l))) => {
                Tri::maybe(Unknown::new(Subject::PrincipalAccount, l.clone()))
            }
            _ => Tri::False,
        },
        Named::Arn(arn) => Tri::from_bool(kind == PrincipalKind::Aws && value == *arn),
        Named::Other(k, s, ci) => Tri::from_bool(
            kind == *k
                && if *ci {
                    value.eq_ignore_ascii_case(s)
                } else {
                    value == *s
                },
        ),
    }
}

/// Whether a whole `Principal`/`NotPrincipal` element not known statically names the principal.
fn unknown_element(text: &str) -> Tri {
    Tri::maybe(Unknown::new(Subject::PolicyValue, symbol_labels(text)))
}

/// A policy value that is a symbolic placeholder.
fn symbolic(value: &str, p: &PrincipalInfo) -> Option<Tri> {
    if !has_symbol(value) {
        return None;
    }
    Some(match (&p.form, symbol_label(value)) {
        (PrincipalForm::Unknown(l), Some(label)) if *l == label => Tri::True,
        // The same partly unknown text (`arn:aws:iam::‹account›:role/‹name›` on both sides).
        (PrincipalForm::Unknown(l), _) if l == value => Tri::True,
        _ => Tri::maybe(Unknown::new(Subject::PolicyValue, symbol_labels(value))),
    })
}

/// The account named by an account principal (`123456789012` or `arn:…:iam::123456789012:root`).
fn root_account(value: &str) -> Option<&str> {
    if arn::is_account_id(value) {
        return Some(value);
    }
    let a = arn::parse(value)?;
    (a.service == "iam" && a.resource == "root").then_some(a.account)
}

fn value_hit(kind: PrincipalKind, value: &str, p: &PrincipalInfo) -> (PrincipalVia, Tri) {
    if let Some(t) = symbolic(value, p) {
        return (PrincipalVia::Exact, t);
    }
    let unknown_principal = |via| match &p.form {
        PrincipalForm::Unknown(l) => {
            Some((via, Tri::maybe(Unknown::new(Subject::Principal, l.clone()))))
        }
        _ => None,
    };
    match kind {
        PrincipalKind::Aws => {
            if value == "*" {
                return (PrincipalVia::Everyone, Tri::True);
            }
            if let Some(acct) = root_account(value) {
                if matches!(p.form, PrincipalForm::Service(_)) {
                    return (PrincipalVia::Account, Tri::False);
                }
                let t = match &p.account {
                    Some(Val::Known(pa)) => Tri::from_bool(pa == acct),
                    Some(Val::Unknown(l)) => {
                        Tri::maybe(Unknown::new(Subject::PrincipalAccount, l.clone()))
                    }
                    None => match &p.form {
                        PrincipalForm::Unknown(l) => {
                            Tri::maybe(Unknown::new(Subject::Principal, l.clone()))
                        }
                        _ => Tri::False,
                    },
                };
                let via = if p.form == PrincipalForm::Root {
                    PrincipalVia::Exact
                } else {
                    PrincipalVia::Account
                };
                return (via, t);
            }
            let is_role = arn::parse(value)
                .is_some_and(|a| a.service == "iam" && a.resource.starts_with("role/"));
            let via = if is_role {
                PrincipalVia::Role
            } else {
                PrincipalVia::Exact
            };
            if let Some(r) = unknown_principal(via) {
                return r;
            }
            let t = match &p.form {
                PrincipalForm::RoleSession {
                    role_arn,
                    session_arn,
                } => {
                    if is_role {
                        role_arn == value
                    } else {
                        session_arn.as_deref() == Some(value)
                    }
                }
                PrincipalForm::User { arn } | PrincipalForm::FederatedUser { arn } => arn == value,
                _ => false,
            };
            (via, Tri::from_bool(t))
        }
        PrincipalKind::Service => {
            if let Some(r) = unknown_principal(PrincipalVia::Service) {
                return r;
            }
            let t = matches!(&p.form, PrincipalForm::Service(s) if s.eq_ignore_ascii_case(value))
                || value == "*";
            (PrincipalVia::Service, Tri::from_bool(t))
        }
        PrincipalKind::Federated => {
            if let Some(r) = unknown_principal(PrincipalVia::Federated) {
                return r;
            }
            let t = matches!(&p.form, PrincipalForm::Federated(s) if s == value);
            (PrincipalVia::Federated, Tri::from_bool(t))
        }
        PrincipalKind::CanonicalUser => {
            if let Some(r) = unknown_principal(PrincipalVia::CanonicalUser) {
                return r;
            }
            let t =
                matches!(&p.form, PrincipalForm::CanonicalUser(s) if s.eq_ignore_ascii_case(value));
            (PrincipalVia::CanonicalUser, Tri::from_bool(t))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::request::classify;
    use super::*;

    fn block(principal_json: &str, not: bool) -> PrincipalBlock {
        let key = if not { "NotPrincipal" } else { "Principal" };
        let text = format!(
            r#"{{"Version":"2012-10-17","Statement":{{"Effect":"Deny","{key}":{principal_json},"Action":"s3:*","Resource":"*"}}}}"#
        );
        let node = crate::source::json::parse(&text).unwrap();
        let (policy, _) = crate::model::policy::parse_policy(&node);
        let st = &policy.statements[0];
        if not {
            st.not_principal.clone()
        } else {
            st.principal.clone()
        }
        .unwrap()
    }

    fn who(arn: &str) -> PrincipalInfo {
        classify(&Val::known(arn), None, None).unwrap()
    }

    const SESSION: &str = "arn:aws:sts::111111111111:assumed-role/app/worker";
    const ROLE: &str = "arn:aws:iam::111111111111:role/app";
    const USER: &str = "arn:aws:iam::111111111111:user/alice";

    #[test]
    fn not_principal_needs_the_whole_chain() {
        let listed = |json: &str, p: &str| not_principal_lists(&block(json, true), &who(p));
        let all = format!(r#"{{"AWS":["{SESSION}","{ROLE}","111111111111"]}}"#);
        assert_eq!(listed(&all, SESSION), Tri::True);
        let no_account = format!(r#"{{"AWS":["{SESSION}","{ROLE}"]}}"#);
        assert_eq!(listed(&no_account, SESSION), Tri::False);
        let no_role = format!(r#"{{"AWS":["{SESSION}","arn:aws:iam::111111111111:root"]}}"#);
        assert_eq!(listed(&no_role, SESSION), Tri::False);
        let user = format!(r#"{{"AWS":["{USER}","arn:aws:iam::111111111111:root"]}}"#);
        assert_eq!(listed(&user, USER), Tri::True);
        assert_eq!(listed(&format!(r#"{{"AWS":"{USER}"}}"#), USER), Tri::False);
        assert_eq!(
            listed(r#"{"AWS":"111111111111"}"#, "111111111111"),
            Tri::True
        );
        assert_eq!(listed(r#"{"AWS":"111111111111"}"#, USER), Tri::False);
        assert_eq!(
            listed(r#"{"Service":"S3.amazonaws.com"}"#, "s3.amazonaws.com"),
            Tri::True
        );
    }

    #[test]
    fn everyone_is_a_direct_grant() {
        for json in [r#""*""#, r#"{"AWS":"*"}"#] {
            let hit = principal_hit(&block(json, false), &who(SESSION));
            assert_eq!((hit.exact, hit.direct), (Tri::True, Tri::True), "{json}");
        }
        let role = principal_hit(
            &block(&format!(r#"{{"AWS":"{ROLE}"}}"#), false),
            &who(SESSION),
        );
        assert_eq!((role.exact, role.direct), (Tri::False, Tri::True));
        let acct = principal_hit(&block(r#"{"AWS":"111111111111"}"#, false), &who(SESSION));
        assert_eq!((acct.direct, acct.account), (Tri::False, Tri::True));
    }
}
