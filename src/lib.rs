//! trustlint: static analysis of AWS access configuration.
//!
//! Data flow: [`discover`] → [`load`] (spanned documents) → [`model`] → rules → [`report`].

pub mod catalog;
pub mod config;
pub mod discover;
pub mod eval;
pub mod load;
pub mod model;
pub mod report;
pub mod rules;
pub mod source;

use config::Config;
use rayon::prelude::*;
use rules::Finding;
use source::{FileId, SourceMap};
use std::path::PathBuf;

/// The result of one `check` run.
#[derive(Debug, Default)]
pub struct Report {
    pub sources: SourceMap,
    /// Sorted by file, offset, rule.
    pub findings: Vec<Finding>,
    /// Files analysed (documents found or PARSE findings).
    pub files: usize,
    pub documents: usize,
    /// Files looked at but not analysed, with the reason (shown by `--verbose`).
    pub skipped: Vec<(String, String)>,
    /// How each document was classified: file, kind, reason (shown by `--verbose`).
    pub classified: Vec<(String, &'static str, String)>,
}

/// Check every candidate file under `paths`.
pub fn lint(paths: &[PathBuf], cfg: &Config) -> Result<Report, discover::DiscoverError> {
    let files = discover::discover(paths, cfg)?;
    let loaded: Vec<load::Loaded> = files
        .par_iter()
        .enumerate()
        .map(|(i, path)| {
            let display = path.to_string_lossy().into_owned();
            let mut l = load::load_file(FileId(i as u32), path, display, cfg);
            for doc in &l.documents {
                rules::policy::check(doc, &l.source, &mut l.findings);
            }
            let gp = cfg.glob_path(path);
            l.findings.retain(|f| cfg.rule_enabled(f.rule, &gp));
            l
        })
        .collect();
    let mut report = Report::default();
    for l in loaded {
        if let Some(reason) = &l.skipped {
            report.skipped.push((l.source.path.clone(), reason.clone()));
        } else {
            report.files += 1;
        }
        report.documents += l.documents.len();
        for d in &l.documents {
            report
                .classified
                .push((l.source.path.clone(), d.kind.name(), d.kind_reason.clone()));
        }
        report.findings.extend(l.findings);
        report.sources.push(l.source);
    }
    sort_findings(&mut report.findings);
    Ok(report)
}

/// Contract order: file, then offset, then rule (then message, for total determinism).
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.file, a.span.start, a.rule, &a.message, a.span.end)
            .cmp(&(b.file, b.span.start, b.rule, &b.message, b.span.end))
    });
}
