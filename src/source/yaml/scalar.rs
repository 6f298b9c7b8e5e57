//! Scalars and tags: YAML 1.2 core schema typing of plain scalars, and CloudFormation short-form
//! tags (`!Ref`, `!Sub`, …) rewritten to the long form.

use super::builder::{Builder, Frame, Kind};
use super::YamlError;
use super::NODE_BYTES;
use crate::source::{Member, Node, Span, Value};
use saphyr_parser::{ScalarStyle, Tag};

/// The intrinsic a short-form tag stands for; `None` for YAML's own tags (`!!str`, …) and other handles.
pub(super) fn intrinsic_key(tag: &Tag) -> Option<String> {
    if tag.handle != "!" || tag.suffix.is_empty() {
        return None;
    }
    Some(match tag.suffix.as_str() {
        "Ref" => "Ref".to_string(),
        "Condition" => "Condition".to_string(),
        s => format!("Fn::{s}"),
    })
}

pub(super) fn is_plain_null(s: &str) -> bool {
    matches!(s, "" | "~" | "null" | "Null" | "NULL")
}

pub(super) fn plain_bool(s: &str) -> Option<bool> {
    match s {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// YAML 1.2 core schema integers and floats.
pub(super) fn is_plain_number(s: &str) -> bool {
    let b = s.as_bytes();
    if b.is_empty() {
        return false;
    }
    if let Some(h) = s.strip_prefix("0x") {
        return !h.is_empty() && h.bytes().all(|c| c.is_ascii_hexdigit());
    }
    if let Some(o) = s.strip_prefix("0o") {
        return !o.is_empty() && o.bytes().all(|c| (b'0'..=b'7').contains(&c));
    }
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    if matches!(body, ".inf" | ".Inf" | ".INF") || matches!(s, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    // [0-9]+ | [0-9]*\.[0-9]* with at least one digit, then an optional exponent.
    let (mantissa, exp) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let mut digits = 0;
    let mut dots = 0;
    for c in mantissa.bytes() {
        match c {
            b'0'..=b'9' => digits += 1,
            b'.' => dots += 1,
            _ => return false,
        }
    }
    if digits == 0 || dots > 1 {
        return false;
    }
    match exp {
        None => true,
        Some(e) => {
            let e = e.strip_prefix(['-', '+']).unwrap_or(e);
            !e.is_empty() && e.bytes().all(|c| c.is_ascii_digit())
        }
    }
}

impl Builder<'_> {
    pub(super) fn scalar(
        &mut self,
        value: &str,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<&Tag>,
        start: usize,
        end: usize,
    ) -> Result<(), YamlError> {
        let (tag_span, mut vstart) = self.skip_properties(start, end);
        let value = if style == ScalarStyle::Plain && value == "Z" && self.dashes.contains(&vstart)
        {
            "-"
        } else {
            value
        };
        let mut vend = end;
        let bytes = self.text.as_bytes();
        let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
        match style {
            ScalarStyle::Literal | ScalarStyle::Folded => {
                // Some versions start a block scalar at its indicator: skip the header line.
                if vstart < vend && matches!(at(vstart), b'|' | b'>') {
                    while vstart < vend && at(vstart) != b'\n' {
                        vstart += 1;
                    }
                    while vstart < vend && at(vstart).is_ascii_whitespace() {
                        vstart += 1;
                    }
                }
                while vend > vstart && at(vend - 1).is_ascii_whitespace() {
                    vend -= 1;
                }
            }
            ScalarStyle::Plain => {
                while vend > vstart && at(vend - 1).is_ascii_whitespace() {
                    vend -= 1;
                }
            }
            _ => {}
        }
        let vspan = Span::new(vstart, vend.max(vstart));
        // A scalar in key position.
        if let Some(Frame {
            kind: Kind::Map { key, .. },
            ..
        }) = self.stack.last()
        {
            if key.is_none() {
                if tag.is_some_and(|t| intrinsic_key(t).is_some()) {
                    return Err(self.err(
                        start,
                        end - start,
                        "a tag on a mapping key is not supported",
                    ));
                }
                return self.key(value.to_string(), vspan, anchor);
            }
        }
        let v = if style == ScalarStyle::Plain && tag.is_none() {
            if is_plain_null(value) {
                Value::Null
            } else if let Some(b) = plain_bool(value) {
                Value::Bool(b)
            } else if is_plain_number(value) {
                Value::Number(value.to_string())
            } else {
                Value::String(value.to_string())
            }
        } else {
            // YAML's own core-schema tags: `!!int 42` is a number, `!!bool true` a boolean.
            match tag
                .filter(|t| t.handle == "!!" || t.handle == "tag:yaml.org,2002:")
                .map(|t| t.suffix.as_str())
            {
                Some("int" | "float") if is_plain_number(value) => Value::Number(value.to_string()),
                Some("bool") if plain_bool(value).is_some() => {
                    Value::Bool(plain_bool(value) == Some(true))
                }
                Some("null") if is_plain_null(value) => Value::Null,
                _ => Value::String(value.to_string()),
            }
        };
        let mut node = Node {
            span: vspan,
            value: v,
        };
        let bytes = value.len() + NODE_BYTES;
        let mut depth = 1;
        if let Some(t) = tag {
            node = self.wrap_tag(t, tag_span, start, node, style == ScalarStyle::Plain);
            depth += 2;
        }
        self.finish(node, anchor, depth, bytes)
    }

    /// Wrap a tagged node into its intrinsic's long form.
    pub(super) fn wrap_tag(
        &self,
        tag: &Tag,
        tag_span: Option<Span>,
        start: usize,
        inner: Node,
        plain: bool,
    ) -> Node {
        let Some(key) = intrinsic_key(tag) else {
            // `!!str 123` is a string; other YAML tags keep the value.
            if (tag.handle == "!!" || tag.handle == "tag:yaml.org,2002:") && tag.suffix == "str" {
                if let Value::Number(s) = &inner.value {
                    return Node {
                        span: inner.span,
                        value: Value::String(s.clone()),
                    };
                }
            }
            return inner;
        };
        let key_span = tag_span.unwrap_or(Span::new(start, start));
        let outer = key_span.cover(inner.span);
        let value = if key == "Fn::GetAtt" {
            match &inner.value {
                Value::String(s) => {
                    let (a, b) = s.split_once('.').unwrap_or((s.as_str(), ""));
                    // Sub-spans only when the text is written as is (a plain scalar).
                    let raw = &self.text[inner.span.start as usize..inner.span.end as usize];
                    let (sa, sb) = if plain && raw == s {
                        let mid = inner.span.start as usize + a.len();
                        (
                            Span::new(inner.span.start as usize, mid),
                            Span::new(
                                (mid + 1).min(inner.span.end as usize),
                                inner.span.end as usize,
                            ),
                        )
                    } else {
                        (inner.span, inner.span)
                    };
                    Node {
                        span: inner.span,
                        value: Value::Array(vec![
                            Node {
                                span: sa,
                                value: Value::String(a.to_string()),
                            },
                            Node {
                                span: sb,
                                value: Value::String(b.to_string()),
                            },
                        ]),
                    }
                }
                _ => inner,
            }
        } else {
            inner
        };
        Node {
            span: outer,
            value: Value::Object(vec![Member {
                key,
                key_span,
                value,
            }]),
        }
    }
}
