//! Frontends: turn a file into what the rules and the model read, or into load issues.
//!
//! Every frontend (a CloudFormation template, [`cfn`]; a Terraform plan, [`terraform`]; a standalone
//! policy file, [`classify`]) returns the same three things for a file, gathered in [`Loaded`]:
//!
//! * **policy documents** ([`PolicyDoc`]) with spans into the file, for the policy rules;
//! * **model stacks** ([`Stack`]): the model's input, the frontend's resources as the model's typed
//!   fields (`model::input::Typed`) read from the frontend's own names, with identity, account/region
//!   binding, dependencies and pinned physical identifiers; values the frontend cannot know are symbols;
//! * **typed load issues** ([`LoadIssue`]): parse errors, limits, invalid metadata, unresolvable
//!   references, worded as findings by `rules::load_issues`.
//!
//! The model reads nothing else, so it knows no frontend. The CloudFormation shapes ([`cfn::Template`])
//! stay in [`cfn`]; a CloudFormation file also hands over its resolved template, for what only
//! CloudFormation has: `Metadata.trustlint.ignore` suppressions, CDK construct paths and the exports an
//! editor's go-to-definition follows. A template needs every template's exports before it is resolved,
//! hence the two passes of [`Parsed`].

pub mod cfn;
pub mod classify;
pub mod issue;
pub mod terraform;
#[cfg(test)]
pub(crate) mod test_support;

use crate::config::Config;
use crate::model::input::Stack;
use crate::model::PolicyDoc;
use crate::source::{json, yaml, FileId, Node, SourceFile, Span};
use issue::{IssueKind, LoadIssue};
use std::path::Path;
use std::sync::Arc;

/// Everything one file yielded.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub source: SourceFile,
    pub documents: Vec<PolicyDoc>,
    pub issues: Vec<LoadIssue>,
    /// Why the file was not analysed (not a policy, …), for `--verbose`.
    pub skipped: Option<String>,
    /// The model's input the file yields: a CloudFormation template's stack, or one stack per AWS
    /// provider configuration a Terraform plan uses (the default provider's first).
    pub stacks: Vec<Stack>,
    /// The CloudFormation template the file holds, resolved (CloudFormation only; see the module doc).
    pub template: Option<cfn::Template>,
}

impl Loaded {
    /// A file that yielded nothing (yet).
    fn new(source: SourceFile) -> Loaded {
        Loaded {
            source,
            documents: Vec::new(),
            issues: Vec::new(),
            skipped: None,
            stacks: Vec::new(),
            template: None,
        }
    }
}

/// A file after the first, per-file pass: finished, or a CloudFormation template waiting for the
/// exports of all templates (`Fn::ImportValue`) before it is resolved.
#[derive(Debug)]
pub enum Parsed {
    Done(Box<Loaded>),
    Template(SourceFile, Box<cfn::Pending>),
}

impl Parsed {
    /// The template's exports (`Outputs.*.Export.Name` → value), empty for other files.
    pub fn exports(&self) -> Vec<(String, String)> {
        match self {
            Parsed::Done(_) => Vec::new(),
            Parsed::Template(src, p) => p.exports(src),
        }
    }

    /// Second pass: resolve a template with every template's exports.
    pub fn finish(self, exports: &cfn::Exports) -> Loaded {
        match self {
            Parsed::Done(l) => *l,
            Parsed::Template(source, p) => {
                let f = p.finish(&source, exports);
                Loaded {
                    documents: f.documents,
                    issues: f.issues,
                    stacks: vec![f.template.model_input()],
                    template: Some(f.template),
                    ..Loaded::new(source)
                }
            }
        }
    }
}

/// Collect exports across templates; the first template (in file order) defining a name wins.
pub fn collect_exports<'a>(parsed: impl IntoIterator<Item = &'a Parsed>) -> cfn::Exports {
    let mut out = cfn::Exports::new();
    for p in parsed {
        for (k, v) in p.exports() {
            out.entry(k).or_insert(v);
        }
    }
    out
}

