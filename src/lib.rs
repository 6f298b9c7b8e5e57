//! trustlint: static analysis of AWS access configuration.
//!
//! Data flow: [`discover`] → [`load`] (spanned documents) → [`model`] → rules → [`report`].

pub mod catalog;
pub mod check_cache;
pub mod config;
pub mod discover;
pub mod eval;
#[doc(hidden)]
pub mod fuzzing;
pub mod graph;
pub mod load;
pub mod lsp;
pub mod model;
pub mod project;
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
    /// Files analysed (documents found or PARSE findings); with [`lint_named`], the named ones.
    pub files: usize,
    /// The directory CI reports (SARIF, GitHub annotations) make paths relative to: the repository
    /// root, else the configuration's directory (absolute; set by the caller).
    pub path_base: Option<PathBuf>,
    /// Findings dropped because `--baseline` records them.
    pub baselined: usize,
    /// Files analysed only as context for the named ones ([`lint_named`]).
    pub context_files: usize,
    pub documents: usize,
    /// Files looked at but not analysed, with the reason (shown by `--verbose`).
    pub skipped: Vec<(String, String)>,
    /// How each document was classified: file, kind, reason (shown by `--verbose`).
    pub classified: Vec<(String, &'static str, String)>,
    /// CloudFormation templates found, resolved and bound, in file order (for what only CloudFormation
    /// has: suppressions, CDK construct paths, exports). The model is built from every frontend's
    /// stacks ([`load::Loaded::stacks`]), not from these.
    pub templates: Vec<load::cfn::Template>,
    /// The typed model and trust graph, when templates or plans were found.
    pub graph: Option<graph::TrustGraph>,
}

/// A file after pass 1 of [`lint`]: already checked, or a CloudFormation template waiting for the
/// exports of every template.
enum Stage {
    Checked(Box<load::Loaded>, Checked),
    Template(load::Parsed),
}

