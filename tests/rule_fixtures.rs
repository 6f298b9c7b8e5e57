//! Every rule has `fixtures/rules/<ID>/fail/` (must produce that rule) and `fixtures/rules/<ID>/pass/`
//! (must not). The JSON report of each `fail` folder is a reviewed insta snapshot, so the line and
//! column of every finding is pinned.

mod common;

use common::{check_json, rule_ids};

#[test]
fn every_rule_has_failing_and_passing_fixtures() {
    let root = common::root().join("fixtures/rules");
    let mut missing = Vec::new();
    for r in trustlint::rules::all_rules() {
        for kind in ["fail", "pass"] {
            let dir = root.join(r.id.as_str()).join(kind);
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
    let root = common::root().join("fixtures/rules");
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
        if common::root().join(&fail).is_dir() {
            let (code, report) = check_json(&fail);
            if !rule_ids(&report).contains(id) {
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
        if common::root().join(&pass).is_dir() {
            let (_, report) = check_json(&pass);
            if rule_ids(&report).contains(id) {
                problems.push(format!("{pass}: unexpected {id} finding: {report}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
