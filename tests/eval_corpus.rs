//! The decision corpus: every `tests/eval_corpus/cases/*.json` is a simulate request with the decision AWS
//! documents for it (`expected`) and the rule that says so (`why`). All cases are evaluated through the
//! library and every failure is reported with its file name.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

use std::path::Path;
use trustlint::simulate::{parse_request, render_json, simulate};

#[test]
fn decision_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval_corpus/cases");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/eval_corpus/cases exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 200, "only {} corpus cases", files.len());
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).unwrap();
        let sim = match parse_request(&text) {
            Ok(s) => s,
            Err(e) => {
                failures.push(format!("{name}: malformed case: {e}"));
                continue;
            }
        };
        let (Some(expected), Some(why)) = (sim.expected.clone(), sim.why.clone()) else {
            failures.push(format!("{name}: needs `expected` and `why`"));
            continue;
        };
        if why.trim().is_empty() {
            failures.push(format!("{name}: empty `why`"));
        }
        if !sim.warnings.is_empty() {
            failures.push(format!("{name}: policy shape warnings: {:?}", sim.warnings));
        }
        match simulate(&sim) {
            Ok(d) => {
                if d.verdict.name() != expected {
                    let out = render_json(&sim, &d, &text);
                    failures.push(format!(
                        "{name}: expected {expected}, got {} ({why})\n  missing: {}\n  reasons: {}",
                        d.verdict.name(),
                        out["missing"],
                        out["reasons"]
                    ));
                }
            }
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} corpus cases failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
