//! [`Cur`]: a position in a plan resource, walking its known values, its `after_unknown` tree and its
//! configuration expressions together.

use super::node::{is_null, member};
use crate::load::terraform::plan::PlanResource;
use crate::source::{Node, Span, Value};

/// A position in a resource: known values, the `after_unknown` tree and the configuration expressions
/// side by side, plus the span to use for values that are not in the file.
#[derive(Clone, Copy)]
pub(super) struct Cur<'a> {
    pub(super) values: Option<&'a Node>,
    pub(super) unknown: Option<&'a Node>,
    pub(super) exprs: Option<&'a Node>,
    pub(super) anchor: Span,
}

impl<'a> Cur<'a> {
    pub(super) fn root(r: &PlanResource<'a>) -> Cur<'a> {
        Cur {
            values: r.values,
            unknown: r.unknown,
            exprs: r.config.and_then(|c| c.get("expressions")),
            anchor: r.address_span,
        }
    }
    pub(super) fn get(&self, key: &str) -> Cur<'a> {
        let m = member(self.values, key).filter(|m| !is_null(&m.value));
        Cur {
            values: m.map(|m| &m.value),
            unknown: self.unknown.and_then(|u| u.get(key)),
            exprs: self.exprs.and_then(|e| e.get(key)),
            anchor: m.map_or(self.anchor, |m| m.key_span),
        }
    }
    pub(super) fn is_unknown(&self) -> bool {
        self.values.is_none() && matches!(self.unknown.map(|u| &u.value), Some(Value::Bool(true)))
    }
    /// The items of a nested block list (or of a list of scalars).
    pub(super) fn items(&self) -> Vec<Cur<'a>> {
        let Some(items) = self.values.and_then(Node::as_array) else {
            return Vec::new();
        };
        let exprs = self.exprs.and_then(Node::as_array).unwrap_or(&[]);
        let unknown = self.unknown.and_then(Node::as_array).unwrap_or(&[]);
        items
            .iter()
            .enumerate()
            .map(|(i, n)| Cur {
                values: (!is_null(n)).then_some(n),
                unknown: unknown.get(i),
                exprs: if exprs.len() == items.len() {
                    exprs.get(i)
                } else {
                    None
                },
                anchor: n.span,
            })
            .collect()
    }
    /// The first item of a nested block (`versioning_configuration[0]`).
    pub(super) fn block(&self, key: &str) -> Option<Cur<'a>> {
        let c = self.get(key);
        let first = c.items().into_iter().next()?;
        Some(Cur {
            exprs: first
                .exprs
                .or_else(|| c.exprs.and_then(Node::as_array).and_then(|a| a.first())),
            ..first
        })
    }
    pub(super) fn blocks(&self, key: &str) -> Vec<Cur<'a>> {
        self.get(key).items()
    }
}
