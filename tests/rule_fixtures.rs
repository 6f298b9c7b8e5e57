//! Every rule has `fixtures/rules/<ID>/fail/` (must produce that rule) and `fixtures/rules/<ID>/pass/`
//! (must not). The JSON report of each `fail` folder is a reviewed insta snapshot, so the line and
//! column of every finding is pinned.

use std::path::Path;
use std::process::Command;

/// Run `check` on a fixture folder; a `trustlint.toml` inside the folder is its configuration
/// (account bindings, document kinds), as it would be in a user's repository.
fn check_json(dir: &str) -> (i32, serde_json::Value) {
    let mut args = vec!["check", "--format", "json", "--fail-on", "info"];
    let config = format!("{dir}/trustlint.toml");
    if Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(&config)
        .is_file()
    {
        args.extend(["--config", config.as_str()]);
    }
    args.push(dir);
    let out = Command::new(env!("CARGO_BIN_EXE_trustlint"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(&args)
        .output()
        .expect("run trustlint");
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{dir}: output is not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), json)
}

fn rules_in(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_rule_has_failing_and_passing_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    let mut missing = Vec::new();
    for r in trustlint::rules::all_rules() {
        for kind in ["fail", "pass"] {
            let dir = root.join(r.id).join(kind);
            let has_files = std::fs::read_dir(&dir)
                .map(|d| d.count() > 0)
                .unwrap_or(false);
            if !has_files {
                missing.push(format!("{}/{kind}", r.id));
            }
        }
    }
    assert!(missing.is_empty(), "rules without fixtures: {missing:?}");
}

#[test]
fn fixtures_fail_and_pass_as_labelled() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    let mut ids: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    let mut problems = Vec::new();
    for id in &ids {
        assert!(
            trustlint::rules::find_rule(id).is_some(),
            "fixtures/rules/{id} names no registered rule"
        );
        let fail = format!("fixtures/rules/{id}/fail");
        if Path::new(env!("CARGO_MANIFEST_DIR")).join(&fail).is_dir() {
            let (code, report) = check_json(&fail);
            if !rules_in(&report).contains(id) {
                problems.push(format!("{fail}: no {id} finding"));
            }
            if code != 1 {
                problems.push(format!("{fail}: exit code {code}, expected 1"));
            }
            insta::with_settings!({ snapshot_path => "snapshots/rules", prepend_module_to_snapshot => false }, {
                insta::assert_json_snapshot!(id.as_str(), report);
            });
        }
        let pass = format!("fixtures/rules/{id}/pass");
        if Path::new(env!("CARGO_MANIFEST_DIR")).join(&pass).is_dir() {
            let (_, report) = check_json(&pass);
            if rules_in(&report).contains(id) {
                problems.push(format!("{pass}: unexpected {id} finding: {report}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
