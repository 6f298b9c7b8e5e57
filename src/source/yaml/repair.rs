//! Repairs of the two things SnakeYAML accepts and YAML 1.2 rejects (see [`super::parse`]): the text
//! is edited so that it parses, and offsets in the edited text map back to the original.

use super::YamlError;

/// What the parser says about a plain `-` before `,`, `]` or `}` in a flow collection.
const FLOW_DASH: &str = "plain scalar cannot start with '-' followed by ,[]{}";

/// Edits made to the text so that it parses (see [`super::parse`]), in the edited text's offsets.
#[derive(Default)]
pub(super) struct Repairs {
    /// Offsets of the placeholders of flow `-` scalars.
    pub(super) dashes: Vec<usize>,
    /// (offset, count) of inserted spaces, sorted.
    pub(super) inserts: Vec<(usize, usize)>,
    pub(super) count: usize,
}

impl Repairs {
    /// The original offset of an offset in the edited text.
    pub(super) fn original(&self, p: u32) -> u32 {
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

    pub(super) fn insert(&mut self, t: &mut String, at: usize, n: usize) {
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
    pub(super) fn repair(&mut self, t: &mut String, e: &YamlError, in_flow: bool) -> bool {
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
