//! Test support: run one policy rule over a policy text, as the binary would.
use super::Ctx;
use crate::model::{DocKind, PolicyDoc};
use crate::rules::Finding;
use crate::source::{json, FileId, SourceFile};
use std::sync::Arc;

pub fn run_kind(check: fn(&Ctx, &mut Vec<Finding>), kind: DocKind, text: &str) -> Vec<Finding> {
    let node = json::parse(text).expect("test policy is valid JSON");
    run_doc(check, &PolicyDoc::new(FileId(0), kind, node, "test"), text)
}

/// Run `check` over a prepared document (attachment set, values replaced) of file 0 holding `text`.
pub fn run_doc(check: fn(&Ctx, &mut Vec<Finding>), doc: &PolicyDoc, text: &str) -> Vec<Finding> {
    let src = SourceFile::new(FileId(0), "test.json".into(), Arc::from(text));
    let mut out = Vec::new();
    check(&Ctx { doc, src: &src }, &mut out);
    out
}

pub fn run(check: fn(&Ctx, &mut Vec<Finding>), text: &str) -> Vec<Finding> {
    run_kind(check, DocKind::Identity, text)
}

/// The source text each finding points at.
pub fn spans<'a>(text: &'a str, fs: &[Finding]) -> Vec<&'a str> {
    fs.iter()
        .map(|f| &text[f.span.start as usize..f.span.end as usize])
        .collect()
}
