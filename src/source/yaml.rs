//! YAML → the same spanned [`Node`] tree as JSON, with byte spans, for CloudFormation templates.
//!
//! Built on `saphyr-parser`'s event stream (not `saphyr`'s `MarkedYaml` tree) so that we control the
//! spans, the limits and the tags:
//! - spans are **bytes** (the parser's markers count characters; [`CharToByte`] converts);
//! - a scalar's span is exactly its text (quotes included, like JSON; a block scalar's content without
//!   its trailing newlines); a flow collection runs from its bracket to its closing bracket; a block
//!   collection from its first entry to the end of its last (no trailing newline);
//! - CloudFormation short-form tags become the long form: `!Ref X` → `{"Ref": "X"}`, `!Sub s` →
//!   `{"Fn::Sub": s}`, `!Condition C` → `{"Condition": "C"}`, `!GetAtt A.B.C` → `{"Fn::GetAtt": ["A",
//!   "B.C"]}`; any other `!Name` → `{"Fn::Name": …}` (so an unknown one is reported by the template
//!   rules). The member's key span is the tag (`!Sub`), the object's span covers tag and value;
//! - plain scalars follow the YAML 1.2 core schema: `null`/`~`/empty → Null, `true`/`false` → Bool,
//!   integers and floats → Number (source text kept); quoted scalars are always strings;
//! - anchors and aliases are expanded (an alias is a copy of the anchored node, spans pointing at the
//!   anchor), within a node budget so alias bombs are an error, not an out-of-memory;
//! - a plain `-` before `,` `]` `}` in a flow collection is the string `-` (PyYAML/SnakeYAML, as
//!   CloudFormation reads it; see [`parse`]). Divergences from the YAML test suite are listed, with
//!   reasons, in `tests/data/yaml-suite/known-divergences.tsv`;
//! - duplicate keys, complex (non-scalar) keys, nesting deeper than [`MAX_DEPTH`] and syntax errors are
//!   [`YamlError`]s with a byte position.

use super::{Member, Node, Span, Value};
use saphyr_parser::{Event, Parser, ScalarStyle, Tag};
use std::collections::HashMap;

/// Nesting deeper than this is an error (same limit as the JSON parser), also after alias expansion:
/// every later pass over the tree may recurse.
pub const MAX_DEPTH: usize = 256;

/// Bytes alias expansion may add beyond the file's own text: `ALIAS_BYTES_PER_BYTE` per byte of the
/// file plus `ALIAS_BYTES_BASE` (a 100 KB scalar aliased 20,000 times asked for 2 GB).
pub const ALIAS_BYTES_PER_BYTE: usize = 4;
pub const ALIAS_BYTES_BASE: usize = 1 << 20;

/// Bytes a node is counted for: its text plus this much per node.
const NODE_BYTES: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// Byte offset of the problem.
    pub offset: usize,
    /// Byte length of the offending text (0 when it is a position).
    pub len: usize,
    pub message: String,
    /// The analysis limit exceeded (a finding of its own, not a syntax error).
    pub limit: Option<&'static str>,
}

/// Character index → byte offset, with a checkpoint every 64 characters (no table at all for ASCII).
pub struct CharToByte<'a> {
    text: &'a str,
    ascii: bool,
    checkpoints: Vec<u32>,
}

const STRIDE: usize = 64;

impl<'a> CharToByte<'a> {
    pub fn new(text: &'a str) -> Self {
        let ascii = text.is_ascii();
        let mut checkpoints = Vec::new();
        if !ascii {
            checkpoints.reserve(text.len() / STRIDE + 1);
            for (i, (b, _)) in text.char_indices().enumerate() {
                if i % STRIDE == 0 {
                    checkpoints.push(b as u32);
                }
            }
        }
        CharToByte {
            text,
            ascii,
            checkpoints,
        }
    }

