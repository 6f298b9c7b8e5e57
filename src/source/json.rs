//! A strict RFC 8259 JSON parser that keeps the byte span of every key and value.
//!
//! Written by hand (see docs/crates.md, "in-house alternative") because we also need, for policies
//! embedded in JSON strings, a map from decoded string bytes back to raw file bytes, and exact control
//! over the limits (depth, BOM, duplicate keys) a linter must report instead of crashing on.

use super::lines::char_len;
use super::{Member, Node, Span, Value};

/// Nesting deeper than this is a parse error, not a stack overflow.
pub const MAX_DEPTH: usize = 256;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub offset: usize,
    pub message: String,
}

/// Parse a whole file. A leading UTF-8 BOM is skipped; spans stay file offsets.
pub fn parse(text: &str) -> Result<Node, JsonError> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    parse_at(text, start)
}

fn parse_at(text: &str, start: usize) -> Result<Node, JsonError> {
    let mut p = Parser {
        src: text.as_bytes(),
        text,
        pos: start,
        depth: 0,
    };
    p.ws();
    let node = p.value()?;
    p.ws();
    if p.pos != p.src.len() {
        return Err(p.err("unexpected content after the JSON value"));
    }
    Ok(node)
}

/// Parse JSON held in a string literal (`{"Policy": "{\"Version\": ...}"}`), with spans mapped into the
/// outer file. `literal` is the span of the string token *including* its quotes.
pub fn parse_embedded(file_text: &str, literal: Span) -> Result<Node, JsonError> {
    let raw = file_text
        .get(literal.start as usize..literal.end as usize)
        .unwrap_or("");
    // The decoder below trusts its input: a YAML double-quoted scalar (`"\x7d"`) is not JSON.
    if !is_json_literal(raw) {
        return Err(JsonError {
            offset: literal.start as usize,
            message: "not a JSON string literal".to_string(),
        });
    }
    let (decoded, map) = decode_with_map(raw, literal.start);
    let to_file = |off: u32| -> u32 { map.get(off as usize).copied().unwrap_or(literal.end - 1) };
    match parse_at(&decoded, 0) {
        Ok(mut node) => {
            node.remap(&to_file);
            Ok(node)
        }
        Err(e) => Err(JsonError {
            offset: to_file(e.offset as u32) as usize,
            message: e.message,
        }),
    }
}

/// Parse the JSON text held by a string node. When the source writes the string as a JSON literal the
/// spans point inside it ([`parse_embedded`]); otherwise (a YAML double-quoted scalar with YAML-only
/// escapes, a block scalar, a value built by an intrinsic) every span is the node's.
pub fn parse_string_node(file_text: &str, node: &Node) -> Result<Node, JsonError> {
    let raw = file_text
        .get(node.span.start as usize..node.span.end as usize)
        .unwrap_or("");
    if is_json_literal(raw) {
        return parse_embedded(file_text, node.span);
    }
    let value = node.as_str().unwrap_or_default();
    match parse(value) {
        Ok(mut n) => {
            set_spans(&mut n, node.span);
            Ok(n)
        }
        Err(e) => Err(JsonError {
            offset: node.span.start as usize,
            message: e.message,
        }),
    }
}

fn set_spans(n: &mut Node, at: Span) {
    n.span = at;
    match &mut n.value {
        Value::Array(items) => items.iter_mut().for_each(|i| set_spans(i, at)),
        Value::Object(members) => {
            for m in members {
                m.key_span = at;
                set_spans(&mut m.value, at);
            }
        }
        _ => {}
    }
}

/// Whether `raw` is exactly one valid JSON string literal, quotes included.
fn is_json_literal(raw: &str) -> bool {
    let mut p = Parser {
        src: raw.as_bytes(),
        text: raw,
        pos: 0,
        depth: 0,
    };
    raw.starts_with('"') && p.string().is_ok() && p.pos == raw.len()
}

/// Decode a JSON string literal (quotes included) that is already known to be valid; return the text and,
/// for each decoded byte (plus one past the end), the file offset of the raw byte it came from.
fn decode_with_map(raw: &str, base: u32) -> (String, Vec<u32>) {
    let bytes = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let mut map = Vec::with_capacity(raw.len());
    let mut i = 1; // skip the opening quote
    while i + 1 < bytes.len() {
        let at = base + i as u32;
        let b = bytes.get(i).copied().unwrap_or_default();
        if b == b'\\' {
            let (ch, used) = unescape(bytes.get(i..).unwrap_or_default());
            let before = out.len();
            out.push(ch);
            map.extend(std::iter::repeat_n(at, out.len() - before));
            i += used;
        } else {
            let ch_len = char_len(b);
            out.push_str(&raw[i..i + ch_len]);
            for k in 0..ch_len {
                map.push(at + k as u32);
            }
            i += ch_len;
        }
    }
    map.push(base + i as u32);
    (out, map)
}

