//! One value for an `Fn::If` whose condition cannot be decided: it stands for both alternatives, so a
//! finding on it holds for each of them, and whichever alternative is written first makes no difference.
//!
//! - Equal alternatives are that value.
//! - Two scalars (or a scalar and `AWS::NoValue`) become one [`Sym::Choice`] naming both.
//! - Two objects merge key by key; a key that only one alternative has may be absent (merged with
//!   `AWS::NoValue`). Two lists merge element by element, the longer list's extra elements may be absent.
//!   A string and a list merge as a one-element list (IAM and CloudFormation read a string as a list of
//!   one wherever both are accepted). Independent choices under one condition over-approximate the two
//!   alternatives: every combination is possible, so a definite answer on the merge holds for both.
//! - An object that may be absent: a policy statement keeps its members and its `Effect` becomes a choice
//!   with `AWS::NoValue` (the engine then counts it as "maybe"); any other object keeps its keys with every
//!   value a choice with `AWS::NoValue`.
//! - Alternatives of different shapes (an object and a string, …) become one choice whose non-scalar
//!   alternatives are opaque: unknown as a whole.

use crate::model::symbolic::Sym;
use crate::source::{Member, Node, Span, Value};
use std::collections::HashMap;

/// Merges the two alternatives of one undecidable condition.
pub(super) struct Merger<'a> {
    pub condition: &'a str,
    /// An opaque unknown for a non-scalar alternative at a span (equal only to itself).
    pub opaque: &'a dyn Fn(Span, String) -> String,
}

fn scalar(n: &Node) -> Option<String> {
    match &n.value {
        Value::String(s) | Value::Number(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Structural equality, spans ignored.
fn same(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(p, q)| p.key == q.key && same(&p.value, &q.value))
        }
        (x, y) => x == y,
    }
}

