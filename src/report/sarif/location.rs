//! Physical locations: artifact URIs and regions (1-based lines, UTF-16 columns, byte range).

use super::{ArtifactLocation, PhysicalLocation, Region};
use crate::source::{FileId, SourceFile, Span};
use std::collections::HashMap;

/// A path as reported (relative when the input was) → a URI reference: `/` separators, everything
/// outside RFC 3986 `unreserved` and `/` percent-encoded (so `:` in a first segment cannot read as a
/// scheme). Absolute paths become `file://` URIs.
pub fn path_to_uri(path: &str) -> String {
    let p = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    let p = p.strip_prefix("./").unwrap_or(&p);
    let mut out = String::with_capacity(p.len());
    let (prefix, rest) = if p.starts_with('/') {
        ("file://", p)
    } else if let (Some((drive, rest)), [_, b':', b'/', ..]) = (p.split_at_checked(2), p.as_bytes())
    {
        // Windows drive: C:/x → file:///C:/x (the drive colon stays literal).
        out.push_str(drive);
        ("file:///", rest)
    } else {
        ("", p)
    };
    let mut encoded = String::with_capacity(rest.len());
    for b in rest.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                encoded.push(b as char)
            }
            _ => encoded.push_str(&format!("%{b:02X}")),
        }
    }
    format!("{prefix}{out}{encoded}")
}

pub(super) fn region(src: &SourceFile, span: Span) -> Region {
    // Line/column lookups need char boundaries; a span never should split a char, but a region
    // must not panic the report if one does.
    let text: &str = &src.text;
    let start = floor_char(text, (span.start as usize).min(text.len()));
    let end = ceil_char(text, (span.end as usize).clamp(start, text.len()));
    let (start, end) = (start as u32, end as u32);
    let (start_line, start_column) = src.line_col_utf16(start);
    let (end_line, end_column) = if end == start {
        (start_line, start_column)
    } else {
        src.line_col_utf16(end)
    };
    Region {
        start_line: start_line.max(1),
        start_column: start_column.max(1),
        end_line: end_line.max(1),
        end_column: end_column.max(1),
        // Bytes of the file as read (a non-UTF-8 file's PARSE span points at the raw bad byte).
        byte_offset: span.start,
        byte_length: span.end.saturating_sub(span.start),
    }
}

pub(super) fn physical(
    src: &SourceFile,
    span: Span,
    paths: &HashMap<FileId, String>,
) -> PhysicalLocation {
    let path = paths.get(&src.id).unwrap_or(&src.path);
    PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: path_to_uri(path),
        },
        region: region(src, span),
    }
}

pub(super) fn ceil_char(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

pub(super) fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
