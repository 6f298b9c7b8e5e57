//! Whether one statement applies to the request (IAM User Guide, "Policy evaluation logic": action,
//! resource, principal, conditions — all must match).

use super::arn;
use super::condition::{self, CondOutcome};
use super::pattern::{is_star, literal, Tok};
use super::principal::{not_principal_lists, principal_hit};
use super::reasons::{Applies, Miss, PrincipalVia};
use super::request::{Context, PrincipalInfo};
use super::value::{has_symbol, symbol_label, symbol_labels, Subject, Tri, Unknown, Val};
use super::variables::{expand, Expanded};
use super::wildcard;
use crate::model::{Effect, Statement};

/// What the statement evaluation needs from the request.
pub struct StmtInput<'a> {
    pub principal: &'a PrincipalInfo,
    pub action: &'a str,
    pub resource: &'a Val,
    pub context: &'a Context,
    /// A permissions boundary is attached to the principal (a `Deny` + `NotPrincipal` then always denies).
    pub has_boundary: bool,
}

/// How a statement relates to the request.
#[derive(Debug, Clone)]
pub struct StmtEval {
    pub applies: Applies,
    /// The statement applies, for any principal match (`Principal` ignored where there is none).
    pub any: Tri,
    /// Applies through a principal match other than the account (direct grant).
    pub direct: Tri,
    /// Applies through the session or user ARN itself.
    pub exact: Tri,
    pub via: Option<PrincipalVia>,
}

/// `with_principal`: the policy is resource-based (or an RCP) so `Principal` is evaluated.
/// `trust`: a role trust policy, where `Resource` is absent.
pub fn evaluate(
    st: &Statement,
    variables: bool,
    with_principal: bool,
    trust: bool,
    input: &StmtInput<'_>,
) -> StmtEval {
    let no = |m: Miss| StmtEval {
        applies: Applies::No(m),
        any: Tri::False,
        direct: Tri::False,
        exact: Tri::False,
        via: None,
    };
    let Some(effect) = st.effect.as_ref().map(|e| e.value) else {
        return no(Miss::NoEffect);
    };
    if !effect.may_allow() && !effect.may_deny() {
        return no(Miss::NoEffect);
    }
    // An effect not known statically: the statement takes part only maybe, so every match below is at
    // most a "maybe" that names the effect (the decision adds it to the allows and/or the denies).
    let mut rest = match effect {
        Effect::Unknown { .. } => Tri::maybe(Unknown::new(
            Subject::PolicyValue,
            symbol_labels(st.effect_text.as_deref().unwrap_or_default()),
        )),
        Effect::Allow | Effect::Deny => Tri::True,
    };
    // Action: case-insensitive wildcards; an action that holds an unknown value may match.
    if let Some(a) = &st.action {
        let t = Tri::any(a.items.iter().map(|i| action_item(&i.value, input.action)));
        if t.is_false() {
            return no(Miss::Action);
        }
        rest = rest.and(t);
    } else if let Some(a) = &st.not_action {
        let t = Tri::any(a.items.iter().map(|i| action_item(&i.value, input.action)));
        if t.is_true() {
            return no(Miss::NotAction);
        }
        rest = rest.and(t.not());
    } else {
        return no(Miss::NoAction);
    }
    // Resource: case-sensitive, segment-wise.
    if let Some(r) = &st.resource {
        let t = Tri::any(
            r.items
                .iter()
                .map(|i| resource_item(&i.value, variables, input.resource, input.context)),
        );
        if t.is_false() {
            return no(Miss::Resource);
        }
        rest = rest.and(t);
    } else if let Some(r) = &st.not_resource {
        let t = Tri::any(
            r.items
                .iter()
                .map(|i| resource_item(&i.value, variables, input.resource, input.context)),
        )
        .not();
        if t.is_false() {
            return no(Miss::NotResource);
        }
        rest = rest.and(t);
    } else if !trust {
        return no(Miss::NoResource);
    }
    // Principal.
    let (mut any, mut direct, mut exact, via) = (Tri::True, Tri::True, Tri::False, None);
    let mut via = via;
    if with_principal {
        if let Some(p) = &st.principal {
            let hit = principal_hit(p, input.principal);
            any = hit.any();
            if any.is_false() {
                return no(Miss::Principal);
            }
            direct = hit.direct;
            exact = hit.exact;
            via = hit.via;
        } else if let Some(np) = &st.not_principal {
            let listed = not_principal_lists(np, input.principal);
            // "NotPrincipal with Deny always denies an IAM principal that has a permissions boundary."
            // (An unknown effect that may be a `Deny` is covered: `rest` already makes it a maybe.)
            let t = if effect.may_deny() && input.has_boundary {
                Tri::True
            } else {
                listed.not()
            };
            if t.is_false() {
                return no(Miss::NotPrincipal);
            }
            any = t.clone();
            direct = t;
            via = Some(PrincipalVia::NotPrincipal);
        } else {
            return no(Miss::NoPrincipal);
        }
    }
    // Conditions: AND across operators and keys.
    for (index, c) in st.conditions.iter().enumerate() {
        match condition::evaluate(c, input.context, variables) {
            CondOutcome::Holds => {}
            CondOutcome::Fails(failure) => {
                return no(Miss::Condition {
                    index,
                    operator: c.operator.value.clone(),
                    key: c.key.value.clone(),
                    failure,
                })
            }
            CondOutcome::Depends(d) => rest = rest.and(Tri::Maybe(d)),
        }
    }
    let any = rest.clone().and(any);
    let direct = rest.clone().and(direct);
    let exact = rest.and(exact);
    let applies = match &any {
        Tri::True => Applies::Yes,
        Tri::Maybe(d) => Applies::Depends(d.clone()),
        Tri::False => Applies::No(Miss::Principal),
    };
    StmtEval {
        applies,
        any,
        direct,
        exact,
        via,
    }
}

