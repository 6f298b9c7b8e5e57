//! `--format human`: miette diagnostics with labels on the exact spans.

use super::excerpt::Excerpt;
use crate::rules::{Finding, Severity};
use crate::Report;
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceSpan};
use std::fmt;

struct Diag<'a> {
    finding: &'a Finding,
    /// The finding's help, then the CDK construct path (CDK users edit constructs, not templates).
    help: Option<String>,
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
        // The severity word, not only the glyph: `error[KMS-DST-KEYPOLICY-XACCT]`.
        Some(Box::new(format!(
            "{}[{}]",
            self.finding.severity.as_str(),
            self.finding.rule
        )))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
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

/// How the human report is laid out (decided by the CLI from the terminal and flags).
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub color: bool,
    /// Columns to wrap at.
    pub width: usize,
    /// Show info findings (`--show-info`, or `--fail-on info`); else the summary counts them.
    pub show_info: bool,
    /// Only errors and the summary (`--quiet`).
    pub quiet: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            color: false,
            width: 100,
            show_info: true,
            quiet: false,
        }
    }
}

/// Wrapping at spaces only: an ARN, key id or bucket name is never split at its `-`, `/` or `:`
/// (a line longer than the width overflows instead, so it still copies whole).
fn handler(opts: &Options) -> GraphicalReportHandler {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_break_words(false)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
}

/// Errors first, then warnings, then infos; within a severity the report's order (file, offset).
fn shown<'a>(report: &'a Report, opts: &Options) -> Vec<&'a Finding> {
    let mut v: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| match f.severity {
            Severity::Error => true,
            Severity::Warning => !opts.quiet,
            Severity::Info => opts.show_info && !opts.quiet,
        })
        .collect();
    v.sort_by_key(|f| std::cmp::Reverse(f.severity));
    v
}

pub fn render(report: &Report, opts: &Options) -> String {
    let handler = handler(opts);
    let mut out = String::new();
    for f in shown(report, opts) {
        let source = Excerpt::new(report.sources.get(f.file), f.span);
        let construct = f.construct.as_ref().map(|c| format!("CDK construct: {c}"));
        let help = match (&f.help, construct) {
            (Some(h), Some(c)) => Some(format!("{h}\n{c}")),
            (h, c) => h.clone().or(c),
        };
        let diag = Diag {
            finding: f,
            help,
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
    out.push_str(&summary(report, opts));
    out
}

/// `2 error(s), 1 warning(s), 5 info(s) (not shown: --show-info) in 3 file(s) checked`.
pub fn summary(report: &Report, opts: &Options) -> String {
    let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
    let infos = count(Severity::Info);
    let hidden = if (!opts.show_info || opts.quiet) && infos > 0 {
        " (not shown: --show-info)"
    } else {
        ""
    };
    let baselined = if report.baselined > 0 {
        format!(" ({} more in the baseline, not shown)", report.baselined)
    } else {
        String::new()
    };
    let context = if report.context_files > 0 {
        format!(
            " ({} more file(s) of the project read for context)",
            report.context_files
        )
    } else {
        String::new()
    };
    format!(
        "{} error(s), {} warning(s), {infos} info(s){hidden}{baselined} in {} file(s) checked{context}\n",
        count(Severity::Error),
        count(Severity::Warning),
        report.files
    )
}
