//! The YAML frontend against the official YAML test suite (github.com/yaml/yaml-test-suite, MIT).
//!
//! Two parts:
//! - `derived_cases`: the cases a CloudFormation template can hit, copied from the suite's `data`
//!   branch into `tests/data/yaml-suite/` (see its PROVENANCE.md), plus the PyYAML-compatible inputs
//!   CloudFormation accepts beyond YAML 1.2; always run.
//! - `whole_suite`: every case of a checkout of the suite's `data` branch, when `YAML_TEST_SUITE_DIR`
//!   points at one (`scripts/yaml_test_suite.sh` does that). It fails on any divergence that is not
//!   listed, with its reason, in `tests/data/yaml-suite/known-divergences.tsv`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

use serde_json::Value as J;
use std::collections::BTreeMap;
use std::path::Path;
use trustlint::source::{yaml, Node, Value};

/// Our node as plain JSON (numbers as f64, so `0o14` and `12` compare equal).
fn to_json(n: &Node) -> J {
    match &n.value {
        Value::Null => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Number(s) => number(s).map_or_else(|| J::String(s.clone()), num),
        Value::String(s) => J::String(s.clone()),
        Value::Array(a) => J::Array(a.iter().map(to_json).collect()),
        Value::Object(m) => J::Object(
            m.iter()
                .map(|m| (m.key.clone(), to_json(&m.value)))
                .collect(),
        ),
    }
}

fn number(s: &str) -> Option<f64> {
    if let Some(h) = s.strip_prefix("0x") {
        return i64::from_str_radix(h, 16).ok().map(|v| v as f64);
    }
    if let Some(o) = s.strip_prefix("0o") {
        return i64::from_str_radix(o, 8).ok().map(|v| v as f64);
    }
    s.parse::<f64>().ok()
}

fn num(f: f64) -> J {
    serde_json::Number::from_f64(f).map_or(J::Null, J::Number)
}

/// The suite's expected JSON with every number as f64.
fn normalize(v: J) -> J {
    match v {
        J::Number(n) => num(n.as_f64().unwrap_or(f64::NAN)),
        J::Array(a) => J::Array(a.into_iter().map(normalize).collect()),
        J::Object(m) => J::Object(m.into_iter().map(|(k, v)| (k, normalize(v))).collect()),
        v => v,
    }
}

/// What our frontend does with one case, compared with the suite: `None` when it agrees.
fn divergence(dir: &Path) -> Option<String> {
    let yaml_text = std::fs::read_to_string(dir.join("in.yaml")).ok()?;
    let got = yaml::parse(&yaml_text);
    if dir.join("error").exists() {
        return got
            .is_ok()
            .then(|| "accepted an invalid stream".to_string());
    }
    let Ok(json_text) = std::fs::read_to_string(dir.join("in.json")) else {
        // No JSON form (complex keys, tags JSON cannot show): only "must parse" is checked.
        return got.err().map(|e| format!("rejected: {}", e.message));
    };
    let want: Vec<J> = serde_json::Deserializer::from_str(&json_text)
        .into_iter::<J>()
        .map(|v| v.map(normalize))
        .collect::<Result<_, _>>()
        .ok()?;
    match got {
        Err(e) => Some(format!("rejected: {}", e.message)),
        Ok(docs) => {
            let got: Vec<J> = docs.iter().map(to_json).map(normalize).collect();
            (got != want).then(|| format!("different value: got {got:?}, want {want:?}"))
        }
    }
}

/// Case directories under `root` (the suite nests numbered sub-cases: `ABCD/00`, `ABCD/01`).
fn cases(root: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            // `name/` and `tags/` are indexes of the same cases.
            let index = d == root && p.file_name().is_some_and(|n| n == "name" || n == "tags");
            if p.is_dir() && !index {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n == "in.yaml") {
                out.push(d.clone());
            }
        }
    }
    out.sort();
    out
}

fn id(root: &Path, dir: &Path) -> String {
    dir.strip_prefix(root)
        .unwrap_or(dir)
        .to_string_lossy()
        .replace('\\', "/")
}

fn data() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/yaml-suite")
}

fn known() -> BTreeMap<String, String> {
    std::fs::read_to_string(data().join("known-divergences.tsv"))
        .expect("known-divergences.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn derived_cases() {
    let root = data().join("cases");
    let all = cases(&root);
    assert!(all.len() >= 10, "the derived cases are missing");
    let bad: Vec<String> = all
        .iter()
        .filter_map(|d| divergence(d).map(|why| format!("{}: {why}", id(&root, d))))
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn whole_suite() {
    let Ok(dir) = std::env::var("YAML_TEST_SUITE_DIR") else {
        eprintln!(
            "YAML_TEST_SUITE_DIR not set: run scripts/yaml_test_suite.sh for the whole suite"
        );
        return;
    };
    let root = Path::new(&dir);
    let known = known();
    let all = cases(root);
    assert!(
        all.len() > 300,
        "{dir} does not hold the suite's data branch"
    );
    let mut new = Vec::new();
    let mut fixed = Vec::new();
    for d in &all {
        let case = id(root, d);
        match (divergence(d), known.contains_key(&case)) {
            (Some(why), false) => new.push(format!("{case}\t{why}")),
            (None, true) => fixed.push(case),
            _ => {}
        }
    }
    eprintln!("{} cases, {} known divergences", all.len(), known.len());
    assert!(new.is_empty(), "unlisted divergences:\n{}", new.join("\n"));
    assert!(fixed.is_empty(), "listed but now agreeing: {fixed:?}");
}
