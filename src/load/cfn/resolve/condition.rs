//! `Fn::If` and the `Conditions` section: condition functions evaluated when decidable.

use super::{string_node, Resolver, MAX_CONDITION_DEPTH};
use crate::load::issue::IssueKind;
use crate::model::symbolic::has_symbol;
use crate::source::{Node, Span};

impl Resolver<'_> {
    pub(super) fn fn_if(&mut self, arg: &Node, span: Span) -> Option<Node> {
        let Some([cond, yes, no]) = arg.as_array() else {
            self.malformed(
                arg.span,
                "Fn::If",
                "[ConditionName, ValueIfTrue, ValueIfFalse]",
            );
            return Some(string_node(span, self.opaque_at(span, "malformed Fn::If")));
        };
        let Some(name) = cond.as_str() else {
            self.malformed(cond.span, "Fn::If", "a condition name (a string) first");
            return Some(string_node(span, self.opaque_at(span, "malformed Fn::If")));
        };
        match self.condition(name, cond.span) {
            Some(true) => self.resolve(yes),
            Some(false) => self.resolve(no),
            None => {
                let a = self.resolve(yes);
                let b = self.resolve(no);
                let opaque = |at: Span, what: String| self.opaque_at(at, what);
                let merger = crate::load::cfn::choice::Merger {
                    condition: name,
                    opaque: &opaque,
                };
                merger.merge(a.as_ref(), b.as_ref(), span)
            }
        }
    }

    /// Evaluate a named condition: `Some` when decidable.
    pub fn condition(&mut self, name: &str, span: Span) -> Option<bool> {
        if let Some(v) = self.cond_cache.get(name) {
            return *v;
        }
        let Some(def) = self.conditions.and_then(|c| c.get(name)) else {
            let candidates: Vec<&str> = self
                .conditions
                .and_then(Node::as_object)
                .unwrap_or(&[])
                .iter()
                .map(|m| m.key.as_str())
                .collect();
            self.unknown_ref(span, "condition", name, candidates);
            return None;
        };
        if !self.cond_active.insert(name.to_string()) {
            // CloudFormation rejects it; stay undecided.
            self.report(
                span,
                IssueKind::Cycle {
                    message: format!("condition `{name}` refers to itself"),
                },
            );
            return None;
        }
        let v = self.condition_expr(def);
        self.cond_active.remove(name);
        self.cond_cache.insert(name.to_string(), v);
        v
    }

    pub(super) fn condition_expr(&mut self, n: &Node) -> Option<bool> {
        if self.cond_depth >= MAX_CONDITION_DEPTH {
            self.report(n.span, IssueKind::Limit { limit: "condition chain".to_string(), message: format!(
                    "this condition refers through more than {MAX_CONDITION_DEPTH} conditions and condition functions"
                ) });
            return None;
        }
        self.cond_depth += 1;
        let v = self.condition_expr_at_depth(n);
        self.cond_depth -= 1;
        v
    }

    pub(super) fn condition_expr_at_depth(&mut self, n: &Node) -> Option<bool> {
        let Some([m]) = n.as_object() else {
            self.malformed(
                n.span,
                "condition",
                "a condition function (Fn::Equals, Fn::And, …)",
            );
            return None;
        };
        let args = m.value.as_array();
        match (m.key.as_str(), args) {
            ("Condition", _) => {
                let name = m.value.as_str()?.to_string();
                self.condition(&name, m.value.span)
            }
            ("Fn::Equals", Some([a, b])) => {
                let (a, b) = (self.text_of(a), self.text_of(b));
                if a == b {
                    Some(true)
                } else if has_symbol(&a) || has_symbol(&b) {
                    None
                } else {
                    Some(false)
                }
            }
            ("Fn::Not", Some([c])) => self.condition_expr(c).map(|v| !v),
            ("Fn::And", Some(cs)) | ("Fn::Or", Some(cs)) if (2..=10).contains(&cs.len()) => {
                let and = m.key == "Fn::And";
                let mut undecided = false;
                for c in cs {
                    match self.condition_expr(c) {
                        Some(v) if v != and => return Some(v),
                        Some(_) => {}
                        None => undecided = true,
                    }
                }
                if undecided {
                    None
                } else {
                    Some(and)
                }
            }
            (k, _) => {
                let expected = match k {
                    "Fn::Equals" => "[value, value]",
                    "Fn::Not" => "[condition]",
                    "Fn::And" | "Fn::Or" => "a list of 2 to 10 conditions",
                    _ => "a condition function (Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition)",
                };
                self.malformed(m.value.span, k, expected);
                None
            }
        }
    }
}
