//! `--format junit`: JUnit XML as CI systems (GitLab, Jenkins, Azure Pipelines) show test results.
//! One test case per finding, failing with the rule id as its type; a run without findings is one
//! passing case, so the suite is never empty.

use crate::rules::Severity;
use crate::Report;

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters even escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

pub fn render(report: &Report) -> String {
    let paths = super::artifact_paths(report);
    let failures = report.findings.len();
    let mut cases = String::new();
    for f in &report.findings {
        let src = report.sources.get(f.file);
        let path = paths.get(&f.file).unwrap_or(&src.path);
        let (line, col) = src.line_col(f.span.start);
        let mut body = format!(
            "{path}:{line}:{col}: {} {}: {}",
            f.severity.as_str(),
            f.rule,
            f.message
        );
        if let Some(h) = &f.help {
            body.push_str(&format!("\nhelp: {h}"));
        }
        for r in &f.related {
            let rs = report.sources.get(r.file);
            let (l, c) = rs.line_col(r.span.start);
            let rp = paths.get(&r.file).unwrap_or(&rs.path);
            body.push_str(&format!("\n{rp}:{l}:{c}: {}", r.message));
        }
        cases.push_str(&format!(
            "    <testcase classname=\"{}\" name=\"{} {}:{line}:{col}\" file=\"{}\" line=\"{line}\">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n",
            escape(path),
            escape(f.rule.as_str()),
            escape(path),
            escape(path),
            escape(f.rule.as_str()),
            escape(&format!("{}: {}", f.severity.as_str(), f.message)),
            escape(&body),
        ));
    }
    if failures == 0 {
        cases.push_str(&format!(
            "    <testcase classname=\"trustlint\" name=\"{} file(s) checked\"/>\n",
            report.files
        ));
    }
    let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"trustlint\" tests=\"{t}\" failures=\"{failures}\">\n  <testsuite name=\"trustlint\" tests=\"{t}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">\n    <properties>\n      <property name=\"errors\" value=\"{}\"/>\n      <property name=\"warnings\" value=\"{}\"/>\n      <property name=\"infos\" value=\"{}\"/>\n    </properties>\n{cases}  </testsuite>\n</testsuites>\n",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
        t = failures.max(1),
    )
}
