//! Questions about one policy statement that several rules of the family ask of the policy AST (where the
//! engine's answer is not the point: the rule reports how a statement is written).

use crate::eval::wildcard::matches_ci;
use crate::model::{Effect, Statement};

/// The statement is an Allow.
pub fn allows(st: &Statement) -> bool {
    st.effect.as_ref().is_some_and(|e| e.value == Effect::Allow)
}

/// The statement's `Action` names one of `actions` (wildcards, case-insensitive).
pub fn grants_any(st: &Statement, actions: &[&str]) -> bool {
    st.action.as_ref().is_some_and(|a| {
        a.items
            .iter()
            .any(|i| actions.iter().any(|x| matches_ci(&i.value, x)))
    })
}

/// The statement's `Action` names `action` (wildcards, case-insensitive). `NotAction` is not followed.
pub fn has_action(st: &Statement, action: &str) -> bool {
    st.action
        .as_ref()
        .is_some_and(|a| a.items.iter().any(|i| matches_ci(&i.value, action)))
}

/// A condition of the statement has a key (lower-cased) satisfying `pred`.
pub fn has_condition_key(st: &Statement, pred: impl Fn(&str) -> bool) -> bool {
    st.conditions
        .iter()
        .any(|c| pred(&c.key.value.to_ascii_lowercase()))
}

/// The whole document, or one of its statements, is a value not known statically (a `Ref`, import or
/// dynamic reference where the document or a statement should be, a macro's `Fn::Transform`): it may
/// grant or deny anything, so no rule may read its absence of a grant.
pub fn doc_unknown(d: &crate::model::PolicyDoc) -> bool {
    !d.policy.unknown_statements.is_empty()
        || d.node.as_str().is_some_and(|t| {
            crate::model::symbolic::has_symbol(t) && crate::source::json::parse(t).is_err()
        })
}
