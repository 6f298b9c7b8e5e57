//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it.
//!
//! Hand-written serde structs for the small subset trustlint emits (docs/crates.md, Q3):
//! one run, `tool.driver.rules[]` for every registered rule (with help text from `rules/<ID>.md`),
//! results with a physical location whose region carries 1-based lines, UTF-16 columns (the run says
//! `columnKind: utf16CodeUnits`; `endColumn` is exclusive) and the same span as a byte range, related
//! locations, and a `primaryLocationLineHash` partial fingerprint so re-uploads match earlier alerts.
//! Output is deterministic: findings are already sorted, rules come sorted by id.

mod descriptor;
mod fingerprint;
mod location;
#[cfg(test)]
mod tests;

use crate::rules::{all_rules, Finding, Severity};
use crate::source::FileId;
use crate::Report;
use descriptor::descriptor;
pub(crate) use fingerprint::{fnv1a64, line_text};
pub use location::path_to_uri;
use location::{physical, region};
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

fn message(f: &Finding) -> String {
    match &f.help {
        Some(h) => format!("{}\nhelp: {h}", f.message),
        None => f.message.clone(),
    }
}

#[expect(
    clippy::expect_used,
    reason = "derived Serialize of structs with string keys cannot fail"
)]
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

#[expect(
    clippy::expect_used,
    reason = "derived Serialize of structs with string keys cannot fail"
)]
pub fn render(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(&build(report)).expect("SARIF is serializable");
    s.push('\n');
    s
}
