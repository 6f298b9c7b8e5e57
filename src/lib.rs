//! trustlint: static analysis of AWS access configuration.
//!
//! Data flow: [`discover`] → [`load`] (spanned documents) → [`model`] → rules → [`report`].

pub mod catalog;
pub mod config;
pub mod discover;
pub mod eval;
#[doc(hidden)]
pub mod fuzzing;
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

/// A file after pass 1 of [`lint`]: already checked, or a CloudFormation template waiting for the
/// exports of every template.
enum Stage {
    Checked(Box<load::Loaded>, Classified),
    Template(load::Parsed),
}

/// Kind name and classification reason of each document of a file (`--verbose`).
type Classified = Vec<(&'static str, String)>;

/// Run the policy rules on a file's documents and apply suppressions. The documents are dropped here,
/// on the worker thread, as soon as their rules ran: only their kind and classification reason are
/// needed later (the graph stage uses `templates`). Keeping every file's tree alive until the end made
/// peak memory grow with the corpus and freed millions of nodes serially on the main thread.
fn check_loaded(l: &mut load::Loaded, path: &std::path::Path, cfg: &Config) -> Classified {
    for doc in &l.documents {
        rules::policy::check(doc, &l.source, &mut l.findings);
    }
    if let Some(t) = &l.template {
        l.findings.retain(|f| !t.suppresses(f));
    }
    // The glob path costs syscalls (canonicalization); only per-path ignores look at it.
    let gp = if cfg.has_path_rules() {
        cfg.glob_path(path)
    } else {
        PathBuf::new()
    };
    l.findings.retain(|f| cfg.rule_enabled(f.rule, &gp));
    std::mem::take(&mut l.documents)
        .into_iter()
        .map(|d| (d.kind.name(), d.kind_reason))
        .collect()
}

/// Check every candidate file under `paths`.
pub fn lint(paths: &[PathBuf], cfg: &Config) -> Result<Report, discover::DiscoverError> {
    let found = discover::discover(paths, cfg)?;
    let files = found.files;
    // Pass 1 (parallel): read, parse, classify; templates are detected and bound. Files that are not
    // templates need nothing from other files, so they are checked right away (see `check_loaded`).
    let staged: Vec<Stage> = files
        .par_iter()
        .enumerate()
        .map(|(i, path)| {
            let display = path.to_string_lossy().into_owned();
            if let Some(why) = found.unreadable.get(path) {
                let l = load::unreadable(FileId(i as u32), display, why);
                return Stage::Checked(Box::new(l), Vec::new());
            }
            match load::parse_file(FileId(i as u32), path, display, cfg) {
                load::Parsed::Done(mut l) => {
                    let classified = check_loaded(&mut l, path, cfg);
                    Stage::Checked(l, classified)
                }
                template => Stage::Template(template),
            }
        })
        .collect();
    // Exports of every template, so `Fn::ImportValue` links across templates.
    let exports = load::collect_exports(staged.iter().filter_map(|s| match s {
        Stage::Template(p) => Some(p),
        Stage::Checked(..) => None,
    }));
    // Pass 2 (parallel): resolve templates, run their policy rules, apply suppressions.
    let loaded: Vec<(load::Loaded, Classified)> = staged
        .into_par_iter()
        .zip(files.par_iter())
        .map(|(s, path)| match s {
            Stage::Checked(l, classified) => (*l, classified),
            Stage::Template(p) => {
                let mut l = p.finish(&exports);
                let classified = check_loaded(&mut l, path, cfg);
                (l, classified)
            }
        })
        .collect();
    let mut report = Report::default();
    for (l, classified) in loaded {
        if let Some(reason) = &l.skipped {
            report.skipped.push((l.source.path.clone(), reason.clone()));
        } else {
            report.files += 1;
        }
        report.documents += classified.len();
        for (kind, reason) in classified {
            report
                .classified
                .push((l.source.path.clone(), kind, reason));
        }
        report.findings.extend(l.findings);
        report.templates.extend(l.template);
        report.templates.extend(l.more_templates);
        report.sources.push(l.source);
    }
    graph_rules(&mut report, &files, cfg);
    rules::precedence::apply(&mut report.findings);
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
    rules::replication::check_with(&g, &report.sources, cfg, &mut found);
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
        (a.file, a.span.start, a.rule, &a.message, a.span.end).cmp(&(
            b.file,
            b.span.start,
            b.rule,
            &b.message,
            b.span.end,
        ))
    });
}

/// Load the CloudFormation templates under `paths` (as [`lint`] does) and build the typed model and the
/// cross-account trust graph (`trustlint graph`). The report carries the sources (for positions of
/// assumed links) and the findings of loading.
pub fn graph(
    paths: &[PathBuf],
    cfg: &Config,
) -> Result<(graph::TrustGraph, Report), discover::DiscoverError> {
    let mut report = lint(paths, cfg)?;
    let g = report
        .graph
        .take()
        .unwrap_or_else(|| graph::TrustGraph::new(model::Model::build(&[])));
    Ok((g, report))
}
