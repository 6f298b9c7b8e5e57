//! Small spanned [`Node`] builders for the values the typed fields hold: strings, a word for a boolean,
//! members of plan objects.

use crate::source::{Member, Node, Span, Value};

pub(super) fn s(text: impl Into<String>, span: Span) -> Node {
    Node {
        span,
        value: Value::String(text.into()),
    }
}

pub(super) fn is_null(n: &Node) -> bool {
    matches!(n.value, Value::Null)
}

pub(super) fn member<'a>(n: Option<&'a Node>, key: &str) -> Option<&'a Member> {
    n?.as_object()?.iter().rev().find(|m| m.key == key)
}

/// `yes` when the node is `true`, else `no`, at the node's span.
pub(super) fn bool_word(n: &Node, yes: &str, no: &str) -> Node {
    s(
        if matches!(n.value, Value::Bool(true)) {
            yes
        } else {
            no
        },
        n.span,
    )
}
