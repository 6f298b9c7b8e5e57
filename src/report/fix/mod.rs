//! Fixes: the text edits that repair a finding, computed from the finding and the parsed source,
//! shared by the editor's code actions (`trustlint lsp`), SARIF `fixes` and `trustlint check --fix`.
//!
//! A [`Fix`] is offered only where its edit is known to be right: the target is found in the parsed
//! tree (never by searching the text), and anything that does not fit the expected shape (a YAML
//! flow style the edit cannot respect, a policy written as a string or an intrinsic, several equally
//! close suggestions) gets no fix rather than a guessed one.
//!
//! - [`statement`]: insert the statement a finding's help asks for into the policy it points at;
//! - [`action`]: replace an unknown action by the catalog's one close action;
//! - [`ignore`]: add the rule to `Metadata.trustlint.ignore` of the resource (a suppression, not a
//!   repair: the editor offers it, `--fix` and SARIF do not);
//! - [`apply`]: apply repairs to texts, deterministically and idempotently.

pub mod action;
pub mod apply;
pub mod ignore;
pub mod statement;

use crate::rules::Finding;
use crate::source::{FileId, SourceFile, SourceMap, Span};

/// Replace the text at `span` of `file` by `text` (an empty span inserts).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edit {
    pub file: FileId,
    pub span: Span,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixKind {
    /// Makes the finding go away by doing what it asks, and nothing else: SARIF `fixes`, `--fix`.
    Repair,
    /// Silences the finding (editor only).
    Suppress,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub kind: FixKind,
    pub edits: Vec<Edit>,
}

/// Is the file a JSON file (by extension)? JSON edits are placed by the parsed tree and cannot break
/// the file's style.
pub fn is_json(file: &SourceFile) -> bool {
    std::path::Path::new(&file.path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// Every fix of a finding: repairs first.
pub fn fixes(f: &Finding, sources: &SourceMap) -> Vec<Fix> {
    let mut out: Vec<Fix> = Vec::new();
    out.extend(statement::fix(f, sources));
    out.extend(action::fix(f, sources));
    out.extend(ignore::fix(f, sources));
    out
}

/// The repairs of a finding (what SARIF and `--fix` use).
pub fn repairs(f: &Finding, sources: &SourceMap) -> Vec<Fix> {
    let mut v = fixes(f, sources);
    v.retain(|x| x.kind == FixKind::Repair);
    v
}

/// The innermost node whose span is exactly `span`.
pub(crate) fn node_at(node: &crate::source::Node, span: Span) -> Option<&crate::source::Node> {
    if node.span == span {
        return Some(node);
    }
    if node.span.start > span.start || node.span.end < span.end {
        return None;
    }
    match &node.value {
        crate::source::Value::Object(ms) => ms.iter().find_map(|m| node_at(&m.value, span)),
        crate::source::Value::Array(items) => items.iter().find_map(|n| node_at(n, span)),
        _ => None,
    }
}

/// The line break a file uses.
pub(crate) fn newline(text: &str) -> &'static str {
    if text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// The indentation of the line `at` is on, when only whitespace precedes `at` there.
pub(crate) fn indent_before(text: &str, at: usize) -> Option<&str> {
    let start = text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let indent = &text[start..at];
    indent
        .chars()
        .all(|c| c == ' ' || c == '\t')
        .then_some(indent)
}
