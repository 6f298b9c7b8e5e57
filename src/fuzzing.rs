//! Invariant checks shared by the fuzz targets (`fuzz/`, cargo-fuzz on nightly) and the proptest smoke
//! run in `tests/robustness.rs` (stable, every `cargo test`). Each `check_*` takes arbitrary bytes and
//! panics when an invariant breaks — not only "no panic inside trustlint", but: every span lies within
//! its file on character boundaries, JSON output parses and is sorted, every rule id is registered, and
//! two runs give identical output.

#![expect(
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "fuzz harness: a panic is the finding (a broken invariant or an unusable temp dir)"
)]

use crate::config::Config;
use crate::report::{render, Format};
use crate::rules::{find_rule, Finding};
use crate::source::{json, yaml, FileId, Node, SourceFile, Span, Value};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

const FORMATS: [Format; 5] = [
    Format::Human,
    Format::Json,
    Format::Sarif,
    Format::Github,
    Format::Junit,
];

fn check_span(text: &str, span: Span, what: &str) {
    let (s, e) = (span.start as usize, span.end as usize);
    assert!(s <= e, "{what}: span {s}..{e} is reversed");
    assert!(
        e <= text.len(),
        "{what}: span {s}..{e} past the end ({})",
        text.len()
    );
    assert!(
        text.is_char_boundary(s) && text.is_char_boundary(e),
        "{what}: span {s}..{e} splits a character"
    );
}

/// Every span of a tree (iterative: the tree may be as deep as the parsers allow).
pub fn check_tree_spans(text: &str, root: &Node) {
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        check_span(text, n.span, "node");
        match &n.value {
            Value::Array(items) => stack.extend(items),
            Value::Object(members) => {
                for m in members {
                    check_span(text, m.key_span, "key");
                    stack.push(&m.value);
                }
            }
            _ => {}
        }
    }
}

fn check_findings(files: &[SourceFile], findings: &[Finding]) {
    for f in findings {
        assert!(
            find_rule(f.rule.as_str()).is_some(),
            "unregistered rule id {}",
            f.rule
        );
        let src = &files[f.file.0 as usize];
        check_span(&src.text, f.span, f.rule.as_str());
        for r in &f.related {
            check_span(&files[r.file.0 as usize].text, r.span, "related");
        }
    }
}

/// The JSON source parser.
pub fn check_json_parser(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match json::parse(text) {
        Ok(n) => check_tree_spans(text, &n),
        Err(e) => assert!(e.offset <= text.len(), "error offset past the end"),
    }
}

/// The YAML source parser.
pub fn check_yaml_parser(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match yaml::parse(text) {
        Ok(docs) => docs.iter().for_each(|d| check_tree_spans(text, d)),
        Err(e) => check_span(text, Span::new(e.offset, e.offset + e.len), "yaml error"),
    }
}

/// The policy AST over a JSON document (and over every string in it, as embedded policies are).
pub fn check_policy(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(node) = json::parse(text) else {
        return;
    };
    let (_, errors) = crate::model::policy::parse_policy(&node);
    for e in &errors {
        assert!(
            find_rule(e.rule).is_some(),
            "unregistered rule id {}",
            e.rule
        );
        check_span(text, e.span, e.rule);
    }
    if let Ok(inner) = json::parse_string_node(text, &node) {
        check_tree_spans(text, &inner);
        let _ = crate::model::policy::parse_policy(&inner);
    }
}

/// One file loaded in memory (classification, templates resolved, Terraform plans translated).
fn check_load(data: &[u8], name: &str) {
    let text = String::from_utf8_lossy(data);
    let src = SourceFile::new(FileId(0), name.to_string(), Arc::from(text.as_ref()));
    let loaded = crate::load::load_text(src.clone(), Path::new(name), &Config::default());
    let findings = crate::rules::load_issues::findings(loaded.issues.clone());
    check_findings(std::slice::from_ref(&src), &findings);
    for d in &loaded.documents {
        check_tree_spans(&src.text, &d.node);
    }
}

/// CloudFormation load and resolve, JSON and YAML.
pub fn check_cloudformation(data: &[u8]) {
    check_load(data, "template.json");
    check_load(data, "template.yaml");
}

/// Terraform plan load.
pub fn check_terraform(data: &[u8]) {
    check_load(data, "plan.json");
}

/// The simulate request parser, evaluation and both renderings.
pub fn check_simulate(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(req) = crate::simulate::parse_request(text) else {
        return;
    };
    if let Ok(d) = crate::simulate::simulate(&req) {
        let a = crate::simulate::render_json(&req, &d, text);
        assert_eq!(a, crate::simulate::render_json(&req, &d, text));
        let _ = crate::simulate::render_human(&req, &d, text);
    }
}

static RUN: AtomicUsize = AtomicUsize::new(0);

/// The whole check pipeline over a set of files, every report format: spans, registered ids, JSON that
/// parses with findings in contract order, identical output across two runs.
pub fn check_pipeline(files: &[(String, Vec<u8>)]) {
    let dir = std::env::temp_dir().join(format!(
        "trustlint-fuzz-{}-{}",
        std::process::id(),
        RUN.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (i, (name, bytes)) in files.iter().enumerate() {
        let safe: String = name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
            .collect();
        std::fs::write(dir.join(format!("{i}_{safe}")), bytes).expect("write");
    }
    let outputs = |dir: &PathBuf| {
        let report = crate::lint(std::slice::from_ref(dir), &Config::default()).expect("lint");
        check_findings(report.sources.files(), &report.findings);
        let keys: Vec<(FileId, u32)> = report
            .findings
            .iter()
            .map(|f| (f.file, f.span.start))
            .collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]), "findings not sorted");
        FORMATS.map(|f| render(&report, f, &crate::report::human::Options::default()))
    };
    let first = outputs(&dir);
    let second = outputs(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    let parsed: serde_json::Value = serde_json::from_str(&first[1]).expect("JSON output parses");
    assert!(parsed["findings"].is_array());
    let _: serde_json::Value = serde_json::from_str(&first[2]).expect("SARIF output parses");
    assert_eq!(first, second, "output differs between two runs");
}
