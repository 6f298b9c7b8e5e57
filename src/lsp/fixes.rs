//! Quick fixes from the findings' help: a finding whose help gives a statement to add (the replication
//! requirements: "add to the key policy:" followed by the statement) and whose related location is
//! that policy becomes an edit inserting the statement into the policy's `Statement` array.
//!
//! Offered only where the edit is safe: the policy is a JSON object written in a JSON file (not YAML,
//! not a policy embedded in a string, not an intrinsic function), its `Statement` is an array, and the
//! related location is exactly that object. Anything else gets no fix rather than a guessed one.

use super::{diagnostics, position, uri};
use crate::rules::Finding;
use crate::source::{json, Node, SourceFile, Span};
use crate::{Input, Report};
use lsp_types::{CodeAction, CodeActionKind, Range, TextEdit, WorkspaceEdit};
use std::collections::HashMap;

/// The quick fixes of a finding. Computed when the editor asks (for the findings under the cursor),
/// not on every check: each one parses the file it edits.
pub fn actions(f: &Finding, report: &Report, inputs: &[Input]) -> Vec<CodeAction> {
    [
        insert_statement(f, report, inputs),
        ignore_here(f, report, inputs),
    ]
    .into_iter()
    .flatten()
    .collect()
}

// `lsp_types::Uri` caches parsed parts in cells, which clippy takes for a mutable key; its hash and
// equality are those of the URI text and never change.
#[allow(clippy::mutable_key_type)]
fn quick_fix(
    title: String,
    f: &Finding,
    report: &Report,
    inputs: &[Input],
    path: &std::path::Path,
    edit: TextEdit,
    preferred: bool,
) -> Option<CodeAction> {
    let changes = HashMap::from([(uri::from_path(path)?, vec![edit])]);
    Some(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostics::diagnostic(f, report, inputs)]),
        edit: Some(WorkspaceEdit {
            changes: Some(changes),
            ..Default::default()
        }),
        is_preferred: Some(preferred),
        ..Default::default()
    })
}

/// `Metadata.trustlint.ignore` of the resource holding the finding (JSON templates).
fn ignore_here(f: &Finding, report: &Report, inputs: &[Input]) -> Option<CodeAction> {
    let path = &inputs.get(f.file.0 as usize)?.path;
    if path.extension().and_then(|e| e.to_str()) != Some("json") {
        return None;
    }
    let edit = super::ignore::ignore_edit(report.sources.get(f.file), f.span, f.rule.as_str())?;
    let title = format!(
        "Ignore {} in this resource (Metadata.trustlint.ignore)",
        f.rule
    );
    quick_fix(title, f, report, inputs, path, edit, false)
}

/// The statement a finding's help asks to add, and what to add it to ("add to the key policy").
pub fn statement_to_add(help: &str) -> Option<(&str, serde_json::Map<String, serde_json::Value>)> {
    let (what, body) = help.split_once(":\n")?;
    let st: serde_json::Map<String, serde_json::Value> = serde_json::from_str(body).ok()?;
    st.contains_key("Effect").then_some((what, st))
}

fn insert_statement(f: &Finding, report: &Report, inputs: &[Input]) -> Option<CodeAction> {
    let (what, st) = statement_to_add(f.help.as_deref()?)?;
    // The policy to change is the related location the rule points at (the first one that is a
    // policy object with a `Statement` array).
    let (r, edit) = f.related.iter().find_map(|r| {
        let path = &inputs.get(r.file.0 as usize)?.path;
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            return None;
        }
        let file = report.sources.get(r.file);
        let edit = statement_edit(file, r.span, &st)?;
        Some((r, edit))
    })?;
    let path = &inputs.get(r.file.0 as usize)?.path;
    let target = r.message.split(':').next().unwrap_or(&r.message);
    let title = format!("{what}: insert the statement into the {target}");
    quick_fix(title, f, report, inputs, path, edit, true)
}

/// The innermost node whose span is exactly `span`.
fn node_at(node: &Node, span: Span) -> Option<&Node> {
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

/// The edit appending `st` to the `Statement` array of the policy object at `span`.
fn statement_edit(
    file: &SourceFile,
    span: Span,
    st: &serde_json::Map<String, serde_json::Value>,
) -> Option<TextEdit> {
    let root = json::parse(&file.text).ok()?;
    let policy = node_at(&root, span)?;
    let statements = policy.get("Statement")?;
    let items = statements.as_array()?;
    let value = serde_json::Value::Object(st.clone());
    let text = &file.text;
    let (at, new_text) = match items.last() {
        None => (
            statements.span.start + 1,
            serde_json::to_string(&value).ok()?,
        ),
        Some(last) => {
            let start = last.span.start as usize;
            let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
            let indent = &text[line_start..start];
            if indent.chars().all(|c| c == ' ' || c == '\t') {
                // One element per line: the new one on its own lines, indented like the last one.
                let pretty = serde_json::to_string_pretty(&value).ok()?;
                let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
                let body = pretty.replace('\n', &format!("{nl}{indent}"));
                (last.span.end, format!(",{nl}{indent}{body}"))
            } else {
                (
                    last.span.end,
                    format!(", {}", serde_json::to_string(&value).ok()?),
                )
            }
        }
    };
    let p = position::position(file, at);
    Some(TextEdit::new(Range::new(p, p), new_text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    #[test]
    fn appends_after_the_last_statement_with_its_indentation() {
        let text = "{\"P\": {\n  \"Statement\": [\n    {\"Effect\": \"Deny\"}\n  ]\n}}";
        let f = SourceFile::new(FileId(0), "p.json".into(), text.into());
        let start = text.find("{\n").unwrap();
        let span = Span::new(start, text.len() - 1);
        let (_, st) = statement_to_add("add to the key policy:\n{\"Effect\": \"Allow\"}").unwrap();
        let e = statement_edit(&f, span, &st).unwrap();
        assert_eq!(e.range.start, lsp_types::Position::new(2, 22));
        assert_eq!(e.new_text, ",\n    {\n      \"Effect\": \"Allow\"\n    }");
        // Not the policy object: no fix.
        assert!(statement_edit(&f, Span::new(0, 3), &st).is_none());
        assert!(statement_to_add("remove the Deny: \"Condition\"").is_none());
    }
}