    /// The byte offset of character `index` (the text length when past the end).
    pub fn byte(&self, index: usize) -> usize {
        if self.ascii {
            return index.min(self.text.len());
        }
        let Some(&cp) = self.checkpoints.get(index / STRIDE) else {
            return self.text.len();
        };
        let rest = index % STRIDE;
        self.text[cp as usize..]
            .char_indices()
            .nth(rest)
            .map_or(self.text.len(), |(b, _)| cp as usize + b)
    }
}

/// At most this many repairs (see [`parse`]) per file: each costs a re-parse.
const MAX_REPAIRS: usize = 64;

/// What the parser says about a plain `-` before `,`, `]` or `}` in a flow collection.
const FLOW_DASH: &str = "plain scalar cannot start with '-' followed by ,[]{}";

/// Parse every document of a YAML stream. An empty stream yields no document.
///
/// CloudFormation reads YAML with SnakeYAML, which (like PyYAML, hence cfn-lint) accepts two things
/// YAML 1.2 and our parser reject; both are repaired here and the text parsed again, with spans mapped
/// back to the original text:
/// - a plain `-` directly followed by `,`, `]` or `}` in a flow collection is the string `-`
///   (`!Join [ -, [a, b] ]`): the `-` is replaced by a placeholder of the same length, and the builder
///   gives that scalar back its `-`;
/// - continuation lines of a quoted scalar, and lines inside a flow collection, indented less than
///   YAML 1.2 requires: spaces are inserted at the start of those lines (the value does not change:
///   leading white space of such lines is not part of it).
pub fn parse(text: &str) -> Result<Vec<Node>, YamlError> {
    let mut fix = Repairs::default();
    let mut owned: Option<String> = None;
    loop {
        let cur = owned.as_deref().unwrap_or(text);
        match parse_once(cur, &fix.dashes) {
            Ok(mut docs) => {
                if !fix.inserts.is_empty() {
                    docs.iter_mut().for_each(|d| d.remap(&|p| fix.original(p)));
                }
                return Ok(docs);
            }
            Err((e, in_flow)) => {
                let repaired = fix.count < MAX_REPAIRS && {
                    let mut t = owned.take().unwrap_or_else(|| text.to_string());
                    let ok = fix.repair(&mut t, &e, in_flow);
                    owned = Some(t);
                    ok
                };
                if !repaired {
                    let offset = fix.original(e.offset as u32) as usize;
                    return Err(YamlError { offset, ..e });
                }
            }
        }
    }
}

/// Edits made to the text so that it parses (see [`parse`]), in the edited text's offsets.
#[derive(Default)]
struct Repairs {
    /// Offsets of the placeholders of flow `-` scalars.
    dashes: Vec<usize>,
    /// (offset, count) of inserted spaces, sorted.
    inserts: Vec<(usize, usize)>,
    count: usize,
}

impl Repairs {
    /// The original offset of an offset in the edited text.
    fn original(&self, p: u32) -> u32 {
        let p = p as usize;
        let mut shift = 0;
        for &(at, n) in &self.inserts {
            if at + n <= p {
                shift += n;
            } else if at < p {
                shift += p - at;
            }
        }
        (p - shift) as u32
    }

    fn insert(&mut self, t: &mut String, at: usize, n: usize) {
        t.insert_str(at, &" ".repeat(n));
        for d in &mut self.dashes {
            if *d >= at {
                *d += n;
            }
        }
        for i in &mut self.inserts {
            if i.0 >= at {
                i.0 += n;
            }
        }
        self.inserts.push((at, n));
        self.inserts.sort_unstable();
    }

