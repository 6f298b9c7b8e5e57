//! Building spanned [`Node`] trees (policy statements, values the typed fields hold): strings, arrays, objects that drop absent
//! members, and the few recurring shapes (`{Status: …}`, a word for a boolean, a list of blocks).

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

/// An object of one member (`{Status: …}`, `{Owner: …}`); empty when the value is absent.
pub(super) fn single(span: Span, key: &str, v: Option<Node>) -> Node {
    let mut o = Obj::new(span);
    o.put(key, v);
    o.node()
}

/// An object under construction: members whose value is absent are left out.
pub(super) struct Obj {
    span: Span,
    members: Vec<Member>,
}

impl Obj {
    pub(super) fn new(span: Span) -> Obj {
        Obj {
            span,
            members: Vec::new(),
        }
    }
    pub(super) fn put(&mut self, key: &str, v: Option<Node>) -> &mut Obj {
        if let Some(value) = v {
            self.members.push(Member {
                key: key.to_string(),
                key_span: value.span,
                value,
            });
        }
        self
    }
    pub(super) fn node(self) -> Node {
        Node {
            span: self.span,
            value: Value::Object(self.members),
        }
    }
}
