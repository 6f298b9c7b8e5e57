//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it.
//!
//! Hand-written serde structs for the small subset trustlint emits (docs/crates.md, Q3):
//! one run, `tool.driver.rules[]` for every registered rule (with help text from `rules/<ID>.md`),
//! results with a physical location whose region carries 1-based lines, UTF-16 columns (the run says
//! `columnKind: utf16CodeUnits`; `endColumn` is exclusive) and the same span as a byte range, related
//! locations, and a `primaryLocationLineHash` partial fingerprint so re-uploads match earlier alerts.
//! Output is deterministic: findings are already sorted, rules come sorted by id.

use crate::rules::{all_rules, Finding, RuleMeta, Severity};
use crate::source::{FileId, SourceFile, Span};
use crate::Report;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const SARIF_VERSION: &str = "2.1.0";
/// GitHub keeps at most this many characters of `shortDescription` / `fullDescription`.
const MAX_DESCRIPTION: usize = 1024;

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    semantic_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: MultiformatText,
    help_uri: String,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct MultiformatText {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Help {
    text: &'static str,
    markdown: &'static str,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
    precision: &'static str,
    #[serde(rename = "problem.severity")]
    problem_severity: &'static str,
    /// GitHub code scanning ranks security alerts by this CVSS-like score ("0.0"–"10.0").
    #[serde(rename = "security-severity", skip_serializing_if = "Option::is_none")]
    security_severity: Option<&'static str>,
}

/// Where a rule's documentation is published: `rules/<ID>.md` of the repository, a stable pattern.
pub const RULE_DOC_BASE: &str = "https://github.com/trustlint/trustlint/blob/main/rules/";
/// The tool's home page (`informationUri`).
pub const INFORMATION_URI: &str = "https://github.com/trustlint/trustlint";

/// Tags of a rule's family (its id prefix), so code scanning can filter by area.
fn family_tags(id: &str) -> &'static [&'static str] {
    match id.split('-').next().unwrap_or(id) {
        "POL" => &["iam", "policy"],
        "ROLE" => &["iam", "trust-policy"],
        "KMS" => &["kms", "encryption"],
        "BKT" | "DSTPOL" | "SRCPOL" => &["s3", "bucket-policy"],
        "REPL" | "XREG" => &["s3", "replication"],
        "GA" => &["network", "global-accelerator"],
        "GASG" | "SG" => &["network", "security-group"],
        "ALB" => &["network", "load-balancer"],
        "CFN" => &["correctness", "cloudformation"],
        "UNPROVEN" => &["unproven"],
        _ => &["correctness"],
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    /// The repairs of `report::fix` (the edits `check --fix` and the editor apply).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Text,
    artifact_changes: Vec<ArtifactChange>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

/// An empty `deletedRegion` is an insertion (SARIF 2.1.0, 3.57.3).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    /// The CDK construct the finding lies in.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    fully_qualified_name: String,
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

/// A text region (lines, UTF-16 columns) and the binary region of the same bytes; SARIF allows both
/// on one region as long as they denote the same part of the artifact.
#[derive(Serialize, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: u32,
    byte_length: u32,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `POL-VERSION` → `PolVersion` (SARIF's `name` is an identifier-like friendly name).
fn rule_name(id: &str) -> String {
    id.split(['-', '_'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let lower = p.to_ascii_lowercase();
            let mut c = lower.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// The first paragraph under `## What it checks` (else the title), at most 1024 characters.
fn full_description(rule: &RuleMeta) -> String {
    let mut para = String::new();
    if let Some(at) = rule.doc.find("## What it checks") {
        let body = &rule.doc[at + "## What it checks".len()..];
        for line in body.lines().skip_while(|l| l.trim().is_empty()) {
            if line.trim().is_empty() || line.starts_with('#') {
                break;
            }
            if !para.is_empty() {
                para.push('\n');
            }
            para.push_str(line.trim_end());
        }
    }
    if para.is_empty() {
        para = rule.title.to_string();
    }
    truncate(&para, MAX_DESCRIPTION)
}

fn truncate(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max_chars - 1).collect();
    out.push('…');
    out
}

fn descriptor(rule: &'static RuleMeta) -> ReportingDescriptor {
    // Every rule is a security tool's rule ("security" lets code scanning list it); correctness-only
    // families (syntax, templates) get no security-severity.
    let family = family_tags(rule.id.as_str());
    let security = !family.contains(&"correctness");
    let mut tags = vec!["security"];
    tags.extend_from_slice(family);
    ReportingDescriptor {
        id: rule.id.as_str(),
        name: rule_name(rule.id.as_str()),
        short_description: Text {
            text: truncate(rule.title, MAX_DESCRIPTION),
        },
        full_description: {
            let markdown = full_description(rule);
            MultiformatText {
                text: markdown.replace("**", ""),
                markdown,
            }
        },
        help_uri: format!("{RULE_DOC_BASE}{}.md", rule.id),
        help: Help {
            text: rule.doc,
            markdown: rule.doc,
        },
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        properties: RuleProperties {
            tags,
            // A syntax error is certain; UNPROVEN and advisories say what could not be shown.
            precision: match (rule.id.as_str(), rule.severity) {
                ("PARSE", _) => "very-high",
                ("UNPROVEN", _) | (_, Severity::Info) => "medium",
                _ => "high",
            },
            problem_severity: match rule.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "recommendation",
            },
            security_severity: security.then_some(match rule.severity {
                Severity::Error => "8.0",
                Severity::Warning => "5.0",
                Severity::Info => "2.0",
            }),
        },
    }
}

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
    } else if p.len() >= 3 && p.as_bytes()[1] == b':' && p.as_bytes()[2] == b'/' {
        // Windows drive: C:/x → file:///C:/x (the drive colon stays literal).
        out.push_str(&p[..2]);
        ("file:///", &p[2..])
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

fn region(src: &SourceFile, span: Span) -> Region {
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

fn physical(src: &SourceFile, span: Span, paths: &HashMap<FileId, String>) -> PhysicalLocation {
    let path = paths.get(&src.id).unwrap_or(&src.path);
    PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: path_to_uri(path),
        },
        region: region(src, span),
    }
}

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
const FINGERPRINT_CONTEXT: usize = 256;

fn ceil_char(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn message(f: &Finding) -> String {
    match &f.help {
        Some(h) => format!("{}\nhelp: {h}", f.message),
        None => f.message.clone(),
    }
}

pub fn to_value(report: &Report) -> serde_json::Value {
    serde_json::to_value(build(report)).expect("SARIF is serializable")
}

fn build(report: &Report) -> Log {
    let rules = all_rules();
    let index: HashMap<&str, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut seen: HashMap<u64, usize> = HashMap::new();
    let paths = super::artifact_paths(report);
    let results = report
        .findings
        .iter()
        .map(|f| {
            let src = report.sources.get(f.file);
            let uri = path_to_uri(paths.get(&f.file).unwrap_or(&src.path));
            let hash = fnv1a64(&[
                f.rule.as_str().as_bytes(),
                uri.as_bytes(),
                line_text(src, f.span).as_bytes(),
            ]);
            let n = seen.entry(hash).or_insert(0);
            *n += 1;
            let mut fingerprints = BTreeMap::new();
            fingerprints.insert("primaryLocationLineHash", format!("{hash:016x}:{n}"));
            SarifResult {
                rule_id: f.rule.as_str(),
                // Every finding's rule is registered (ids are `&'static str` from the registry).
                rule_index: index.get(f.rule.as_str()).copied().unwrap_or(0),
                level: level(f.severity),
                message: Text { text: message(f) },
                locations: vec![Location {
                    id: None,
                    physical_location: physical(src, f.span, &paths),
                    logical_locations: f
                        .construct
                        .iter()
                        .map(|c| LogicalLocation {
                            fully_qualified_name: c.clone(),
                            kind: "resource",
                        })
                        .collect(),
                    message: None,
                }],
                related_locations: f
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| Location {
                        id: Some(i),
                        physical_location: physical(report.sources.get(r.file), r.span, &paths),
                        logical_locations: Vec::new(),
                        message: Some(Text {
                            text: r.message.clone(),
                        }),
                    })
                    .collect(),
                partial_fingerprints: fingerprints,
                fixes: sarif_fixes(f, report, &paths),
            }
        })
        .collect();
    Log {
        schema: SCHEMA_URI,
        version: SARIF_VERSION,
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "trustlint",
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: Some(INFORMATION_URI),
                    rules: rules.iter().map(descriptor).collect(),
                },
            },
            column_kind: "utf16CodeUnits",
            results,
        }],
    }
}