/// Unescape one escape sequence of a validated literal: the char and the raw bytes consumed.
fn unescape(b: &[u8]) -> (char, usize) {
    match b.get(1).copied().unwrap_or_default() {
        b'"' => ('"', 2),
        b'\\' => ('\\', 2),
        b'/' => ('/', 2),
        b'b' => ('\u{8}', 2),
        b'f' => ('\u{c}', 2),
        b'n' => ('\n', 2),
        b'r' => ('\r', 2),
        b't' => ('\t', 2),
        _ => {
            let hi = hex4(b.get(2..).unwrap_or_default()).unwrap_or(0xfffd);
            if (0xd800..0xdc00).contains(&hi)
                && b.len() >= 12
                && b.get(6) == Some(&b'\\')
                && b.get(7) == Some(&b'u')
            {
                let lo = hex4(b.get(8..).unwrap_or_default()).unwrap_or(0);
                let c = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
                (char::from_u32(c).unwrap_or('\u{fffd}'), 12)
            } else {
                (char::from_u32(hi).unwrap_or('\u{fffd}'), 6)
            }
        }
    }
}

fn hex4(b: &[u8]) -> Option<u32> {
    let s = std::str::from_utf8(b.get(..4)?).ok()?;
    u32::from_str_radix(s, 16).ok()
}