/// Kind name and classification reason of each document of a file (`--verbose`).
type Classified = Vec<(&'static str, String)>;

/// What the per-file pass found in one file.
#[derive(Clone)]
struct Checked {
    classified: Classified,
    findings: Vec<Finding>,
}

/// Run the policy rules on a file's documents and apply suppressions. The documents are dropped here,
/// on the worker thread, as soon as their rules ran: only their kind and classification reason are
/// needed later (the graph stage uses `templates`). Keeping every file's tree alive until the end made
/// peak memory grow with the corpus and freed millions of nodes serially on the main thread.
fn check_loaded(l: &mut load::Loaded, path: &std::path::Path, cfg: &Config) -> Checked {
    let mut findings = rules::load_issues::findings(std::mem::take(&mut l.issues));
    for doc in &l.documents {
        rules::policy::check(doc, &l.source, &mut findings);
    }
    if let Some(t) = &l.template {
        rules::cfn::metadata::check_suppressions(t, &mut findings);
        findings.retain(|f| !t.suppresses(f.rule.as_str(), f.file, f.span));
    }
    // The glob path costs syscalls (canonicalization); only per-path ignores look at it.
    let gp = if cfg.has_path_rules() {
        cfg.glob_path(path)
    } else {
        PathBuf::new()
    };
    findings.retain(|f| cfg.rule_enabled(f.rule, &gp));
    let classified = std::mem::take(&mut l.documents)
        .into_iter()
        .map(|d| (d.kind.name(), d.kind_reason))
        .collect();
    Checked {
        classified,
        findings,
    }
}

/// Check every candidate file under `paths`.
pub fn lint(paths: &[PathBuf], cfg: &Config) -> Result<Report, discover::DiscoverError> {
    let found = discover::discover(paths, cfg)?;
    Ok(lint_inputs(&Input::discovered(found), cfg))
}

/// One file to check: read from disk, or given as text (standard input) with the path it stands for.
#[derive(Debug, Clone)]
pub struct Input {
    pub path: PathBuf,
    pub text: Option<std::sync::Arc<str>>,
    /// Why the walk could not read it (it becomes a finding on its path).
    pub unreadable: Option<String>,
}

impl Input {
    pub fn file(path: PathBuf) -> Input {
        Input {
            path,
            text: None,
            unreadable: None,
        }
    }
    /// The candidates of a walk, unreadable ones included.
    pub fn discovered(mut found: discover::Discovered) -> Vec<Input> {
        found
            .files
            .into_iter()
            .map(|path| Input {
                unreadable: found.unreadable.remove(&path),
                path,
                text: None,
            })
            .collect()
    }
}

/// Check these files as one set (cross-file relations among them are seen).
pub fn lint_inputs(inputs: &[Input], cfg: &Config) -> Report {
    let files: Vec<PathBuf> = inputs.iter().map(|i| i.path.clone()).collect();
    // Pass 1 (parallel): read, parse, classify; templates are detected and bound. Files that are not
    // templates need nothing from other files, so they are checked right away (see `check_loaded`).
    let staged: Vec<Stage> = inputs
        .par_iter()
        .enumerate()
        .map(|(i, input)| stage(i, input, cfg))
        .collect();
    // Exports of every template, so `Fn::ImportValue` links across templates.
    let exports = load::collect_exports(staged.iter().filter_map(|s| match s {
        Stage::Template(p) => Some(p),
        Stage::Checked(..) => None,
    }));
    // Pass 2 (parallel): resolve templates, run their policy rules, apply suppressions.
    let loaded: Vec<(load::Loaded, Checked)> = staged
        .into_par_iter()
        .zip(files.par_iter())
        .map(|(s, path)| finish_stage(s, path, &exports, cfg))
        .collect();
    assemble(loaded, &files, cfg)
}

/// Pass 1 of [`lint_inputs`] for the `i`-th input.
fn stage(i: usize, input: &Input, cfg: &Config) -> Stage {
    let path = &input.path;
    let display = path.to_string_lossy().into_owned();
    if let Some(why) = &input.unreadable {
        let mut l = load::unreadable(FileId(i as u32), display, why);
        let checked = check_loaded(&mut l, path, cfg);
        return Stage::Checked(Box::new(l), checked);
    }
    let parsed = match &input.text {
        Some(t) => load::parse_text(
            source::SourceFile::new(FileId(i as u32), display, t.clone()),
            path,
            cfg,
        ),
        None => load::parse_file(FileId(i as u32), path, display, cfg),
    };
    match parsed {
        load::Parsed::Done(mut l) => {
            let checked = check_loaded(&mut l, path, cfg);
            Stage::Checked(l, checked)
        }
        template => Stage::Template(template),
    }
}

/// Pass 2 of [`lint_inputs`] for one file, once every template's exports are known.
fn finish_stage(
    s: Stage,
    path: &std::path::Path,
    exports: &load::cfn::Exports,
    cfg: &Config,
) -> (load::Loaded, Checked) {
    match s {
        Stage::Checked(l, checked) => (*l, checked),
        Stage::Template(p) => {
            let mut l = p.finish(exports);
            let checked = check_loaded(&mut l, path, cfg);
            (l, checked)
        }
    }
}

/// The report of the files' pass-2 results (in file-id order): the cross-file rules run here.
fn assemble(loaded: Vec<(load::Loaded, Checked)>, files: &[PathBuf], cfg: &Config) -> Report {
    let mut report = Report::default();
    let mut stacks = Vec::new();
    for (
        l,
        Checked {
            classified,
            findings,
        },
    ) in loaded
    {
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
        report.findings.extend(findings);
        report.templates.extend(l.template);
        stacks.extend(l.stacks);
        report.sources.push(l.source);
    }
    graph_rules(&mut report, stacks, files, cfg);
    let constructs = load::cfn::cdk::ConstructIndex::new(&report.templates);
    if !constructs.is_empty() {
        for f in report.findings.iter_mut().filter(|f| f.construct.is_none()) {
            f.construct = constructs.at(f.file, f.span).map(str::to_string);
        }
    }
    rules::precedence::apply(&mut report.findings);
    sort_findings(&mut report.findings);
    report
}

/// Standard input, checked as the file `path` (`--stdin-filename`), or as `<stdin>`.
#[derive(Debug, Clone)]
pub struct StdinInput {
    pub path: PathBuf,
    pub text: std::sync::Arc<str>,
}

/// A check of named files (pre-commit, editors, `git diff --name-only | xargs`).
#[derive(Debug, Clone, Default)]
pub struct NamedFiles {
    pub files: Vec<PathBuf>,
    pub stdin: Option<StdinInput>,
    /// The project loaded around them (absolute), so every cross-file relation is seen; `None` checks
    /// the named files alone.
    pub project_root: Option<PathBuf>,
    /// Named files matching `exclude` are skipped (ruff's `--force-exclude`): a hook names every
    /// changed file, and `exclude` must still keep a `tsconfig.json` out.
    pub force_exclude: bool,
}

/// Check named files within their project: the whole project is loaded, and the findings reported are
/// those whose primary or a related location is in a named file (a finding an unchanged file causes
/// but a named file triggers is reported).
pub fn lint_named(named: &NamedFiles, cfg: &Config) -> Result<Report, discover::DiscoverError> {
    let cwd = std::env::current_dir().map_err(|e| discover::DiscoverError {
        path: PathBuf::from("."),
        message: e.to_string(),
    })?;
    for f in &named.files {
        std::fs::metadata(f).map_err(|e| discover::DiscoverError {
            path: f.clone(),
            message: e.to_string(),
        })?;
    }
    let mut inputs: Vec<Input> = Vec::new();
    let mut is_named: Vec<bool> = Vec::new();
    let mut by_abs: std::collections::HashMap<PathBuf, usize> = Default::default();
    if let Some(root) = &named.project_root {
        let walk = project::relative(root, &cwd);
        let above = walk.starts_with("..");
        for input in Input::discovered(discover::discover(&[walk], cfg)?) {
            let p = input.path.clone();
            let abs = project::absolute(&p, &cwd);
            // `../stacks/a.json` from inside `stacks/` reads as `a.json`, as the user would type it.
            let p = if above {
                project::relative(&abs, &cwd)
            } else {
                p
            };
            by_abs.insert(abs, inputs.len());
            inputs.push(Input { path: p, ..input });
            is_named.push(false);
        }
    }
    let mut excluded = Vec::new();
    let stdin = named
        .stdin
        .as_ref()
        .map(|s| (s.path.clone(), Some(s.text.clone())));
    let files = named.files.iter().map(|f| (f.clone(), None));
    for (path, text) in files.chain(stdin) {
        let path = discover::clean(&path);
        let abs = project::absolute(&path, &cwd);
        if named.force_exclude
            && cfg
                .exclude
                .as_ref()
                .is_some_and(|g| g.is_match(cfg.glob_path(&abs)))
        {
            excluded.push((
                path.to_string_lossy().into_owned(),
                "matches `exclude` in trustlint.toml (named files honour it; --no-force-exclude checks it anyway)"
                    .to_string(),
            ));
            continue;
        }
        match by_abs.get(&abs) {
            Some(&i) => {
                if let Some(input) = inputs.get_mut(i) {
                    input.path = path;
                    input.text = text.or(input.text.take());
                }
                if let Some(n) = is_named.get_mut(i) {
                    *n = true;
                }
            }
            None => {
                by_abs.insert(abs, inputs.len());
                inputs.push(Input {
                    path,
                    text,
                    unreadable: None,
                });
                is_named.push(true);
            }
        }
    }
    let mut report = lint_inputs(&inputs, cfg);
    let named_paths: std::collections::HashSet<String> = inputs
        .iter()
        .zip(&is_named)
        .filter(|(_, n)| **n)
        .map(|(i, _)| i.path.to_string_lossy().into_owned())
        .collect();
    let in_named = |id: FileId| is_named.get(id.0 as usize).copied().unwrap_or(false);
    report
        .findings
        .retain(|f| in_named(f.file) || f.related.iter().any(|r| in_named(r.file)));
    let analysed = report.files;
    report.skipped.retain(|(p, _)| named_paths.contains(p));
    report
        .classified
        .retain(|(p, _, _)| named_paths.contains(p));
    report.files = named_paths.len() - report.skipped.len();
    report.context_files = analysed - report.files;
    report.documents = report.classified.len();
    report.skipped.extend(excluded);
    Ok(report)
}

/// Build the model and trust graph once from every file's stacks (in file order), and run the rules
/// that look across files and accounts.
fn graph_rules(
    report: &mut Report,
    stacks: Vec<model::input::Stack>,
    files: &[PathBuf],
    cfg: &Config,
) {
    if stacks.is_empty() {
        return;
    }
    let g = graph::TrustGraph::new(model::Model::build(&stacks));
    drop(stacks);
    let mut found = Vec::new();
    rules::replication::check_with(&g, &report.sources, cfg, &mut found);
    rules::network::check_with(&g, &report.sources, cfg, &mut found);
    let by_file: std::collections::HashMap<FileId, &load::cfn::Template> =
        report.templates.iter().map(|t| (t.file, t)).collect();
    found.retain(|f| {
        let suppressed = by_file
            .get(&f.file)
            .is_some_and(|t| t.suppresses(f.rule.as_str(), f.file, f.span));
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

/// The findings of a [`graph`] run placed on the graph: each error or warning goes from the node
/// whose definition holds its location to the node holding its first related location (the failing
/// grant of a cross-account requirement: the replication role's bucket → the destination key).
pub fn graph_overlays(g: &graph::TrustGraph, report: &Report) -> Vec<graph::export::Overlay> {
    use petgraph::visit::EdgeRef;
    use std::collections::HashMap;
    // Per file, nodes by span start: a location maps to the innermost node whose span holds it.
    let mut by_file: HashMap<FileId, Vec<(source::Span, petgraph::graph::NodeIndex)>> =
        HashMap::new();
    for n in g.graph.node_indices() {
        let x = g.node(n);
        // A resource's whole definition, not only its logical id.
        let whole = x
            .resource
            .and_then(|(k, i)| g.model.origin_of(k, i))
            .map(|o| o.span);
        if let (Some(f), Some(sp)) = (x.file, whole.or(x.span)) {
            by_file.entry(f).or_default().push((sp, n));
        }
    }
    // Edges written in a resource that is no node (an `AWS::EC2::SecurityGroupIngress`): a finding
    // there marks the edge's target (the group the rule opens).
    let mut edges_by_file: HashMap<FileId, Vec<(source::Span, petgraph::graph::NodeIndex)>> =
        HashMap::new();
    for e in g.graph.edge_references() {
        let w = e.weight();
        if let (Some(f), Some(sp)) = (w.file, w.span) {
            edges_by_file.entry(f).or_default().push((sp, e.target()));
        }
    }
    for v in by_file.values_mut().chain(edges_by_file.values_mut()) {
        v.sort_by_key(|(sp, n)| (sp.start, std::cmp::Reverse(sp.end), *n));
    }
    let within = |map: &HashMap<FileId, Vec<(source::Span, petgraph::graph::NodeIndex)>>,
                  file: FileId,
                  at: source::Span| {
        let v = map.get(&file)?;
        let upto = v.partition_point(|(sp, _)| sp.start <= at.start);
        v.get(..upto)?
            .iter()
            .rev()
            .find(|(sp, _)| sp.end >= at.end)
            .map(|(_, n)| *n)
    };
    let locate = |file: FileId, at: source::Span| within(&by_file, file, at);
    let mut out: Vec<graph::export::Overlay> = report
        .findings
        .iter()
        .filter(|f| f.severity >= rules::Severity::Warning)
        .filter_map(|f| {
            let (from, to) = match locate(f.file, f.span) {
                Some(from) => (from, f.related.iter().find_map(|r| locate(r.file, r.span))),
                None => (within(&edges_by_file, f.file, f.span)?, None),
            };
            Some(graph::export::Overlay {
                from,
                to,
                rule: f.rule.to_string(),
                error: f.severity == rules::Severity::Error,
            })
        })
        .collect();
    out.sort();
    out.dedup();
    out
}