/// A finding's repairs as SARIF fixes: one artifact change per file, edits in file order.
fn sarif_fixes(f: &Finding, report: &Report, paths: &HashMap<FileId, String>) -> Vec<SarifFix> {
    super::fix::repairs(f, &report.sources)
        .into_iter()
        .map(|x| {
            let mut by_file: BTreeMap<FileId, Vec<&super::fix::Edit>> = BTreeMap::new();
            for e in &x.edits {
                by_file.entry(e.file).or_default().push(e);
            }
            SarifFix {
                description: Text {
                    text: x.title.clone(),
                },
                artifact_changes: by_file
                    .into_iter()
                    .filter_map(|(file, edits)| {
                        let src = report.sources.files().get(file.0 as usize)?;
                        Some(ArtifactChange {
                            artifact_location: ArtifactLocation {
                                uri: path_to_uri(paths.get(&file).unwrap_or(&src.path)),
                            },
                            replacements: edits
                                .into_iter()
                                .map(|e| Replacement {
                                    deleted_region: region(src, e.span),
                                    inserted_content: Text {
                                        text: e.text.clone(),
                                    },
                                })
                                .collect(),
                        })
                    })
                    .collect(),
            }
        })
        .collect()
}

pub fn render(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(&build(report)).expect("SARIF is serializable");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
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
}
