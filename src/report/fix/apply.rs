//! Apply repairs to the texts of their files (`trustlint check --fix`): in the order given (finding
//! order, so the result is deterministic), skipping a fix equal to one already taken (two findings
//! asking for the same statement) and a fix whose edits overlap one already taken (never two edits
//! of one span). Insertions at the same offset are all kept, in order.

use super::{Edit, Fix};
use crate::source::{FileId, SourceMap};
use std::collections::BTreeMap;

#[derive(Debug, Default)]
pub struct Applied {
    /// The new text of each changed file.
    pub texts: BTreeMap<FileId, String>,
    /// The fixes applied (in the order given).
    pub fixes: Vec<Fix>,
}

fn overlaps(a: &Edit, b: &Edit) -> bool {
    if a.file != b.file {
        return false;
    }
    let (x, y) = (a.span, b.span);
    if x.start == x.end && y.start == y.end {
        return false; // two insertions: both go in, in order
    }
    // An insertion conflicts with a replacement it falls strictly inside; two replacements conflict
    // when they share a byte.
    if x.start == x.end {
        return y.start < x.start && x.start < y.end;
    }
    if y.start == y.end {
        return x.start < y.start && y.start < x.end;
    }
    x.start < y.end && y.start < x.end
}

pub fn apply(fixes: &[Fix], sources: &SourceMap) -> Applied {
    let mut taken: Vec<Fix> = Vec::new();
    for f in fixes {
        if taken.iter().any(|t| t.edits == f.edits) {
            continue;
        }
        let clash = f
            .edits
            .iter()
            .any(|e| taken.iter().flat_map(|t| &t.edits).any(|t| overlaps(e, t)));
        if !clash {
            taken.push(f.clone());
        }
    }
    let mut by_file: BTreeMap<FileId, Vec<(usize, &Edit)>> = BTreeMap::new();
    for (order, e) in taken.iter().flat_map(|f| &f.edits).enumerate() {
        by_file.entry(e.file).or_default().push((order, e));
    }
    let mut texts = BTreeMap::new();
    for (file, mut edits) in by_file {
        let Some(src) = sources.files().get(file.0 as usize) else {
            continue;
        };
        edits.sort_by_key(|(order, e)| (e.span.start, e.span.end, *order));
        let text = &src.text;
        let mut out = String::with_capacity(text.len());
        let mut pos = 0usize;
        for (_, e) in edits {
            let (s, end) = (e.span.start as usize, e.span.end as usize);
            out.push_str(text.get(pos..s).unwrap_or_default());
            out.push_str(&e.text);
            pos = pos.max(end);
        }
        out.push_str(text.get(pos..).unwrap_or_default());
        texts.insert(file, out);
    }
    Applied {
        texts,
        fixes: taken,
    }
}

#[cfg(test)]
mod tests {
    use super::super::FixKind;
    use super::*;
    use crate::source::{SourceFile, Span};

    fn fix(s: usize, e: usize, text: &str) -> Fix {
        Fix {
            title: String::new(),
            kind: FixKind::Repair,
            edits: vec![Edit {
                file: FileId(0),
                span: Span::new(s, e),
                text: text.into(),
            }],
        }
    }

    #[test]
    fn in_order_without_duplicates_or_overlaps() {
        let mut m = SourceMap::default();
        m.push(SourceFile::new(
            FileId(0),
            "a.json".into(),
            "0123456789".into(),
        ));
        let fixes = [
            fix(2, 4, "ab"),
            fix(2, 4, "ab"), // the same fix again
            fix(3, 5, "x"),  // overlaps the first
            fix(6, 6, "I"),
            fix(6, 6, "J"), // same insertion point: after the first
            fix(3, 3, "y"), // inside the first replacement
            fix(8, 9, "Z"),
        ];
        let a = apply(&fixes, &m);
        assert_eq!(a.texts[&FileId(0)], "01ab45IJ67Z9");
        assert_eq!(a.fixes.len(), 4);
        // Deterministic: the same input gives the same output.
        assert_eq!(apply(&fixes, &m).texts, a.texts);
    }
}
