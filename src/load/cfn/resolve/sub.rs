//! `Fn::Sub`: `${Var}`, `${Res.Attr}` and `${!Literal}`, within the template's string budget.

use super::{Resolver, STRING_BUDGET};
use crate::load::issue::IssueKind;
use crate::model::symbolic::dynamic_refs;
use crate::source::{Node, Span, Value};
use std::collections::HashMap;

impl Resolver<'_> {
    pub(super) fn sub(&mut self, arg: &Node) -> Value {
        let (template, vars) = match &arg.value {
            Value::String(_) => (arg, None),
            #[expect(clippy::indexing_slicing, reason = "the guard checks two items")]
            Value::Array(items)
                if items.len() == 2
                    && items[0].as_str().is_some()
                    && items[1].as_object().is_some() =>
            {
                (&items[0], Some(&items[1]))
            }
            _ => {
                self.malformed(arg.span, "Fn::Sub", "a string, or [string, {variables}]");
                return Value::String(self.opaque_at(arg.span, "malformed Fn::Sub"));
            }
        };
        // One pass over the template: variables are looked up in a map, resolved once each, and the
        // variable spans come from one comparison of the template with its source text.
        let table: HashMap<&str, &Node> = vars
            .and_then(Node::as_object)
            .unwrap_or(&[])
            .iter()
            .map(|m| (m.key.as_str(), &m.value))
            .collect();
        let mut resolved: HashMap<&str, String> = HashMap::new();
        let base = self.verbatim_start(template);
        let s = template.as_str().unwrap_or_default();
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        let mut consumed = 0usize;
        while let Some(i) = rest.find("${") {
            out.push_str(&rest[..i]);
            let after = &rest[i + 2..];
            if let Some(lit) = after.strip_prefix('!') {
                out.push_str("${");
                consumed += i + 3;
                rest = lit;
                continue;
            }
            let Some(j) = after.find('}') else {
                out.push_str(&rest[i..]);
                rest = "";
                break;
            };
            // CloudFormation ignores blanks around a variable name (`${ Bucket.Arn }`).
            let raw = &after[..j];
            let var = raw.trim();
            let var_at = consumed + i + 2 + (raw.len() - raw.trim_start().len());
            let span = base.map_or(template.span, |b| {
                Span::new(b + var_at, b + var_at + var.len())
            });
            let v = match resolved.get(var) {
                Some(v) => v.clone(),
                None => {
                    let v = self.sub_var(var, table.get(var).copied(), span);
                    resolved.insert(var, v.clone());
                    v
                }
            };
            out.push_str(&v);
            if out.len() > self.string_budget {
                return Value::String(self.charge(out, template.span, "Fn::Sub"));
            }
            consumed += i + 2 + j + 1;
            rest = &after[j + 1..];
        }
        out.push_str(rest);
        Value::String(dynamic_refs(&self.charge(out, template.span, "Fn::Sub")))
    }

    /// Take a produced string's bytes from the template's string budget; past it, the string is
    /// replaced by a symbol and a LIMIT finding.
    pub(super) fn charge(&mut self, s: String, span: Span, what: &str) -> String {
        if s.len() <= self.string_budget {
            self.string_budget -= s.len();
            return s;
        }
        if self.string_budget == 0 {
            // Reported once, where the budget ran out; later strings only become symbols.
            return self.opaque_at(span, format!("{what} result too large"));
        }
        self.string_budget = 0;
        self.report(span, IssueKind::Limit { limit: "resolved string size".to_string(), message: format!(
                "the strings built by Fn::Sub and Fn::Join in this template exceed {STRING_BUDGET} bytes"
            ) });
        self.opaque_at(span, format!("{what} result too large"))
    }

    pub(super) fn sub_var(&mut self, var: &str, value: Option<&Node>, span: Span) -> String {
        if let Some(v) = value {
            return self.text_of(v);
        }
        if let Some((id, attr)) = var.split_once('.') {
            if !self.parameters.contains_key(var) {
                return match self.get_att(id, attr, span) {
                    Value::String(s) => s,
                    _ => self.opaque_at(span, format!("{var} (a list) in Fn::Sub")),
                };
            }
        }
        match self.reference(var, span) {
            None => String::new(),
            Some(Value::String(s)) => s,
            Some(_) => self.opaque_at(span, format!("{var} (a list) in Fn::Sub")),
        }
    }

    /// The file offset where a string node's value starts, when the source writes the value verbatim
    /// (no escapes); `None` otherwise.
    pub(super) fn verbatim_start(&self, n: &Node) -> Option<usize> {
        let value = n.as_str()?;
        let raw = self
            .text
            .get(n.span.start as usize..n.span.end as usize)
            .unwrap_or("");
        let off = if raw == value {
            0
        } else if raw.len() == value.len() + 2 && raw.get(1..raw.len() - 1) == Some(value) {
            1
        } else {
            return None;
        };
        Some(n.span.start as usize + off)
    }
}
