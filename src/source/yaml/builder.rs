//! The tree builder: `saphyr-parser` events → [`Node`]s with byte spans; keys, collections, anchors
//! and aliases (within the depth and byte budgets).

use super::scalar::intrinsic_key;
use super::{CharToByte, YamlError, ALIAS_BYTES_BASE, ALIAS_BYTES_PER_BYTE, MAX_DEPTH, NODE_BYTES};
use crate::source::{Member, Node, Span, Value};
use saphyr_parser::{Event, Parser, Tag};
use std::collections::HashMap;

/// One parse; an error says whether it happened inside a flow collection.
pub(super) fn parse_once(text: &str, dashes: &[usize]) -> Result<Vec<Node>, (YamlError, bool)> {
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
                let value: &str = if crate::source::reserved::is_dirty(&value) {
                    cleaned = crate::source::reserved::clean_str(&value);
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

pub(super) enum Kind {
    Seq(Vec<Node>),
    Map {
        members: Vec<Member>,
        key: Option<(String, Span)>,
        seen: HashMap<String, Span>,
    },
}

pub(super) struct Frame {
    pub(super) kind: Kind,
    /// Start of the node (tag or anchor included).
    pub(super) start: usize,
    /// Start of the collection itself (the bracket, or the first entry of a block collection).
    pub(super) body_start: Option<usize>,
    pub(super) flow: bool,
    pub(super) tag: Option<(String, Span)>,
    pub(super) anchor: usize,
    /// Depth and size of the children so far (aliases counted expanded).
    pub(super) depth: usize,
    pub(super) bytes: usize,
}

/// An anchored node with its expanded depth and size.
pub(super) struct Anchored {
    pub(super) node: Node,
    pub(super) depth: usize,
    pub(super) bytes: usize,
}

pub(super) struct Builder<'a> {
    pub(super) text: &'a str,
    pub(super) stack: Vec<Frame>,
    pub(super) docs: Vec<Node>,
    pub(super) anchors: HashMap<usize, Anchored>,
    /// Bytes that alias expansion may still create.
    pub(super) budget: usize,
    /// Offsets of the flow `-` scalars replaced by a placeholder (see [`super::parse`]).
    pub(super) dashes: &'a [usize],
}

impl Builder<'_> {
    pub(super) fn err(&self, offset: usize, len: usize, message: impl Into<String>) -> YamlError {
        YamlError {
            offset,
            len,
            message: message.into(),
            limit: None,
        }
    }

    /// Skip the node properties (`!tag`, `&anchor`) and the whitespace after them; return the tag's
    /// span if there is one, and where the value itself starts.
    pub(super) fn skip_properties(&self, mut pos: usize, end: usize) -> (Option<Span>, usize) {
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

    pub(super) fn key(&mut self, text: String, span: Span, anchor: usize) -> Result<(), YamlError> {
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

    pub(super) fn open(
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

    pub(super) fn close(&mut self, end: usize) -> Result<(), YamlError> {
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

    pub(super) fn alias(&mut self, id: usize, start: usize, end: usize) -> Result<(), YamlError> {
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
    pub(super) fn finish(
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
        crate::source::LineMap::new(text).line_col(text, offset.min(text.len()) as u32, false);
    (line + 1, col + 1)
}