fn parse_issue(file: FileId, offset: usize, len: usize, message: impl Into<String>) -> LoadIssue {
    LoadIssue::parse(file, Span::new(offset, offset + len), message)
}

/// Read and load one file (a template's `Fn::ImportValue` sees only its own exports). I/O errors become
/// PARSE issues too: the run goes on.
pub fn load_file(id: FileId, path: &Path, display: String, cfg: &Config) -> Loaded {
    let parsed = parse_file(id, path, display, cfg);
    let exports = collect_exports([&parsed]);
    parsed.finish(&exports)
}

/// A path met while walking that cannot be read (an unreadable directory, a broken symlink, a symlink
/// loop): a PARSE finding on the path, and the run goes on.
pub fn unreadable(id: FileId, display: String, why: &str) -> Loaded {
    let source = SourceFile::new(id, display, Arc::from(""));
    Loaded {
        issues: vec![parse_issue(id, 0, 0, format!("cannot read: {why}"))
            .help("fix the permissions or the link, or exclude the path")],
        ..Loaded::new(source)
    }
}

/// First pass over one file: read, parse, classify or detect a template.
pub fn parse_file(id: FileId, path: &Path, display: String, cfg: &Config) -> Parsed {
    let done = |l: Loaded| Parsed::Done(Box::new(l));
    let empty = |text: &str| SourceFile::new(id, display.clone(), Arc::from(text));
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > cfg.max_file_size {
        return done(Loaded {
            issues: vec![parse_issue(
                id,
                0,
                0,
                format!(
                    "file is {size} bytes, over the {} byte limit",
                    cfg.max_file_size
                ),
            )
            .help("raise `max-file-size` in trustlint.toml, or exclude the file")],
            ..Loaded::new(empty(""))
        });
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return done(Loaded {
                issues: vec![parse_issue(id, 0, 0, format!("cannot read file: {e}"))],
                ..Loaded::new(empty(""))
            })
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            // Each invalid byte becomes one `?`, so every offset in the text is the file's own and the
            // finding's 1-byte span ends on a char boundary (a 3-byte U+FFFD would split it).
            let mut lossy = String::with_capacity(e.as_bytes().len());
            for chunk in e.as_bytes().utf8_chunks() {
                lossy.push_str(chunk.valid());
                lossy.extend(std::iter::repeat_n('?', chunk.invalid().len()));
            }
            return done(Loaded {
                issues: vec![parse_issue(id, at, 1, "file is not valid UTF-8")
                    .label("invalid byte here")
                    .help("save the file as UTF-8")],
                ..Loaded::new(empty(&lossy))
            });
        }
    };
    let source = SourceFile::new(id, display, Arc::from(text));
    parse_text(source, path, cfg)
}

/// Load a file whose text is already in memory (single-file: see [`load_file`]).
pub fn load_text(source: SourceFile, path: &Path, cfg: &Config) -> Loaded {
    let parsed = parse_text(source, path, cfg);
    let exports = collect_exports([&parsed]);
    parsed.finish(&exports)
}

/// Whether a file is read as YAML: `.yaml`/`.yml`, and `.template` files that do not start with `{`.
pub fn is_yaml(path: &Path, text: &str) -> bool {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("yaml" | "yml") => true,
        Some("template") => !text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('{'),
        _ => false,
    }
}

