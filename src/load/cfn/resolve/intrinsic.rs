//! The intrinsic functions that build values: `Ref`, `Fn::GetAtt` argument forms, `Fn::Join`,
//! `Fn::Select`, `Fn::Split`, `Fn::ImportValue`, `Fn::Base64`, and the functions that yield symbols.

use super::{base64, closest, scalar_text, string_node, Resolver, FUNCTIONS};
use crate::load::issue::IssueKind;
use crate::model::symbolic::{display, has_symbol, Sym};
use crate::source::{Member, Node, Value};

impl Resolver<'_> {
    pub(super) fn intrinsic(&mut self, m: &Member, whole: &Node) -> Option<Node> {
        let span = whole.span;
        let arg = &m.value;
        let out = match m.key.as_str() {
            "Ref" => {
                let Some(name) = arg.as_str() else {
                    self.malformed(arg.span, "Ref", "a logical id or parameter name (a string)");
                    return Some(string_node(span, self.opaque_at(span, "malformed Ref")));
                };
                return self
                    .reference(name, arg.span)
                    .map(|v| Node { span, value: v });
            }
            "Fn::GetAtt" => {
                let (id, attr, id_span) = match &arg.value {
                    Value::String(s) => match s.split_once('.') {
                        Some((a, b)) => (a.to_string(), b.to_string(), arg.span),
                        None => {
                            self.malformed(
                                arg.span,
                                "Fn::GetAtt",
                                "`LogicalId.Attribute` or [LogicalId, Attribute]",
                            );
                            return Some(string_node(
                                span,
                                self.opaque_at(span, "malformed Fn::GetAtt"),
                            ));
                        }
                    },
                    #[expect(clippy::indexing_slicing, reason = "the guard checks two items")]
                    Value::Array(items) if items.len() == 2 && items[0].as_str().is_some() => {
                        let attr = self.text_of(&items[1]);
                        (
                            items[0].as_str().unwrap_or_default().to_string(),
                            attr,
                            items[0].span,
                        )
                    }
                    _ => {
                        self.malformed(arg.span, "Fn::GetAtt", "[LogicalId, Attribute]");
                        return Some(string_node(
                            span,
                            self.opaque_at(span, "malformed Fn::GetAtt"),
                        ));
                    }
                };
                self.get_att(&id, &attr, id_span)
            }
            "Fn::Sub" => self.sub(arg),
            "Fn::Join" => match arg.as_array() {
                Some([delim, list]) if delim.as_str().is_some() => {
                    let d = delim.as_str().unwrap_or_default().to_string();
                    match self.resolve(list) {
                        Some(Node {
                            value: Value::Array(items),
                            ..
                        }) => {
                            let joined = items
                                .iter()
                                .map(|i| {
                                    scalar_text(i).unwrap_or_else(|| {
                                        self.opaque_at(
                                            i.span,
                                            format!("{} in Fn::Join", i.type_name()),
                                        )
                                    })
                                })
                                .collect::<Vec<_>>()
                                .join(&d);
                            Value::String(self.charge(joined, span, "Fn::Join"))
                        }
                        Some(other) => Value::String(self.opaque_at(
                            span,
                            format!(
                                "Fn::Join of {}",
                                display(&scalar_text(&other).unwrap_or_default())
                            ),
                        )),
                        None => Value::String(String::new()),
                    }
                }
                _ => {
                    self.malformed(arg.span, "Fn::Join", "[delimiter, [values…]]");
                    Value::String(self.opaque_at(span, "malformed Fn::Join"))
                }
            },
            "Fn::Select" => match arg.as_array() {
                Some([index, list]) => {
                    let i = self.text_of(index);
                    let list = self.resolve(list);
                    match (i.trim().parse::<usize>(), list) {
                        (
                            Ok(i),
                            Some(Node {
                                value: Value::Array(items),
                                ..
                            }),
                        ) => match items.into_iter().nth(i) {
                            Some(item) => return Some(item),
                            None => {
                                self.malformed(
                                    index.span,
                                    "Fn::Select",
                                    "an index within the list",
                                );
                                Value::String(self.opaque_at(span, "Fn::Select out of range"))
                            }
                        },
                        (_, Some(other))
                            if has_symbol(&i)
                                || scalar_text(&other).is_some_and(|s| has_symbol(&s)) =>
                        {
                            Value::String(self.opaque_at(
                                span,
                                format!(
                                    "element {} of {}",
                                    display(&i),
                                    display(&scalar_text(&other).unwrap_or_default())
                                ),
                            ))
                        }
                        _ => {
                            self.malformed(arg.span, "Fn::Select", "[index, [values…]]");
                            Value::String(self.opaque_at(span, "malformed Fn::Select"))
                        }
                    }
                }
                _ => {
                    self.malformed(arg.span, "Fn::Select", "[index, [values…]]");
                    Value::String(self.opaque_at(span, "malformed Fn::Select"))
                }
            },
            "Fn::Split" => match arg.as_array() {
                Some([delim, source]) if delim.as_str().is_some_and(|d| !d.is_empty()) => {
                    let d = delim.as_str().unwrap_or_default().to_string();
                    let s = self.text_of(source);
                    if has_symbol(&s) {
                        Value::String(
                            self.opaque_at(span, format!("Fn::Split of {} by `{d}`", display(&s))),
                        )
                    } else {
                        Value::Array(
                            s.split(d.as_str())
                                .map(|p| string_node(span, p.to_string()))
                                .collect(),
                        )
                    }
                }
                _ => {
                    self.malformed(arg.span, "Fn::Split", "[delimiter, string]");
                    Value::String(self.opaque_at(span, "malformed Fn::Split"))
                }
            },
            "Fn::FindInMap" => return self.find_in_map(arg, span),
            "Fn::If" => return self.fn_if(arg, span),
            "Fn::ImportValue" => {
                let name = self.text_of(arg);
                if has_symbol(&name) {
                    Value::String(self.opaque_at(span, format!("export {}", display(&name))))
                } else {
                    match self.exports.get(&name) {
                        Some(v) => Value::String(v.clone()),
                        None => Value::String(Sym::Import { name }.text()),
                    }
                }
            }
            "Fn::Base64" => {
                let s = self.text_of(arg);
                if has_symbol(&s) {
                    Value::String(self.opaque_at(span, format!("Fn::Base64 of {}", display(&s))))
                } else {
                    Value::String(base64(s.as_bytes()))
                }
            }
            "Fn::GetAZs" => {
                let r = self.text_of(arg);
                let r = if r.is_empty() { self.region() } else { r };
                Value::String(
                    self.opaque_at(span, format!("Availability Zones of {}", display(&r))),
                )
            }
            "Fn::Cidr" | "Fn::Transform" | "Fn::Length" | "Fn::ToJsonString" => {
                let _ = self.resolve(arg);
                Value::String(self.opaque_at(span, format!("{} at byte {}", m.key, span.start)))
            }
            name if FUNCTIONS.contains(&name) => {
                // Condition and rules functions outside `Conditions`: their value is not a property value.
                Value::String(self.opaque_at(span, format!("{name} at byte {}", span.start)))
            }
            name => {
                let s =
                    closest(name, FUNCTIONS.iter().copied().chain(["Ref"]), 3).map(str::to_string);
                // A YAML short-form tag is reported as written (`!Subb`, did you mean `!Sub`).
                let tag = self
                    .text
                    .get(m.key_span.start as usize..m.key_span.end as usize)
                    .filter(|t| t.starts_with('!'));
                let (shown, s) = match tag {
                    Some(t) => (
                        t.to_string(),
                        s.map(|s| format!("!{}", s.trim_start_matches("Fn::"))),
                    ),
                    None => (name.to_string(), s),
                };
                self.report(
                    m.key_span,
                    IssueKind::UnknownIntrinsic {
                        name: shown,
                        suggestion: s,
                    },
                );
                Value::String(self.opaque_at(span, format!("unknown function {name}")))
            }
        };
        Some(Node { span, value: out })
    }
}