/// Whether an `Action`/`NotAction` entry matches the action. With an unknown part, the literal text
/// before it must still be a possible prefix (`ec2:‹x›` never matches `s3:GetObject`).
/// Whether the statement's `Action` (or `NotAction`) covers `action`, whatever its other elements say.
pub fn action_matches(st: &Statement, action: &str) -> Tri {
    let any = |items: &[crate::source::Spanned<String>]| {
        Tri::any(items.iter().map(|i| action_item(&i.value, action)))
    };
    match (&st.action, &st.not_action) {
        (Some(a), _) => any(&a.items),
        (None, Some(a)) => any(&a.items).not(),
        (None, None) => Tri::False,
    }
}

fn action_item(item: &str, action: &str) -> Tri {
    if !has_symbol(item) {
        return Tri::from_bool(wildcard::matches_ci(item, action));
    }
    let head = crate::model::symbolic::literal_prefix(item);
    let fits = head.contains(['*', '?'])
        || action
            .get(..head.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(head));
    if fits {
        Tri::maybe(Unknown::new(Subject::PolicyValue, symbol_labels(item)))
    } else {
        Tri::False
    }
}

/// Whether the statement's `Resource` (or `NotResource`) covers `resource`, whatever its other elements
/// say; a statement with neither (a trust policy's) covers it.
pub fn resource_matches(st: &Statement, resource: &Val, context: &Context, variables: bool) -> Tri {
    let any = |items: &[crate::source::Spanned<String>]| {
        Tri::any(
            items
                .iter()
                .map(|i| resource_item(&i.value, variables, resource, context)),
        )
    };
    match (&st.resource, &st.not_resource) {
        (Some(r), _) => any(&r.items),
        (None, Some(r)) => any(&r.items).not(),
        (None, None) => Tri::True,
    }
}

fn resource_item(item: &str, variables: bool, resource: &Val, context: &Context) -> Tri {
    if item == "*" {
        return Tri::True;
    }
    let pat: Vec<Tok> = match expand(item, context, variables) {
        Expanded::Pattern(p) => p,
        Expanded::Unresolved(_) => return Tri::False,
        Expanded::Unknown(u) => return Tri::maybe(u),
    };
    match resource {
        Val::Known(r) => {
            if has_symbol(item) {
                return Tri::maybe(Unknown::new(Subject::PolicyValue, symbol_labels(item)));
            }
            Tri::from_bool(arn::resource_matches(&pat, r))
        }
        Val::Unknown(label) => {
            // The same unknowns on both sides are the same values: a textual match holds for every
            // value they may take (user text never contains a symbol's encoding).
            if is_star(&pat)
                || symbol_label(&literal(&pat)).as_deref() == Some(label.as_str())
                || arn::resource_matches(&pat, label)
            {
                Tri::True
            } else {
                Tri::maybe(Unknown::new(Subject::Resource, label.clone()))
            }
        }
    }
}
