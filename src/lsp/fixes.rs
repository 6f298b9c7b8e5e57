//! Code actions from the fixes of findings ([`crate::report::fix`], the edits SARIF `fixes` and
//! `trustlint check --fix` use): each fix becomes a quick fix whose workspace edit may change another
//! file than the finding's (the statement a source template's finding asks for goes into the
//! destination's key policy).

use super::{diagnostics, position, uri};
use crate::report::fix::{self, FixKind};
use crate::rules::Finding;
use crate::{Input, Report};
use lsp_types::{CodeAction, CodeActionKind, TextEdit, WorkspaceEdit};
use std::collections::HashMap;

/// The quick fixes of a finding. Computed when the editor asks (for the findings under the cursor),
/// not on every check: each one parses the file it edits.
// `lsp_types::Uri` caches parsed parts in cells, which clippy takes for a mutable key; its hash and
// equality are those of the URI text and never change.
#[allow(clippy::mutable_key_type)]
pub fn actions(f: &Finding, report: &Report, inputs: &[Input]) -> Vec<CodeAction> {
    fix::fixes(f, &report.sources)
        .into_iter()
        .filter_map(|x| {
            let mut changes: HashMap<lsp_types::Uri, Vec<TextEdit>> = HashMap::new();
            for e in &x.edits {
                let path = &inputs.get(e.file.0 as usize)?.path;
                let file = report.sources.files().get(e.file.0 as usize)?;
                changes
                    .entry(uri::from_path(path)?)
                    .or_default()
                    .push(TextEdit::new(position::range(file, e.span), e.text.clone()));
            }
            Some(CodeAction {
                title: x.title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostics::diagnostic(f, report, inputs)]),
                edit: Some(WorkspaceEdit {
                    changes: Some(changes),
                    ..Default::default()
                }),
                is_preferred: Some(x.kind == FixKind::Repair),
                ..Default::default()
            })
        })
        .collect()
}
