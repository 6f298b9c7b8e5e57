//! trustlint: static analysis of AWS access configuration.
//!
//! Data flow: [`discover`] → [`load`] (spanned documents) → [`model`] → rules → [`report`].

pub mod catalog;
pub mod config;
pub mod discover;
pub mod eval;
pub mod graph;
pub mod load;
pub mod model;
pub mod report;
pub mod rules;
pub mod simulate;
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
    /// CloudFormation templates found, resolved and bound, in file order (for the model and graph).
    pub templates: Vec<load::cfn::Template>,
    /// The typed model and trust graph, when templates were found.
    pub graph: Option<graph::TrustGraph>,
}

/// Check every candidate file under `paths`.
pub fn lint(paths: &[PathBuf], cfg: &Config) -> Result<Report, discover::DiscoverError> {
    let files = discover::discover(paths, cfg)?;
    // Pass 1 (parallel): read, parse, classify; templates are detected and bound.
    let parsed: Vec<load::Parsed> = files
        .par_iter()
        .enumerate()
        .map(|(i, path)| {
            let display = path.to_string_lossy().into_owned();
            load::parse_file(FileId(i as u32), path, display, cfg)
        })
        .collect();
    // Exports of every template, so `Fn::ImportValue` links across templates.
    let exports = load::collect_exports(&parsed);
    // Pass 2 (parallel): resolve templates, run the policy rules, apply suppressions.
    let loaded: Vec<load::Loaded> = parsed
        .into_par_iter()
        .zip(files.par_iter())
        .map(|(p, path)| {
            let mut l = p.finish(&exports);
            for doc in &l.documents {
                rules::policy::check(doc, &l.source, &mut l.findings);
            }
            if let Some(t) = &l.template {
                l.findings.retain(|f| !t.suppresses(f));
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
        report.templates.extend(l.template);
        report.sources.push(l.source);
    }
    graph_rules(&mut report, &files, cfg);
    sort_findings(&mut report.findings);
    Ok(report)
}

/// Build the model and trust graph once, and run the rules that look across files and accounts.
fn graph_rules(report: &mut Report, files: &[PathBuf], cfg: &Config) {
    if report.templates.is_empty() {
        return;
    }
    let g = graph::TrustGraph::new(model::Model::build(&report.templates));
    let mut found = Vec::new();
    rules::replication::check(&g, &report.sources, &mut found);
    rules::network::check_with(&g, &report.sources, cfg, &mut found);
    let by_file: std::collections::HashMap<FileId, &load::cfn::Template> =
        report.templates.iter().map(|t| (t.file, t)).collect();
    found.retain(|f| {
        let suppressed = by_file.get(&f.file).is_some_and(|t| t.suppresses(f));
        let path = files.get(f.file.0 as usize).map(|p| cfg.glob_path(p));
        !suppressed && path.is_none_or(|p| cfg.rule_enabled(f.rule, &p))
    });
    report.findings.extend(found);
    report.graph = Some(g);
}

/// Contract order: file, then offset, then rule (then message, for total determinism).
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.file, a.span.start, a.rule, &a.message, a.span.end)
            .cmp(&(b.file, b.span.start, b.rule, &b.message, b.span.end))
    });
}

/// Load the CloudFormation templates under `paths` (as [`lint`] does) and build the typed model and the
/// cross-account trust graph (`trustlint graph`). The report carries the sources (for positions of
/// assumed links) and the findings of loading.
pub fn graph(paths: &[PathBuf], cfg: &Config) -> Result<(graph::TrustGraph, Report), discover::DiscoverError> {
    let mut report = lint(paths, cfg)?;
    let g = report
        .graph
        .take()
        .unwrap_or_else(|| graph::TrustGraph::new(model::Model::build(&[])));
    Ok((g, report))
}
