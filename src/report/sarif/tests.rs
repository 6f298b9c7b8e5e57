//! Regions, URIs, fingerprints and rule descriptors.

use super::descriptor::rule_name;
use super::fingerprint::FINGERPRINT_CONTEXT;
use super::*;
use crate::source::{SourceFile, Span};
use std::sync::Arc;

fn src(text: &str) -> SourceFile {
    SourceFile::new(FileId(0), "a b/x.json".into(), Arc::from(text))
}

#[test]
fn uris_are_relative_references() {
    assert_eq!(path_to_uri("policies/a.json"), "policies/a.json");
    assert_eq!(path_to_uri("./a b/ü:x.json"), "a%20b/%C3%BC%3Ax.json");
    assert_eq!(path_to_uri("/tmp/x y.json"), "file:///tmp/x%20y.json");
    assert_eq!(path_to_uri("../up/x.json"), "../up/x.json");
}

#[test]
fn regions_use_utf16_columns_and_exclusive_end() {
    // "café😀" is 5 scalar values, 6 UTF-16 units, 9 bytes.
    let s = src("{\"a\": \"café😀\", \"b\": 1}");
    let at = s.text.find("\"b\"").unwrap();
    let r = region(&s, Span::new(at, at + 3));
    assert_eq!(
        (r.start_line, r.start_column, r.end_line, r.end_column),
        (1, 17, 1, 20)
    );
    assert_eq!((r.byte_offset, r.byte_length), (at as u32, 3));
}

#[test]
fn a_span_inside_a_char_does_not_panic() {
    let s = src("\"é\"");
    let r = region(&s, Span::new(2, 3));
    assert_eq!((r.start_column, r.end_column), (2, 3));
    assert_eq!((r.byte_offset, r.byte_length), (2, 1));
}

#[test]
fn empty_span_still_has_a_valid_region() {
    let r = region(&src(""), Span::new(0, 0));
    assert_eq!(
        r,
        Region {
            start_line: 1,
            start_column: 1,
            end_line: 1,
            end_column: 1,
            byte_offset: 0,
            byte_length: 0
        }
    );
}

#[test]
fn fingerprint_ignores_whitespace_and_other_lines() {
    let a = src("{\n  \"Version\": \"x\"\n}");
    let b = src("\n\n{\n      \"Version\":   \"x\"\n\n}");
    let sa = a.text.find("\"x\"").unwrap();
    let sb = b.text.find("\"x\"").unwrap();
    assert_eq!(line_text(&a, Span::new(sa, sa + 3)), "\"Version\":\"x\"");
    assert_eq!(
        line_text(&a, Span::new(sa, sa + 3)),
        line_text(&b, Span::new(sb, sb + 3))
    );
    assert_ne!(fnv1a64(&[b"ab", b"c"]), fnv1a64(&[b"a", b"bc"]));
}

#[test]
fn fingerprint_context_is_bounded_on_a_long_line() {
    let long = format!("{{\"a\": \"{}\", \"Version\": \"x\"}}", "y".repeat(100_000));
    let f = src(&long);
    let at = f.text.find("\"x\"").unwrap();
    let t = line_text(&f, Span::new(at, at + 3));
    assert!(t.len() <= 2 * FINGERPRINT_CONTEXT + 3, "{}", t.len());
    assert!(t.contains("\"Version\":\"x\""));
    // Lone CR ends a line like LF: the other line is not part of the fingerprint.
    let cr = src("{\r\"Version\": \"x\"\r}");
    let at = cr.text.find("\"x\"").unwrap();
    assert_eq!(line_text(&cr, Span::new(at, at + 3)), "\"Version\":\"x\"");
}

#[test]
fn every_rule_has_descriptions_within_limits() {
    for r in all_rules() {
        let d = descriptor(r);
        assert!(!d.full_description.text.is_empty(), "{}", r.id);
        assert!(d.full_description.text.chars().count() <= MAX_DESCRIPTION);
        assert!(!d.full_description.text.starts_with('#'));
    }
    assert_eq!(rule_name("POL-VERSION"), "PolVersion");
    assert_eq!(rule_name("PARSE"), "Parse");
}
