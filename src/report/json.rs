//! `--format json`: the stable version-1 contract (docs/architecture.md).

use crate::rules::Severity;
use crate::Report;
use serde_json::{json, Value};

pub fn to_value(report: &Report) -> Value {
    let findings: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let src = report.sources.get(f.file);
            let (line, column) = src.line_col(f.span.start);
            let mut v = json!({
                "rule": f.rule,
                "severity": f.severity.as_str(),
                "message": f.message,
                "file": src.path,
                "line": line,
                "column": column,
                "span": { "offset": f.span.start, "length": f.span.len() },
            });
            #[expect(
                clippy::expect_used,
                reason = "`json!` of an object literal is an object"
            )]
            let obj = v.as_object_mut().expect("object");
            if let Some(r) = &f.resource {
                obj.insert("resource".into(), json!(r));
            }
            if let Some(c) = &f.construct {
                obj.insert("construct".into(), json!(c));
            }
            if let Some(h) = &f.help {
                obj.insert("help".into(), json!(h));
            }
            let related: Vec<Value> = f
                .related
                .iter()
                .map(|r| {
                    let rs = report.sources.get(r.file);
                    let (line, column) = rs.line_col(r.span.start);
                    json!({ "file": rs.path, "line": line, "column": column, "message": r.message })
                })
                .collect();
            obj.insert("related".into(), Value::Array(related));
            v
        })
        .collect();
    let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
    json!({
        "version": 1,
        "findings": findings,
        "summary": {
            "files": report.files,
            "errors": count(Severity::Error),
            "warnings": count(Severity::Warning),
            "infos": count(Severity::Info),
        }
    })
}

#[expect(
    clippy::expect_used,
    reason = "a serde_json::Value (string keys) always serializes"
)]
pub fn render(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(report)).expect("serializable");
    s.push('\n');
    s
}
