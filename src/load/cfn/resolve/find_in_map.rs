//! `Fn::FindInMap` with the optional `DefaultValue`.

use super::{string_node, Resolver};
use crate::load::issue::IssueKind;
use crate::model::symbolic::{display, has_symbol};
use crate::source::{Node, Span};

impl Resolver<'_> {
    #[expect(
        clippy::indexing_slicing,
        reason = "the let-else above admits 3 or 4 items, so `keys` has 3 and `items[i]` (i < 3) exists"
    )]
    pub(super) fn find_in_map(&mut self, arg: &Node, span: Span) -> Option<Node> {
        let Some(items) = arg.as_array().filter(|a| a.len() == 3 || a.len() == 4) else {
            self.malformed(
                arg.span,
                "Fn::FindInMap",
                "[MapName, TopLevelKey, SecondLevelKey]",
            );
            return Some(string_node(
                span,
                self.opaque_at(span, "malformed Fn::FindInMap"),
            ));
        };
        let keys: Vec<String> = items[..3].iter().map(|k| self.text_of(k)).collect();
        let default = items.get(3).and_then(|d| d.get("DefaultValue"));
        if keys.iter().any(|k| has_symbol(k)) {
            return Some(string_node(
                span,
                self.opaque_at(
                    span,
                    format!(
                        "Fn::FindInMap {}",
                        keys.iter()
                            .map(|k| display(k))
                            .collect::<Vec<_>>()
                            .join("/")
                    ),
                ),
            ));
        }
        let Some(map) = self.mappings.and_then(|m| m.get(&keys[0])) else {
            let candidates: Vec<&str> = self
                .mappings
                .and_then(Node::as_object)
                .unwrap_or(&[])
                .iter()
                .map(|m| m.key.as_str())
                .collect();
            self.unknown_ref(items[0].span, "mapping", &keys[0], candidates);
            return Some(string_node(
                span,
                self.opaque_at(span, format!("unresolved mapping {}", keys[0])),
            ));
        };
        match map.get(&keys[1]).and_then(|t| t.get(&keys[2])) {
            Some(v) => self.resolve(v),
            None => match default {
                Some(d) => self.resolve(d),
                None => {
                    let (k, i) = if map.get(&keys[1]).is_none() {
                        (&keys[1], 1)
                    } else {
                        (&keys[2], 2)
                    };
                    self.report(
                        items[i].span,
                        IssueKind::UnknownReference {
                            what: format!("key of mapping `{}`", keys[0]),
                            name: k.to_string(),
                            suggestion: None,
                        },
                    );
                    Some(string_node(
                        span,
                        self.opaque_at(
                            span,
                            format!("unresolved Fn::FindInMap {}", keys.join("/")),
                        ),
                    ))
                }
            },
        }
    }
}
