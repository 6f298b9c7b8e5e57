//! `primaryLocationLineHash`: a partial fingerprint that survives edits elsewhere in the file.

use super::location::{ceil_char, floor_char};
use crate::source::{SourceFile, Span};

/// FNV-1a, 64 bits: small, stable across platforms and Rust versions (unlike `DefaultHasher`).
pub(crate) fn fnv1a64(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        // Separator so ("ab","c") and ("a","bc") differ.
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The whitespace-free text of the lines a finding covers: edits elsewhere in the file (or
/// re-indenting) keep the fingerprint; editing the offending line changes it, as on GitHub. Bounded to
/// [`FINGERPRINT_CONTEXT`] bytes around the span (and as much of the span), so a finding on a 1 MB
/// one-line file hashes a few hundred bytes, not the whole line.
pub(crate) fn line_text(src: &SourceFile, span: Span) -> String {
    let text: &str = &src.text;
    let lines = src.lines();
    let start = (span.start as usize).min(text.len());
    let end = (span.end as usize).clamp(start, text.len());
    let end = end.min(start + FINGERPRINT_CONTEXT);
    let line_start = lines.line_range(lines.line(start as u32)).0 as usize;
    let line_end = lines.line_range(lines.line(end as u32)).1 as usize;
    let from = floor_char(
        text,
        line_start.max(start.saturating_sub(FINGERPRINT_CONTEXT)),
    );
    let to = ceil_char(text, line_end.min(end + FINGERPRINT_CONTEXT).max(from));
    text[from..to]
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{feff}')
        .collect()
}

/// Bytes of context on each side of a span that its fingerprint covers.
pub(super) const FINGERPRINT_CONTEXT: usize = 256;