/// First pass over a file in memory.
pub fn parse_text(source: SourceFile, path: &Path, cfg: &Config) -> Parsed {
    if is_yaml(path, &source.text) {
        return parse_yaml(source, path, cfg);
    }
    let mut loaded = Loaded::new(source);
    let node = match json::parse(&loaded.source.text) {
        Ok(n) => n,
        Err(e) => {
            if let Some(reason) = jsonc_not_a_policy(&loaded.source, path, cfg) {
                loaded.skipped = Some(reason);
                return Parsed::Done(Box::new(loaded));
            }
            let len = loaded.source.text[e.offset.min(loaded.source.text.len())..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
            loaded.issues.push(
                parse_issue(
                    loaded.source.id,
                    e.offset,
                    len,
                    format!("invalid JSON: {}", e.message),
                )
                .label(e.message),
            );
            return Parsed::Done(Box::new(loaded));
        }
    };
    if cfg.document_kind(path).is_none() && cfn::detect::is_template(&node).is_ok() {
        return template(loaded.source, node, path, cfg);
    }
    if cfg.document_kind(path).is_none() && terraform::detect::is_plan(&node).is_ok() {
        let tf = terraform::load(&node, &loaded.source, path, cfg);
        loaded.documents = tf.documents;
        loaded.issues = tf.issues;
        loaded.stacks = tf.stacks;
        return Parsed::Done(Box::new(loaded));
    }
    match classify::classify(node, &loaded.source, cfg.document_kind(path)) {
        Ok(classify::Classified::Documents(docs)) => loaded.documents = docs,
        Ok(classify::Classified::Skip(reason)) => loaded.skipped = Some(reason),
        Err(f) => loaded.issues.push(*f),
    }
    Parsed::Done(Box::new(loaded))
}

/// A file that is JSON only once comments and trailing commas are blanked (tsconfig.json,
/// .vscode/settings.json) and then is no policy, template or plan: the reason to skip it. A file that
/// reads as a policy after blanking keeps its PARSE finding, because AWS accepts no comments.
fn jsonc_not_a_policy(source: &SourceFile, path: &Path, cfg: &Config) -> Option<String> {
    if cfg.document_kind(path).is_some() {
        return None;
    }
    let blanked = json::parse(&crate::source::jsonc::blank(&source.text)?).ok()?;
    if cfn::detect::is_template(&blanked).is_ok() || terraform::detect::is_plan(&blanked).is_ok() {
        return None;
    }
    match classify::classify(blanked, source, None) {
        Ok(classify::Classified::Skip(why)) => Some(format!(
            "JSON with comments or trailing commas (JSONC), not a policy: {why}"
        )),
        _ => None,
    }
}

fn template(source: SourceFile, root: Node, path: &Path, cfg: &Config) -> Parsed {
    let pending = cfn::prepare(root, &source, path, cfg);
    Parsed::Template(source, Box::new(pending))
}

/// YAML files are only CloudFormation templates to trustlint: anything else is skipped, and a syntax
/// error is a PARSE finding only when the text looks like a template (not, say, a Helm chart).
fn parse_yaml(source: SourceFile, path: &Path, cfg: &Config) -> Parsed {
    let mut loaded = Loaded::new(source);
    let text = loaded.source.text.clone();
    match yaml::parse(&text) {
        Err(e) => {
            if let Some(limit) = e.limit {
                let span = crate::source::Span::new(e.offset, e.offset + e.len);
                loaded.issues.push(LoadIssue::new(
                    loaded.source.id,
                    span,
                    IssueKind::Limit {
                        limit: limit.to_string(),
                        message: e.message,
                    },
                ));
            } else if cfn::detect::looks_like_template(&text) {
                loaded.issues.push(
                    parse_issue(
                        loaded.source.id,
                        e.offset,
                        e.len,
                        format!("invalid YAML: {}", e.message),
                    )
                    .label(e.message),
                );
            } else {
                loaded.skipped = Some(format!(
                    "not valid YAML ({} at byte {}) and not a CloudFormation template",
                    e.message, e.offset
                ));
            }
        }
        Ok(mut docs) if docs.len() == 1 => {
            let root = docs.remove(0);
            match cfn::detect::is_template(&root) {
                Ok(()) => return template(loaded.source, root, path, cfg),
                Err(why) => loaded.skipped = Some(why),
            }
        }
        Ok(docs) => {
            loaded.skipped = Some(format!(
                "YAML stream with {} documents: not a CloudFormation template",
                docs.len()
            ))
        }
    }
    Parsed::Done(Box::new(loaded))
}
