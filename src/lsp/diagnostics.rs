//! Findings → LSP diagnostics, grouped by the file they are located in.

use super::{position, uri};
use crate::rules::{Finding, Severity};
use crate::{Input, Report};
use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Uri,
};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::str::FromStr;

/// Where each rule's documentation is published (`rules/<ID>.md` of the repository).
const RULE_DOCS: &str = "https://github.com/trustlint/trustlint/blob/main/rules/";

/// Each finding of the report as a diagnostic of its file. `inputs` are the inputs of the check, in
/// file-id order.
pub fn by_file(report: &Report, inputs: &[Input]) -> BTreeMap<PathBuf, Vec<Diagnostic>> {
    let mut out: BTreeMap<PathBuf, Vec<Diagnostic>> = BTreeMap::new();
    for f in &report.findings {
        let Some(input) = inputs.get(f.file.0 as usize) else {
            continue;
        };
        out.entry(input.path.clone())
            .or_default()
            .push(diagnostic(f, report, inputs));
    }
    out
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

pub fn diagnostic(f: &Finding, report: &Report, inputs: &[Input]) -> Diagnostic {
    let file = report.sources.get(f.file);
    let message = match &f.help {
        Some(h) => format!("{}\n\nhelp: {h}", f.message),
        None => f.message.clone(),
    };
    let related: Vec<DiagnosticRelatedInformation> = f
        .related
        .iter()
        .filter_map(|r| {
            let path = &inputs.get(r.file.0 as usize)?.path;
            Some(DiagnosticRelatedInformation {
                location: Location::new(
                    uri::from_path(path)?,
                    position::range(report.sources.get(r.file), r.span),
                ),
                message: r.message.clone(),
            })
        })
        .collect();
    Diagnostic {
        range: position::range(file, f.span),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule.to_string())),
        code_description: Uri::from_str(&format!("{RULE_DOCS}{}.md", f.rule))
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("trustlint".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}