    /// Repair the text for this error, if it is one of the two leniencies; false otherwise.
    fn repair(&mut self, t: &mut String, e: &YamlError, in_flow: bool) -> bool {
        let b = t.as_bytes();
        if e.message == FLOW_DASH
            && b.get(e.offset) == Some(&b'-')
            && matches!(b.get(e.offset + 1), Some(b',' | b']' | b'}'))
        {
            t.replace_range(e.offset..e.offset + 1, "Z");
            self.dashes.push(e.offset);
        } else if e.message == "invalid indentation in quoted scalar" {
            // The error is at the opening quote: indent every continuation line up to its column.
            let Some(end) = quoted_end(t, e.offset) else {
                return false;
            };
            let line_start = t[..e.offset].rfind('\n').map_or(0, |i| i + 1);
            let col = e.offset - line_start;
            let mut lines = Vec::new();
            let mut at = e.offset;
            while let Some(i) = t[at..end].find('\n') {
                at += i + 1;
                let indent = t[at..].bytes().take_while(|c| *c == b' ').count();
                if indent <= col {
                    lines.push((at, col + 1 - indent));
                }
            }
            if lines.is_empty() {
                return false;
            }
            for (at, n) in lines.into_iter().rev() {
                self.insert(t, at, n);
            }
        } else if in_flow
            && matches!(
                e.message.as_str(),
                "invalid indentation" | "invalid indentation in flow construct"
            )
        {
            // A line inside a flow collection: indent it by one more column (again, if need be).
            let line_start = t[..e.offset].rfind('\n').map_or(0, |i| i + 1);
            if !t[line_start..e.offset].bytes().all(|c| c == b' ') {
                return false;
            }
            self.insert(t, line_start, 1);
        } else {
            return false;
        }
        self.count += 1;
        true
    }
}

