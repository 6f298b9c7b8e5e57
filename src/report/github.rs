//! `--format github`: GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=ID::message`).

use crate::rules::Severity;
use crate::Report;

/// Workflow-command escaping: `%`, CR and LF always; `,` and `:` too inside properties.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let paths = super::artifact_paths(report);
    for f in &report.findings {
        let src = report.sources.get(f.file);
        let (line, col) = src.line_col(f.span.start);
        let (end_line, end_col) = src.line_col(f.span.end);
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut msg = f.message.clone();
        if let Some(h) = &f.help {
            msg.push_str("\nhelp: ");
            msg.push_str(h);
        }
        let end = if end_line == line {
            format!(",endColumn={end_col}")
        } else {
            format!(",endLine={end_line}")
        };
        out.push_str(&format!(
            "::{level} file={},line={line},col={col}{end},title={}::{}\n",
            escape_property(paths.get(&f.file).unwrap_or(&src.path)),
            escape_property(f.rule.as_str()),
            escape_data(&msg)
        ));
    }
    out
}
