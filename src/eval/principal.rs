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
    /// Names the session ARN or IAM user ARN itself (not limited by a boundary in the same account).
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

/// Evaluate a `Principal` element.
pub fn principal_hit(block: &PrincipalBlock, p: &PrincipalInfo) -> Hit {
    let mut hit = Hit::none();
    let mut maybe_via = None;
    let entries: Vec<(PrincipalKind, &str)> = match &block.value {
        PrincipalValue::Any => vec![(PrincipalKind::Aws, "*")],
        PrincipalValue::Map(es) => es
            .iter()
            .flat_map(|e| e.values.iter().map(move |v| (e.kind, v.value.as_str())))
            .collect(),
    };
    for (kind, value) in entries {
        let (via, t) = value_hit(kind, value, p);
        let slot = match via {
            PrincipalVia::Account => &mut hit.account,
            _ => &mut hit.direct,
        };
        *slot = std::mem::replace(slot, Tri::False).or(t.clone());
        if via == PrincipalVia::Exact {
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

/// Whether a `NotPrincipal` element lists the request principal. Only the principal's own identity
/// counts: an assumed-role session is exempted only by its session ARN (role ARN alone does not), and an
/// account ARN exempts only that account's root user.
pub fn not_principal_lists(block: &PrincipalBlock, p: &PrincipalInfo) -> Tri {
    let entries: Vec<(PrincipalKind, &str)> = match &block.value {
        PrincipalValue::Any => vec![(PrincipalKind::Aws, "*")],
        PrincipalValue::Map(es) => es
            .iter()
            .flat_map(|e| e.values.iter().map(move |v| (e.kind, v.value.as_str())))
            .collect(),
    };
    Tri::any(entries.into_iter().map(|(kind, value)| {
        if value == "*" && kind == PrincipalKind::Aws {
            return Tri::True;
        }
        if let Some(t) = symbolic(value, p) {
            return t;
        }
        match (&p.form, kind) {
            (PrincipalForm::Unknown(l), _) => {
                Tri::maybe(Unknown::new(Subject::Principal, l.clone()))
            }
            (PrincipalForm::Root, PrincipalKind::Aws) => {
                let acct = root_account(value);
                match (acct, &p.account) {
                    (Some(a), Some(Val::Known(pa))) => Tri::from_bool(a == pa),
                    (Some(_), Some(Val::Unknown(l))) => {
                        Tri::maybe(Unknown::new(Subject::PrincipalAccount, l.clone()))
                    }
                    _ => Tri::False,
                }
            }
            (PrincipalForm::User { arn }, PrincipalKind::Aws)
            | (PrincipalForm::FederatedUser { arn }, PrincipalKind::Aws) => {
                Tri::from_bool(value == arn)
            }
            (
                PrincipalForm::RoleSession {
                    session_arn: Some(s),
                    ..
                },
                PrincipalKind::Aws,
            ) => Tri::from_bool(value == s),
            (PrincipalForm::Service(s), PrincipalKind::Service) => {
                Tri::from_bool(value.eq_ignore_ascii_case(s))
            }
            (PrincipalForm::Federated(s), PrincipalKind::Federated) => Tri::from_bool(value == s),
            (PrincipalForm::CanonicalUser(s), PrincipalKind::CanonicalUser) => {
                Tri::from_bool(value.eq_ignore_ascii_case(s))
            }
            _ => Tri::False,
        }
    }))
}

/// A policy value that is a symbolic placeholder.
fn symbolic(value: &str, p: &PrincipalInfo) -> Option<Tri> {
    if !has_symbol(value) {
        return None;
    }
    Some(match (&p.form, symbol_label(value)) {
        (PrincipalForm::Unknown(l), Some(label)) if l == label => Tri::True,
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
