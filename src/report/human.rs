//! `--format human`: miette diagnostics with labels on the exact spans.

use super::excerpt::Excerpt;
use crate::rules::{Finding, Severity};
use crate::Report;
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceSpan};
use std::fmt;

struct Diag<'a> {
    finding: &'a Finding,
    source: Excerpt,
    labels: Vec<LabeledSpan>,
    related: Vec<RelatedDiag>,
}

struct RelatedDiag {
    message: String,
    source: Excerpt,
    span: SourceSpan,
}

impl fmt::Debug for Diag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}
impl fmt::Display for Diag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}
impl std::error::Error for Diag<'_> {}

impl Diagnostic for Diag<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.finding.rule))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.finding
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
    }
}

impl fmt::Debug for RelatedDiag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl fmt::Display for RelatedDiag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl std::error::Error for RelatedDiag {}
impl Diagnostic for RelatedDiag {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            None, self.span,
        ))))
    }
}

pub fn render(report: &Report, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut out = String::new();
    for f in &report.findings {
        let source = Excerpt::new(report.sources.get(f.file), f.span);
        let diag = Diag {
            finding: f,
            labels: vec![LabeledSpan::new_with_span(
                Some(f.label.clone().unwrap_or_else(|| "here".to_string())),
                source.span,
            )],
            source,
            related: f
                .related
                .iter()
                .map(|r| {
                    let source = Excerpt::new(report.sources.get(r.file), r.span);
                    RelatedDiag {
                        message: r.message.clone(),
                        span: source.span,
                        source,
                    }
                })
                .collect(),
        };
        let _ = handler.render_report(&mut out, &diag);
        out.push('\n');
    }
    let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
    out.push_str(&format!(
        "{} error(s), {} warning(s), {} info(s) in {} file(s) checked\n",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
        report.files
    ));
    out
}
