//! `--statistics`: how many findings each rule has, most frequent first (ruff's convention); JSON when
//! `--format json`, else a table.

use super::Format;
use crate::rules::find_rule;
use crate::Report;
use std::collections::BTreeMap;

#[expect(
    clippy::expect_used,
    reason = "a serde_json::Value (string keys) always serializes"
)]
pub fn render(report: &Report, format: Format) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &report.findings {
        *counts.entry(f.rule.as_str()).or_insert(0) += 1;
    }
    let mut rows: Vec<(&str, usize)> = counts.into_iter().collect();
    // Most frequent first; ties by rule id (the BTreeMap order, kept by the stable sort).
    rows.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    let meta = |id: &str| find_rule(id).map(|r| (r.severity.as_str(), r.title));
    if format == Format::Json {
        let v: Vec<serde_json::Value> = rows
            .iter()
            .map(|(id, n)| {
                let (sev, title) = meta(id).unwrap_or(("error", ""));
                serde_json::json!({"rule": id, "count": n, "severity": sev, "title": title})
            })
            .collect();
        return serde_json::to_string_pretty(&v).expect("serializable") + "\n";
    }
    let width = rows.iter().map(|(id, _)| id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (id, n) in &rows {
        let (sev, title) = meta(id).unwrap_or(("error", ""));
        out.push_str(&format!("{n:>5}  {id:<width$}  {sev:<7}  {title}\n"));
    }
    out
}