struct Parser<'a> {
    src: &'a [u8],
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn err(&self, message: impl Into<String>) -> JsonError {
        JsonError {
            offset: self.pos,
            message: message.into(),
        }
    }

    /// Point at the comma itself, which is what the user must delete.
    fn trailing_comma(&self, close: char) -> JsonError {
        let comma = self
            .src
            .get(..self.pos)
            .unwrap_or_default()
            .iter()
            .rposition(|&b| b == b',')
            .unwrap_or(self.pos);
        JsonError {
            offset: comma,
            message: format!("trailing comma before `{close}`"),
        }
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.src.get(self.pos) {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Result<Node, JsonError> {
        let start = self.pos;
        let value = match self.src.get(self.pos) {
            None => return Err(self.err("unexpected end of input, expected a value")),
            Some(b'{') => self.object()?,
            Some(b'[') => self.array()?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(b'/') => return Err(self.err("comments are not allowed in JSON")),
            Some(b'\'') => return Err(self.err("strings must use double quotes")),
            Some(_) => {
                let ch = self.text[self.pos..].chars().next().unwrap_or('?');
                return Err(self.err(format!("unexpected character `{ch}`, expected a value")));
            }
        };
        Ok(Node {
            span: Span::new(start, self.pos),
            value,
        })
    }

    fn literal(&mut self, word: &str, v: Value) -> Result<Value, JsonError> {
        if self
            .src
            .get(self.pos..)
            .is_some_and(|rest| rest.starts_with(word.as_bytes()))
        {
            self.pos += word.len();
            Ok(v)
        } else {
            Err(self.err("invalid literal, expected `true`, `false` or `null`"))
        }
    }

    fn enter(&mut self) -> Result<(), JsonError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err(format!("nesting deeper than {MAX_DEPTH} levels")));
        }
        Ok(())
    }

    fn object(&mut self) -> Result<Value, JsonError> {
        self.enter()?;
        self.pos += 1;
        let mut members = Vec::new();
        self.ws();
        if self.src.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.ws();
            match self.src.get(self.pos) {
                Some(b'"') => {}
                Some(b'}') => return Err(self.trailing_comma('}')),
                None => return Err(self.err("unexpected end of input inside an object")),
                Some(b'/') => return Err(self.err("comments are not allowed in JSON")),
                Some(b'\'') => return Err(self.err("object keys must use double quotes")),
                _ => return Err(self.err("expected a double-quoted object key")),
            }
            let kstart = self.pos;
            let key = self.string()?;
            let key_span = Span::new(kstart, self.pos);
            self.ws();
            if self.src.get(self.pos) != Some(&b':') {
                return Err(self.err("expected `:` after the object key"));
            }
            self.pos += 1;
            self.ws();
            let value = self.value()?;
            members.push(Member {
                key,
                key_span,
                value,
            });
            self.ws();
            match self.src.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                None => return Err(self.err("unexpected end of input inside an object")),
                _ => return Err(self.err("expected `,` or `}` after the object member")),
            }
        }
        self.depth -= 1;
        Ok(Value::Object(members))
    }

    fn array(&mut self) -> Result<Value, JsonError> {
        self.enter()?;
        self.pos += 1;
        let mut items = Vec::new();
        self.ws();
        if self.src.get(self.pos) == Some(&b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.ws();
            if self.src.get(self.pos) == Some(&b']') {
                return Err(self.trailing_comma(']'));
            }
            items.push(self.value()?);
            self.ws();
            match self.src.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                None => return Err(self.err("unexpected end of input inside an array")),
                _ => return Err(self.err("expected `,` or `]` after the array element")),
            }
        }
        self.depth -= 1;
        Ok(Value::Array(items))
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1; // opening quote
        let start = self.pos;
        // Fast path: no escapes.
        while let Some(&b) = self.src.get(self.pos) {
            match b {
                b'"' => {
                    let s = super::reserved::clean_str(&self.text[start..self.pos]);
                    self.pos += 1;
                    return Ok(s);
                }
                b'\\' => break,
                0x00..=0x1f => return Err(self.err("control character in string; escape it")),
                _ => self.pos += 1,
            }
        }
        let mut out = self.text[start..self.pos].to_string();
        loop {
            let Some(&b) = self.src.get(self.pos) else {
                return Err(self.err("unterminated string"));
            };
            match b {
                b'"' => {
                    self.pos += 1;
                    return Ok(super::reserved::clean(out));
                }
                b'\\' => {
                    let esc = self.src.get(self.pos + 1).copied();
                    match esc {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                            out.push(unescape(self.src.get(self.pos..).unwrap_or_default()).0);
                            self.pos += 2;
                        }
                        Some(b'u') => {
                            let hi = hex4(self.src.get(self.pos + 2..).unwrap_or(&[]))
                                .ok_or_else(|| self.err("invalid \\u escape"))?;
                            if (0xdc00..0xe000).contains(&hi) {
                                return Err(self.err("lone low surrogate in \\u escape"));
                            }
                            if (0xd800..0xdc00).contains(&hi) {
                                let lo_ok = self.src.get(self.pos + 6) == Some(&b'\\')
                                    && self.src.get(self.pos + 7) == Some(&b'u')
                                    && hex4(self.src.get(self.pos + 8..).unwrap_or(&[]))
                                        .is_some_and(|lo| (0xdc00..0xe000).contains(&lo));
                                if !lo_ok {
                                    return Err(self.err("lone high surrogate in \\u escape"));
                                }
                            }
                            let (ch, used) = unescape(self.src.get(self.pos..).unwrap_or_default());
                            out.push(ch);
                            self.pos += used;
                        }
                        _ => return Err(self.err("invalid escape sequence")),
                    }
                }
                0x00..=0x1f => return Err(self.err("control character in string; escape it")),
                _ => {
                    let len = char_len(b);
                    out.push_str(&self.text[self.pos..self.pos + len]);
                    self.pos += len;
                }
            }
        }
    }

    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.pos;
        if self.src.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        match self.src.get(self.pos) {
            Some(b'0') => {
                self.pos += 1;
                if matches!(self.src.get(self.pos), Some(b'0'..=b'9')) {
                    return Err(self.err("numbers must not have leading zeros"));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.err("invalid number")),
        }
        if self.src.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if !matches!(self.src.get(self.pos), Some(b'0'..=b'9')) {
                return Err(self.err("expected digits after the decimal point"));
            }
            self.digits();
        }
        if matches!(self.src.get(self.pos), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.src.get(self.pos), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !matches!(self.src.get(self.pos), Some(b'0'..=b'9')) {
                return Err(self.err("expected digits in the exponent"));
            }
            self.digits();
        }
        Ok(Value::Number(self.text[start..self.pos].to_string()))
    }

    fn digits(&mut self) {
        while matches!(self.src.get(self.pos), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_text(text: &str, s: Span) -> &str {
        &text[s.start as usize..s.end as usize]
    }

    #[test]
    fn spans_of_keys_and_values() {
        let text = r#"{"Version": "2012-10-17", "Statement": [{"Action": ["s3:Get*"]}]}"#;
        let n = parse(text).unwrap();
        let m = &n.as_object().unwrap()[0];
        assert_eq!(span_text(text, m.key_span), "\"Version\"");
        assert_eq!(span_text(text, m.value.span), "\"2012-10-17\"");
        let a = n.get("Statement").unwrap().as_array().unwrap()[0]
            .get("Action")
            .unwrap()
            .as_array()
            .unwrap()[0]
            .clone();
        assert_eq!(span_text(text, a.span), "\"s3:Get*\"");
    }

    #[test]
    fn bom_is_skipped_and_spans_stay_file_offsets() {
        let text = "\u{feff}{\"a\": \"b\"}";
        let n = parse(text).unwrap();
        assert_eq!(n.span.start, 3);
        assert_eq!(span_text(text, n.get("a").unwrap().span), "\"b\"");
    }

    #[test]
    fn multibyte_characters_before_a_span() {
        let text = "{\"Sid\": \"café😀\", \"Action\": \"s3:Replicate\\u004Fbjects\"}";
        let n = parse(text).unwrap();
        let a = n.get("Action").unwrap();
        assert_eq!(a.as_str(), Some("s3:ReplicateObjects"));
        assert_eq!(span_text(text, a.span), "\"s3:Replicate\\u004Fbjects\"");
    }

    #[test]
    fn strictness() {
        for bad in [
            "{\"a\": 1,}",
            "[1,]",
            "// c\n{}",
            "{'a': 1}",
            "{a: 1}",
            "{\"a\" 1}",
            "\"\\q\"",
            "\"\\ud800\"",
            "01",
            "{} {}",
            "",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should be rejected");
        }
        let e = parse("{\"a\": 1,\n}").unwrap_err();
        assert_eq!(e.offset, 7);
        assert!(e.message.contains("trailing comma"));
    }

    #[test]
    fn depth_limit_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        let e = parse(&deep).unwrap_err();
        assert!(e.message.contains("nesting"));
    }

    #[test]
    fn duplicate_keys_are_kept() {
        let n = parse(r#"{"Effect": "Allow", "Effect": "Deny"}"#).unwrap();
        assert_eq!(n.as_object().unwrap().len(), 2);
        assert_eq!(n.get("Effect").unwrap().as_str(), Some("Deny"));
    }

    #[test]
    fn big_numbers_keep_their_text() {
        let n = parse("[1e400, 123456789012345678901234567890]").unwrap();
        assert_eq!(
            n.as_array().unwrap()[0].value,
            Value::Number("1e400".into())
        );
    }

    #[test]
    fn embedded_policy_spans_map_into_the_outer_file() {
        let text = "{\"Policy\": \"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Action\\\":\\\"s3:Replicate\\u004fbjects\\\"}]}\"}";
        let outer = parse(text).unwrap();
        let lit = outer.get("Policy").unwrap().span;
        let inner = parse_embedded(text, lit).unwrap();
        let action = inner.get("Statement").unwrap().as_array().unwrap()[0]
            .get("Action")
            .unwrap();
        assert_eq!(action.as_str(), Some("s3:ReplicateObjects"));
        assert_eq!(
            span_text(text, action.span),
            "\\\"s3:Replicate\\u004fbjects\\\""
        );
        let key = &inner.as_object().unwrap()[0];
        assert_eq!(span_text(text, key.key_span), "\\\"Version\\\"");
    }

    #[test]
    fn yaml_double_quoted_policy_string_is_not_decoded_as_json() {
        // `\x7d` is YAML for `}`; decoding it as JSON read past the literal's end.
        let text = "P: \"{\\\"Version\\\": \\\"2012-10-17\\\"\\x7d\"";
        let at = text.find('"').unwrap();
        let node = Node {
            span: Span::new(at, text.len()),
            value: Value::String("{\"Version\": \"2012-10-17\"}".into()),
        };
        assert!(parse_embedded(text, node.span).is_err());
        let n = parse_string_node(text, &node).unwrap();
        assert_eq!(n.get("Version").unwrap().as_str(), Some("2012-10-17"));
        assert_eq!(n.get("Version").unwrap().span, node.span);
    }

    #[test]
    fn embedded_syntax_error_points_into_the_outer_file() {
        let text = r#"{"Policy": "{\"Version\": ,}"}"#;
        let outer = parse(text).unwrap();
        let e = parse_embedded(text, outer.get("Policy").unwrap().span).unwrap_err();
        assert_eq!(&text[e.offset..e.offset + 1], ",");
    }
}