impl Merger<'_> {
    fn choice(&self, at: Span, alternatives: Vec<Option<String>>) -> Node {
        Node {
            span: at,
            value: Value::String(
                Sym::Choice {
                    condition: self.condition.to_string(),
                    alternatives,
                }
                .text(),
            ),
        }
    }

    /// The text an alternative contributes to a choice: its scalar text, or an opaque unknown.
    fn text(&self, n: &Node) -> String {
        scalar(n).unwrap_or_else(|| {
            (self.opaque)(
                n.span,
                format!("{} at byte {}", n.type_name(), n.span.start),
            )
        })
    }

    /// The merge of the alternatives (`None` = `AWS::NoValue`); `at` is where a new choice is reported.
    pub fn merge(&self, a: Option<&Node>, b: Option<&Node>, at: Span) -> Option<Node> {
        let (x, y) = match (a, b) {
            (None, None) => return None,
            (Some(x), Some(y)) if same(x, y) => return Some(x.clone()),
            (Some(x), None) => return Some(self.maybe_absent(x, true)),
            (None, Some(y)) => return Some(self.maybe_absent(y, false)),
            (Some(x), Some(y)) => (x, y),
        };
        match (&x.value, &y.value) {
            (Value::Object(p), Value::Object(q)) => Some(self.objects(x.span, p, q)),
            (Value::Array(p), Value::Array(q)) => Some(self.arrays(x.span, p, q)),
            (Value::Array(p), _) if scalar(y).is_some() => {
                Some(self.arrays(x.span, p, std::slice::from_ref(y)))
            }
            (_, Value::Array(q)) if scalar(x).is_some() => {
                Some(self.arrays(y.span, std::slice::from_ref(x), q))
            }
            _ => Some(self.choice(at, vec![Some(self.text(x)), Some(self.text(y))])),
        }
    }

    fn objects(&self, span: Span, p: &[Member], q: &[Member]) -> Node {
        // Objects of a template are small; an index keeps a big one linear.
        let index: HashMap<&str, &Member> = q.iter().map(|m| (m.key.as_str(), m)).collect();
        let in_p: std::collections::HashSet<&str> = p.iter().map(|m| m.key.as_str()).collect();
        let mut members = Vec::with_capacity(p.len().max(q.len()));
        for m in p {
            let other = index.get(m.key.as_str()).map(|o| &o.value);
            if let Some(value) = self.merge(Some(&m.value), other, m.value.span) {
                members.push(Member {
                    key: m.key.clone(),
                    key_span: m.key_span,
                    value,
                });
            }
        }
        for m in q.iter().filter(|m| !in_p.contains(m.key.as_str())) {
            if let Some(value) = self.merge(None, Some(&m.value), m.value.span) {
                members.push(Member {
                    key: m.key.clone(),
                    key_span: m.key_span,
                    value,
                });
            }
        }
        Node {
            span,
            value: Value::Object(members),
        }
    }

    fn arrays(&self, span: Span, p: &[Node], q: &[Node]) -> Node {
        let items = (0..p.len().max(q.len()))
            .filter_map(|i| {
                let (x, y) = (p.get(i), q.get(i));
                let at = x.or(y).map_or(span, |n| n.span);
                self.merge(x, y, at)
            })
            .collect();
        Node {
            span,
            value: Value::Array(items),
        }
    }

    /// A value that one alternative has and the other does not (`first`: it is the first alternative).
    fn maybe_absent(&self, n: &Node, first: bool) -> Node {
        let alts = |t: String| {
            if first {
                vec![Some(t), None]
            } else {
                vec![None, Some(t)]
            }
        };
        match &n.value {
            Value::Object(members) => {
                let statement = members
                    .iter()
                    .any(|m| m.key == "Effect" && scalar(&m.value).is_some());
                let members = members
                    .iter()
                    .map(|m| Member {
                        key: m.key.clone(),
                        key_span: m.key_span,
                        value: match (statement, m.key.as_str()) {
                            (true, "Effect") => {
                                self.choice(m.value.span, alts(self.text(&m.value)))
                            }
                            (true, _) => m.value.clone(),
                            (false, _) => self.maybe_absent(&m.value, first),
                        },
                    })
                    .collect();
                Node {
                    span: n.span,
                    value: Value::Object(members),
                }
            }
            Value::Array(items) => Node {
                span: n.span,
                value: Value::Array(items.iter().map(|i| self.maybe_absent(i, first)).collect()),
            },
            _ => self.choice(n.span, alts(self.text(n))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::symbolic::{display, has_symbol, possible_values};
    use crate::source::json;

    fn merge(a: &str, b: Option<&str>) -> Node {
        let opaque = |s: Span, what: String| {
            Sym::Opaque {
                what,
                site: format!("t@{}", s.start),
            }
            .text()
        };
        let m = Merger {
            condition: "IsProd",
            opaque: &opaque,
        };
        let a = json::parse(a).unwrap();
        let b = b.map(|b| json::parse(b).unwrap());
        m.merge(Some(&a), b.as_ref(), a.span).unwrap()
    }

    fn text<'n>(n: &'n Node, path: &[&str]) -> &'n str {
        let mut n = n;
        for p in path {
            n = match p.parse::<usize>() {
                Ok(i) => &n.as_array().unwrap()[i],
                Err(_) => n.get(p).unwrap(),
            };
        }
        n.as_str().unwrap()
    }

    #[test]
    fn objects_merge_key_by_key() {
        let m = merge(
            r#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::a/*"}"#,
            Some(r#"{"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}"#),
        );
        assert_eq!(text(&m, &["Action"]), "s3:GetObject");
        assert_eq!(
            possible_values(text(&m, &["Effect"])),
            Some(vec![Some("Allow".into()), Some("Deny".into())])
        );
        assert_eq!(
            display(text(&m, &["Resource"])),
            "‹one of `arn:aws:s3:::a/*` | `arn:aws:s3:::b/*` (condition IsProd)›"
        );
    }

    #[test]
    fn an_absent_statement_keeps_its_members_and_may_have_no_effect() {
        let m = merge(r#"{"Effect":"Deny","Action":"s3:*","Resource":"*"}"#, None);
        assert_eq!(text(&m, &["Action"]), "s3:*");
        assert_eq!(
            possible_values(text(&m, &["Effect"])),
            Some(vec![Some("Deny".into()), None])
        );
        // Any other object: every value may be absent.
        let m = merge(r#"{"Status":"Enabled"}"#, None);
        assert_eq!(
            possible_values(text(&m, &["Status"])),
            Some(vec![Some("Enabled".into()), None])
        );
    }

    #[test]
    fn lists_merge_by_element_and_shapes_that_differ_are_unknown() {
        let m = merge(r#"["a","b"]"#, Some(r#""a""#));
        assert_eq!(text(&m, &["0"]), "a");
        assert_eq!(
            possible_values(text(&m, &["1"])),
            Some(vec![Some("b".into()), None])
        );
        let m = merge(r#"{"Status":"Enabled"}"#, Some(r#""x""#));
        assert!(has_symbol(m.as_str().unwrap()));
        assert_eq!(possible_values(m.as_str().unwrap()), None);
    }

    #[test]
    fn order_of_alternatives_does_not_change_what_is_known() {
        let (a, b) = (
            r#"{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"}"#,
            r#"{"Effect":"Deny","Action":["s3:GetObject"],"Resource":"*","Sid":"x"}"#,
        );
        let (ab, ba) = (merge(a, Some(b)), merge(b, Some(a)));
        for path in [&["Resource"][..], &["Action", "0"]] {
            assert_eq!(text(&ab, path), text(&ba, path));
        }
        let sorted = |n: &Node, p: &[&str]| {
            let mut v = possible_values(text(n, p)).unwrap();
            v.sort();
            v
        };
        for path in [&["Effect"][..], &["Action", "1"], &["Sid"]] {
            assert_eq!(sorted(&ab, path), sorted(&ba, path));
        }
    }
}