/// The offset just after the quoted scalar opening at `start` (`'…'` with `''` escapes, `"…"` with
/// backslash escapes).
fn quoted_end(t: &str, start: usize) -> Option<usize> {
    let b = t.as_bytes();
    let q = *b.get(start)?;
    if q != b'\'' && q != b'"' {
        return None;
    }
    let mut i = start + 1;
    while let Some(&c) = b.get(i) {
        match c {
            b'\\' if q == b'"' => i += 2,
            c if c == q => {
                if q == b'\'' && b.get(i + 1) == Some(&b'\'') {
                    i += 2;
                } else {
                    return Some(i + 1);
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// One parse; an error says whether it happened inside a flow collection.
fn parse_once(text: &str, dashes: &[usize]) -> Result<Vec<Node>, (YamlError, bool)> {
    let map = CharToByte::new(text);
    let mut b = Builder {
        text,
        stack: Vec::new(),
        docs: Vec::new(),
        anchors: HashMap::new(),
        budget: ALIAS_BYTES_PER_BYTE * text.len() + ALIAS_BYTES_BASE,
        dashes,
    };
    let mut parser = Parser::new_from_str(text);
    while let Some(ev) = parser.next_event() {
        let (event, span) = match ev {
            Ok(x) => x,
            Err(e) => {
                let offset = map.byte(e.marker().index());
                let len = text[offset.min(text.len())..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8);
                let in_flow = b.stack.last().is_some_and(|f| f.flow);
                return Err((
                    YamlError {
                        offset,
                        len,
                        message: e.info().to_string(),
                        limit: None,
                    },
                    in_flow,
                ));
            }
        };
        let start = map.byte(span.start.index());
        let end = map.byte(span.end.index()).max(start);
        let r = match event {
            Event::StreamEnd => break,
            Event::Scalar(value, style, anchor, tag) => {
                let cleaned;
                let value: &str = if super::reserved::is_dirty(&value) {
                    cleaned = super::reserved::clean_str(&value);
                    &cleaned
                } else {
                    &value
                };
                b.scalar(value, style, anchor, tag.as_deref(), start, end)
            }
            Event::SequenceStart(anchor, tag) => b.open(false, anchor, tag.as_deref(), start, end),
            Event::MappingStart(anchor, tag) => b.open(true, anchor, tag.as_deref(), start, end),
            Event::SequenceEnd | Event::MappingEnd => b.close(end),
            Event::Alias(id) => b.alias(id, start, end),
            _ => Ok(()),
        };
        // Errors of the tree (duplicate keys, depth, alias budget) are never repaired.
        r.map_err(|e| (e, false))?;
    }
    Ok(b.docs)
}

enum Kind {
    Seq(Vec<Node>),
    Map {
        members: Vec<Member>,
        key: Option<(String, Span)>,
        seen: HashMap<String, Span>,
    },
}

struct Frame {
    kind: Kind,
    /// Start of the node (tag or anchor included).
    start: usize,
    /// Start of the collection itself (the bracket, or the first entry of a block collection).
    body_start: Option<usize>,
    flow: bool,
    tag: Option<(String, Span)>,
    anchor: usize,
    /// Depth and size of the children so far (aliases counted expanded).
    depth: usize,
    bytes: usize,
}

/// An anchored node with its expanded depth and size.
struct Anchored {
    node: Node,
    depth: usize,
    bytes: usize,
}

struct Builder<'a> {
    text: &'a str,
    stack: Vec<Frame>,
    docs: Vec<Node>,
    anchors: HashMap<usize, Anchored>,
    /// Bytes that alias expansion may still create.
    budget: usize,
    /// Offsets of the flow `-` scalars replaced by a placeholder (see [`parse`]).
    dashes: &'a [usize],
}

/// The intrinsic a short-form tag stands for; `None` for YAML's own tags (`!!str`, …) and other handles.
fn intrinsic_key(tag: &Tag) -> Option<String> {
    if tag.handle != "!" || tag.suffix.is_empty() {
        return None;
    }
    Some(match tag.suffix.as_str() {
        "Ref" => "Ref".to_string(),
        "Condition" => "Condition".to_string(),
        s => format!("Fn::{s}"),
    })
}

fn is_plain_null(s: &str) -> bool {
    matches!(s, "" | "~" | "null" | "Null" | "NULL")
}

fn plain_bool(s: &str) -> Option<bool> {
    match s {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// YAML 1.2 core schema integers and floats.
fn is_plain_number(s: &str) -> bool {
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
    fn err(&self, offset: usize, len: usize, message: impl Into<String>) -> YamlError {
        YamlError {
            offset,
            len,
            message: message.into(),
            limit: None,
        }
    }

    /// Skip the node properties (`!tag`, `&anchor`) and the whitespace after them; return the tag's
    /// span if there is one, and where the value itself starts.
    fn skip_properties(&self, mut pos: usize, end: usize) -> (Option<Span>, usize) {
        let bytes = self.text.as_bytes();
        // Past the text (never, for the parser's own markers) reads as a NUL byte, which ends every loop.
        let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
        let mut tag = None;
        while pos < end && (at(pos) == b'!' || at(pos) == b'&') {
            let s = pos;
            while pos < end && !at(pos).is_ascii_whitespace() && !matches!(at(pos), b'[' | b'{') {
                pos += 1;
            }
            if at(s) == b'!' {
                tag = Some(Span::new(s, pos));
            }
            while pos < end && at(pos).is_ascii_whitespace() {
                pos += 1;
            }
        }
        (tag, pos)
    }

    fn scalar(
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
    fn wrap_tag(
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

    fn key(&mut self, text: String, span: Span, anchor: usize) -> Result<(), YamlError> {
        if anchor != 0 {
            self.anchors.insert(
                anchor,
                Anchored {
                    node: Node {
                        span,
                        value: Value::String(text.clone()),
                    },
                    depth: 1,
                    bytes: text.len() + NODE_BYTES,
                },
            );
        }
        let Some(Frame {
            kind: Kind::Map { key, seen, .. },
            ..
        }) = self.stack.last_mut()
        else {
            return Ok(());
        };
        if let Some(first) = seen.get(&text) {
            let (line, _) = line_of(self.text, first.start as usize);
            return Err(YamlError {
                offset: span.start as usize,
                len: span.len(),
                message: format!("duplicate key `{text}` (first defined on line {line})"),
                limit: None,
            });
        }
        seen.insert(text.clone(), span);
        *key = Some((text, span));
        Ok(())
    }

    fn open(
        &mut self,
        mapping: bool,
        anchor: usize,
        tag: Option<&Tag>,
        start: usize,
        end: usize,
    ) -> Result<(), YamlError> {
        if let Some(Frame {
            kind: Kind::Map { key: None, .. },
            ..
        }) = self.stack.last()
        {
            return Err(self.err(
                start,
                end - start,
                "complex (non-scalar) mapping keys are not supported",
            ));
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.err(
                start,
                end - start,
                format!("nesting deeper than {MAX_DEPTH} levels"),
            ));
        }
        let (tag_span, body) = self.skip_properties(start, end);
        let flow = self.text[start..end].trim_end().ends_with(['[', '{']);
        let body_start = if flow {
            Some(self.text[..end].trim_end().len() - 1)
        } else {
            Some(body)
        };
        let kind = if mapping {
            Kind::Map {
                members: Vec::new(),
                key: None,
                seen: HashMap::new(),
            }
        } else {
            Kind::Seq(Vec::new())
        };
        let tag = tag.and_then(|t| {
            intrinsic_key(t).map(|k| (k, tag_span.unwrap_or(Span::new(start, start))))
        });
        self.stack.push(Frame {
            kind,
            start,
            body_start,
            flow,
            tag,
            anchor,
            depth: 0,
            bytes: 0,
        });
        Ok(())
    }

    fn close(&mut self, end: usize) -> Result<(), YamlError> {
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        let (value, first, last) = match frame.kind {
            Kind::Seq(items) => {
                let f = items.first().map(|n| n.span.start as usize);
                let l = items.last().map(|n| n.span.end as usize);
                (Value::Array(items), f, l)
            }
            Kind::Map { members, .. } => {
                let f = members.first().map(|m| m.key_span.start as usize);
                let l = members
                    .last()
                    .map(|m| m.value.span.end.max(m.key_span.end) as usize);
                (Value::Object(members), f, l)
            }
        };
        let body_start = if frame.flow {
            frame.body_start.unwrap_or(frame.start)
        } else {
            match (frame.body_start, first) {
                (Some(b), Some(f)) => b.min(f),
                (b, f) => b.or(f).unwrap_or(frame.start),
            }
        };
        let body_end = if frame.flow {
            end
        } else {
            last.unwrap_or(body_start)
        };
        let mut node = Node {
            span: Span::new(body_start, body_end.max(body_start)),
            value,
        };
        let mut depth = frame.depth + 1;
        if let Some((key, key_span)) = frame.tag {
            depth += 1;
            node = Node {
                span: key_span.cover(node.span),
                value: Value::Object(vec![Member {
                    key,
                    key_span,
                    value: node,
                }]),
            };
        }
        self.finish(node, frame.anchor, depth, frame.bytes + NODE_BYTES)
    }

    fn alias(&mut self, id: usize, start: usize, end: usize) -> Result<(), YamlError> {
        let Some(target) = self.anchors.get(&id) else {
            return Err(self.err(start, end - start, "alias to an unknown anchor"));
        };
        let (depth, bytes) = (target.depth, target.bytes);
        // Checked before copying: the copy itself (and every later pass) recurses over the tree.
        if self.stack.len() + depth > MAX_DEPTH {
            return Err(YamlError {
                limit: Some("YAML nesting depth"),
                ..self.err(
                    start,
                    end - start,
                    format!("the alias expands to nesting deeper than {MAX_DEPTH} levels"),
                )
            });
        }
        if bytes > self.budget {
            let total = ALIAS_BYTES_PER_BYTE * self.text.len() + ALIAS_BYTES_BASE;
            return Err(YamlError {
                limit: Some("YAML alias expansion"),
                ..self.err(
                    start,
                    end - start,
                    format!(
                        "aliases expand to more than {total} bytes ({ALIAS_BYTES_PER_BYTE} per byte of the file plus {ALIAS_BYTES_BASE})"
                    ),
                )
            });
        }
        self.budget -= bytes;
        let mut node = target.node.clone();
        node.span = Span::new(start, end);
        if let Some(Frame {
            kind: Kind::Map { key: None, .. },
            ..
        }) = self.stack.last()
        {
            return match node.value {
                Value::String(s) | Value::Number(s) => self.key(s, node.span, 0),
                _ => Err(self.err(
                    start,
                    end - start,
                    "an alias used as a mapping key must name a scalar",
                )),
            };
        }
        self.finish(node, 0, depth, bytes)
    }

    /// A node is complete: remember its anchor and attach it to its parent (or make it a document).
    /// `depth` and `bytes` are its expanded depth and size.
    fn finish(
        &mut self,
        node: Node,
        anchor: usize,
        depth: usize,
        bytes: usize,
    ) -> Result<(), YamlError> {
        if anchor != 0 {
            self.anchors.insert(
                anchor,
                Anchored {
                    node: node.clone(),
                    depth,
                    bytes,
                },
            );
        }
        match self.stack.last_mut() {
            None => self.docs.push(node),
            Some(frame) => {
                frame.depth = frame.depth.max(depth);
                frame.bytes += bytes;
                match &mut frame.kind {
                    Kind::Seq(items) => items.push(node),
                    Kind::Map { members, key, .. } => {
                        if let Some((k, ks)) = key.take() {
                            frame.bytes += k.len();
                            members.push(Member {
                                key: k,
                                key_span: ks,
                                value: node,
                            });
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// 1-based line of a byte offset (every line break style counts, as in the reports).
fn line_of(text: &str, offset: usize) -> (usize, usize) {
    let (line, col) =
        super::LineMap::new(text).line_col(text, offset.min(text.len()) as u32, false);
    (line + 1, col + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Node {
        let mut d = parse(text).unwrap();
        assert_eq!(d.len(), 1);
        d.remove(0)
    }

    fn at<'a>(text: &'a str, n: &Node) -> &'a str {
        &text[n.span.start as usize..n.span.end as usize]
    }

    #[test]
    fn scalars_and_spans() {
        let t =
            "# café ☕ comment\na: hello\nb: 'q'\nc: 12\nd: true\ne:\nf: \"x\"\ng: 2012-10-17\n";
        let n = one(t);
        assert_eq!(at(t, n.get("a").unwrap()), "hello");
        assert_eq!(n.get("a").unwrap().as_str(), Some("hello"));
        assert_eq!(at(t, n.get("b").unwrap()), "'q'");
        assert_eq!(n.get("c").unwrap().value, Value::Number("12".into()));
        assert_eq!(n.get("d").unwrap().value, Value::Bool(true));
        assert_eq!(n.get("e").unwrap().value, Value::Null);
        assert_eq!(at(t, n.get("f").unwrap()), "\"x\"");
        assert_eq!(n.get("g").unwrap().as_str(), Some("2012-10-17"));
        let m = &n.as_object().unwrap()[0];
        assert_eq!(&t[m.key_span.start as usize..m.key_span.end as usize], "a");
    }

    #[test]
    fn collections_spans() {
        let t =
            "a: [1, [2, 3]]\nb: {x: y}\nc:\n  - one\n  - two\n\nd: |\n  text\n  more\n\ne: end\n";
        let n = one(t);
        assert_eq!(at(t, n.get("a").unwrap()), "[1, [2, 3]]");
        assert_eq!(at(t, n.get("b").unwrap()), "{x: y}");
        assert_eq!(at(t, n.get("c").unwrap()), "- one\n  - two");
        assert_eq!(at(t, n.get("d").unwrap()), "text\n  more");
        assert_eq!(n.get("d").unwrap().as_str(), Some("text\nmore\n"));
        assert!(at(t, &n).starts_with("a: [1") && at(t, &n).ends_with("e: end"));
    }

    #[test]
    fn short_tags_become_long_form() {
        let t = "a: !Ref Bucket\nb: !GetAtt Role.Arn\nc: !GetAtt [Db, Endpoint.Address]\nd: !Sub \"arn:${AWS::Partition}:s3:::${B}/*\"\ne: !If\n  - IsProd\n  - x\n  - !Ref AWS::NoValue\nf: !Condition C\ng: !Frob x\n";
        let n = one(t);
        let a = n.get("a").unwrap();
        assert_eq!(a.get("Ref").unwrap().as_str(), Some("Bucket"));
        assert_eq!(at(t, a), "!Ref Bucket");
        assert_eq!(at(t, a.get("Ref").unwrap()), "Bucket");
        let m = &a.as_object().unwrap()[0];
        assert_eq!(
            &t[m.key_span.start as usize..m.key_span.end as usize],
            "!Ref"
        );
        let b = n
            .get("b")
            .unwrap()
            .get("Fn::GetAtt")
            .unwrap()
            .as_array()
            .unwrap();
        assert_eq!(b[0].as_str(), Some("Role"));
        assert_eq!(at(t, &b[0]), "Role");
        assert_eq!(at(t, &b[1]), "Arn");
        let c = n
            .get("c")
            .unwrap()
            .get("Fn::GetAtt")
            .unwrap()
            .as_array()
            .unwrap();
        assert_eq!(c[1].as_str(), Some("Endpoint.Address"));
        assert_eq!(at(t, n.get("c").unwrap()), "!GetAtt [Db, Endpoint.Address]");
        let d = n.get("d").unwrap().get("Fn::Sub").unwrap();
        assert_eq!(at(t, d), "\"arn:${AWS::Partition}:s3:::${B}/*\"");
        let e = n.get("e").unwrap();
        let items = e.get("Fn::If").unwrap().as_array().unwrap();
        assert_eq!(items.len(), 3);
        assert_eq!(items[2].get("Ref").unwrap().as_str(), Some("AWS::NoValue"));
        assert!(at(t, e).starts_with("!If") && at(t, e).ends_with("!Ref AWS::NoValue"));
        assert_eq!(
            n.get("f").unwrap().get("Condition").unwrap().as_str(),
            Some("C")
        );
        assert!(n.get("g").unwrap().get("Fn::Frob").is_some());
    }

    #[test]
    fn non_ascii_before_gives_byte_spans() {
        let t = "# ünïcödé 😀\nk: !Sub 'v'\n";
        let n = one(t);
        let k = n.get("k").unwrap();
        assert_eq!(at(t, k), "!Sub 'v'");
        let bom = "\u{feff}a: b\n";
        assert_eq!(at(bom, one(bom).get("a").unwrap()), "b");
    }

    #[test]
    fn errors_have_positions() {
        let e = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(e.offset, 10);
        assert!(e.message.contains("duplicate key `a`"), "{}", e.message);
        let e = parse("a: [1, 2\nb: c\n").unwrap_err();
        assert!(e.offset > 0);
        let deep = format!("a: {}{}", "[".repeat(5000), "]".repeat(5000));
        assert!(parse(&deep).is_err());
        let deep_block: String = (0..400).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
        assert!(parse(&deep_block).is_err());
    }

    #[test]
    fn aliases_expand_within_budget() {
        let n = one("a: &x {k: v}\nb: *x\n");
        assert_eq!(n.get("b").unwrap().get("k").unwrap().as_str(), Some("v"));
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            bomb.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        assert!(parse(&bomb).is_err());
    }

    #[test]
    fn alias_expansion_is_limited_in_depth_and_bytes() {
        // Each anchor nests 100 levels around the previous one: the file is shallow, the expansion
        // thousands of levels deep.
        let mut deep = String::from("a0: &a0 x\n");
        for i in 1..40 {
            let p = i - 1;
            deep.push_str(&format!(
                "a{i}: &a{i} {}*a{p}{}\n",
                "[".repeat(100),
                "]".repeat(100)
            ));
        }
        let e = parse(&deep).unwrap_err();
        assert_eq!(e.limit, Some("YAML nesting depth"), "{}", e.message);
        assert_eq!(&deep[e.offset..e.offset + e.len], "*a2");
        // One big scalar aliased many times: few nodes, many bytes.
        let big = format!(
            "a: &a {}\nl: [{}]\n",
            "b".repeat(100_000),
            vec!["*a"; 2_000].join(", ")
        );
        let e = parse(&big).unwrap_err();
        assert_eq!(e.limit, Some("YAML alias expansion"), "{}", e.message);
        let ok = format!(
            "a: &a {}\nl: [{}]\n",
            "b".repeat(1_000),
            vec!["*a"; 100].join(", ")
        );
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn numbers() {
        for s in [
            "1", "-2", "0x1F", "0o17", "1.5", ".5", "1e3", "-.inf", ".nan", "012",
        ] {
            assert!(is_plain_number(s), "{s}");
        }
        for s in ["1.2.3", "e3", "0x", "abc", "2012-10-17", "1_000", "."] {
            assert!(!is_plain_number(s), "{s}");
        }
    }
}

#[cfg(test)]
mod flow_dash_tests {
    use super::*;

    #[test]
    fn a_plain_dash_in_a_flow_collection_is_a_string_with_its_span() {
        let t = "Name: !Join [ -, [a, b] ]\nQ: '[ -, x ]'\n";
        let d = parse(t).unwrap();
        let join = d[0].get("Name").unwrap().get("Fn::Join").unwrap();
        let dash = &join.as_array().unwrap()[0];
        assert_eq!(dash.as_str(), Some("-"));
        assert_eq!(&t[dash.span.start as usize..dash.span.end as usize], "-");
        // A quoted string is never touched.
        assert_eq!(d[0].get("Q").unwrap().as_str(), Some("[ -, x ]"));
        // `- ` (a block entry) inside a flow collection stays an error, as in PyYAML.
        assert!(parse("a: [ - , x ]\n").is_err());
    }
}

#[cfg(test)]
mod lenient_indent_tests {
    use super::*;

    #[test]
    fn under_indented_lines_parse_and_spans_stay_on_the_original_text() {
        let t = "A:\n  V: 'one\n  two'\n  W: [\n      x,\n    y\n  ]\n  Z: last\n";
        assert!(parse_once("A:\n  V: 'one\n  two'\n", &[]).is_err());
        // YAML 1.2 (and the parser) reject both under-indented lines; SnakeYAML accepts them.
        let flow = "S:\n  C:\n      'k': [\n          x,\n      y\n      ]\n";
        assert!(parse_once(flow, &[]).is_err());
        let d = parse(flow).unwrap();
        let k = d[0].get("S").unwrap().get("C").unwrap().get("k").unwrap();
        assert_eq!(
            &flow[k.span.start as usize..k.span.end as usize],
            "[\n          x,\n      y\n      ]"
        );
        let d = parse(t).unwrap();
        let a = d[0].get("A").unwrap();
        assert_eq!(a.get("V").unwrap().as_str(), Some("one two"));
        let at = |n: &Node| &t[n.span.start as usize..n.span.end as usize];
        assert_eq!(at(a.get("V").unwrap()), "'one\n  two'");
        assert_eq!(at(&a.get("W").unwrap().as_array().unwrap()[1]), "y");
        assert_eq!(at(a.get("Z").unwrap()), "last");
        let z = a
            .as_object()
            .unwrap()
            .iter()
            .find(|m| m.key == "Z")
            .unwrap();
        assert_eq!(&t[z.key_span.start as usize..z.key_span.end as usize], "Z");
    }
}
