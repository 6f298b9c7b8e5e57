//! Baselines: adopt trustlint on an existing repository by recording today's findings
//! (`trustlint baseline`) and reporting only new ones (`trustlint check --baseline FILE`).
//!
//! A finding's fingerprint hashes its rule, its file (relative to the repository root, as in SARIF),
//! its resource and the whitespace-free text of the lines it covers, so it survives lines moving,
//! re-indentation and runs from another directory; editing the offending line makes it new. Equal
//! fingerprints are counted, so a second identical finding is still reported.

use super::sarif::{fnv1a64, line_text};
use crate::rules::Finding;
use crate::Report;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// One recorded finding; `file` and `message` are for people reading the file, only `fingerprint`
/// and `rule` are matched.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub rule: String,
    pub file: String,
    pub fingerprint: String,
    pub message: String,
}

fn fingerprints(report: &Report) -> Vec<String> {
    let paths = super::artifact_paths(report);
    report
        .findings
        .iter()
        .map(|f| fingerprint(report, f, &paths))
        .collect()
}

fn fingerprint(
    report: &Report,
    f: &Finding,
    paths: &HashMap<crate::source::FileId, String>,
) -> String {
    let src = report.sources.get(f.file);
    let path = paths.get(&f.file).unwrap_or(&src.path);
    let h = fnv1a64(&[
        f.rule.as_str().as_bytes(),
        path.as_bytes(),
        f.resource.as_deref().unwrap_or("").as_bytes(),
        line_text(src, f.span).as_bytes(),
    ]);
    format!("{h:016x}")
}

/// The baseline recording every finding of `report`.
pub fn record(report: &Report) -> Baseline {
    let paths = super::artifact_paths(report);
    Baseline {
        version: VERSION,
        findings: report
            .findings
            .iter()
            .map(|f| Entry {
                rule: f.rule.to_string(),
                file: paths
                    .get(&f.file)
                    .cloned()
                    .unwrap_or_else(|| report.sources.get(f.file).path.clone()),
                fingerprint: fingerprint(report, f, &paths),
                message: f.message.clone(),
            })
            .collect(),
    }
}

#[expect(
    clippy::expect_used,
    reason = "derived Serialize of structs with string keys cannot fail"
)]
pub fn render(b: &Baseline) -> String {
    serde_json::to_string_pretty(b).expect("serializable") + "\n"
}

pub fn parse(text: &str) -> Result<Baseline, String> {
    let b: Baseline =
        serde_json::from_str(text).map_err(|e| format!("not a trustlint baseline: {e}"))?;
    if b.version != VERSION {
        return Err(format!(
            "baseline version {} is not supported (expected {VERSION})",
            b.version
        ));
    }
    Ok(b)
}

/// Drop the findings the baseline records (each recorded entry absorbs one equal finding); returns
/// how many were dropped.
pub fn apply(report: &mut Report, b: &Baseline) -> usize {
    let mut left: HashMap<(&str, &str), usize> = HashMap::new();
    for e in &b.findings {
        *left
            .entry((e.rule.as_str(), e.fingerprint.as_str()))
            .or_insert(0) += 1;
    }
    let prints = fingerprints(report);
    let mut keep = Vec::with_capacity(prints.len());
    for (f, p) in report.findings.iter().zip(&prints) {
        let n = left.get_mut(&(f.rule.as_str(), p.as_str()));
        match n {
            Some(n) if *n > 0 => {
                *n -= 1;
                keep.push(false);
            }
            _ => keep.push(true),
        }
    }
    let before = report.findings.len();
    let mut it = keep.into_iter();
    report.findings.retain(|_| it.next().unwrap_or(true));
    before - report.findings.len()
}
