//! A bounded window of a file around a span, for the human renderer.
//!
//! miette renders whole lines and pads with `format!` widths: a finding at column 91,000 of a one-line
//! plan, or behind thousands of tabs, panicked ("Formatting argument out of range") and a long line
//! was printed in full. The excerpt keeps the span's lines plus one line of context, each clipped to
//! [`WIDTH`] bytes around the span (`…` marks a cut), at most [`MAX_SPAN_LINES`] lines of the span;
//! line breaks are normalized to `\n` (a lone CR is a line break, as in every other format). Line
//! numbers and the header position are the file's own.

use crate::source::{SourceFile, Span};
use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// Bytes of a line shown at most.
const WIDTH: usize = 160;
/// Bytes shown before the span on its first line.
const BEFORE: usize = 60;
/// Lines of a multi-line span shown at most.
const MAX_SPAN_LINES: usize = 20;
const CUT: &str = "…";

pub struct Excerpt {
    name: String,
    text: String,
    /// 0-based file line of the excerpt's first line.
    first_line: usize,
    /// The span, in excerpt coordinates.
    pub span: SourceSpan,
    /// 0-based file line and column of the span's start (the header's `path:line:col`).
    at: (usize, usize),
}

fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl Excerpt {
    pub fn new(src: &SourceFile, span: Span) -> Self {
        let text: &str = &src.text;
        let lines = src.lines();
        let start = floor(text, span.start as usize);
        let mut end = floor(text, (span.end as usize).max(start));
        let l0 = lines.line(start as u32);
        let mut l1 = lines.line(end as u32);
        // A span ending right at a line start ends on the line before.
        if l1 > l0 && lines.line_range(l1).0 as usize == end {
            l1 -= 1;
        }
        if l1 >= l0 + MAX_SPAN_LINES {
            l1 = l0 + MAX_SPAN_LINES - 1;
            end = lines.line_range(l1).1 as usize;
        }
        let first = l0.saturating_sub(1);
        let last = (l1 + 1).min(lines.line_count() - 1);
        let mut out = String::new();
        let (mut xs, mut xe) = (0, 0);
        for l in first..=last {
            let (a, b) = lines.line_range(l);
            let (a, b) = (a as usize, b as usize);
            let (lo, hi) = if l == l0 {
                let lo = a.max(start.saturating_sub(BEFORE));
                (lo, b.min(lo + WIDTH))
            } else if l == l1 {
                let hi = b.min(end + BEFORE).max(a);
                (a.max(hi.saturating_sub(WIDTH)), hi)
            } else {
                (a, b.min(a + WIDTH))
            };
            let (lo, hi) = (floor(text, lo), floor(text, hi));
            if l > first {
                out.push('\n');
            }
            if lo > a {
                out.push_str(CUT);
            }
            let base = out.len();
            let map = |o: usize| base + o.clamp(lo, hi) - lo;
            if l == l0 {
                xs = map(start);
            }
            if l == l1 {
                xe = map(end).max(xs);
            }
            out.push_str(&text[lo..hi]);
            if hi < b {
                out.push_str(CUT);
            }
        }
        let (line, col) = src.line_col(start as u32);
        Excerpt {
            name: src.path.clone(),
            text: out,
            first_line: first,
            span: SourceSpan::new(xs.into(), xe - xs),
            at: (line - 1, col - 1),
        }
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.as_str().read_span(span, before, after)?;
        let (line, column) = if before == 0 && after == 0 && span.offset() == self.span.offset() {
            self.at
        } else {
            (inner.line() + self.first_line, inner.column())
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            line,
            column,
            inner.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn file(text: &str) -> SourceFile {
        SourceFile::new(FileId(0), "f.json".into(), text.into())
    }

    #[test]
    fn long_line_is_windowed_around_the_span() {
        let text = format!("{{\"a\": \"{}\", \"Version\": \"x\"}}", "y".repeat(100_000));
        let f = file(&text);
        let at = text.find("\"x\"").unwrap();
        let e = Excerpt::new(&f, Span::new(at, at + 3));
        assert!(e.text.len() <= WIDTH + 2 * CUT.len(), "{}", e.text.len());
        let s = e.span.offset();
        assert_eq!(&e.text[s..s + e.span.len()], "\"x\"");
        assert_eq!(e.at, (0, at));
    }

    #[test]
    fn lone_cr_lines_and_context() {
        let f = file("{\r\"a\": 1,\r\"b\": 2\r}");
        let at = f.text.find("\"b\"").unwrap();
        let e = Excerpt::new(&f, Span::new(at, at + 3));
        assert_eq!(e.text, "\"a\": 1,\n\"b\": 2\n}");
        assert_eq!(e.first_line, 1);
        assert_eq!(e.at, (2, 0));
    }
}
