//! The terminal report: width from COLUMNS, colour switches, identifiers never split, the severity
//! word on every finding, errors first, infos hidden unless asked for. Snapshots at 80 and 120 columns.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

mod common;

use serde_json::Value;

const FIXTURE: &str = "fixtures/rules/KMS-DST-KEYPOLICY-XACCT/fail";

fn human(columns: &str, extra: &[&str], env: &[(&str, &str)]) -> String {
    let mut c = common::trustlint();
    c.env("COLUMNS", columns)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .args(["check"])
        .args(extra)
        .arg(FIXTURE);
    for (k, v) in env {
        c.env(k, v);
    }
    let o = c.output().expect("run trustlint");
    String::from_utf8(o.stdout).expect("UTF-8")
}

/// Every ARN, key id and bucket name the findings mention.
fn identifiers() -> Vec<String> {
    let o = common::trustlint()
        .args(["check", "--format", "json", FIXTURE])
        .output()
        .unwrap();
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut ids: Vec<String> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| {
            f["message"]
                .as_str()
                .unwrap()
                .split(|c: char| c.is_whitespace() || c == ',' || c == '`')
                .map(|t| t.trim_end_matches([':', '.', ')']).to_string())
                .filter(|t| t.starts_with("arn:") || t.contains("222222222222"))
                .collect::<Vec<_>>()
        })
        .collect();
    ids.sort();
    ids.dedup();
    assert!(ids.len() >= 2, "{ids:?}");
    ids
}

#[test]
fn snapshots_at_80_and_120_columns() {
    for cols in ["80", "120"] {
        let text = human(cols, &["--color", "never", "--show-info"], &[]);
        insta::assert_snapshot!(format!("human_{cols}_columns"), text);
    }
}

#[test]
fn identifiers_are_never_split_across_lines() {
    for cols in ["60", "80", "120"] {
        let text = human(cols, &["--color", "never", "--show-info"], &[]);
        for id in identifiers() {
            assert!(text.contains(&id), "{cols} columns split `{id}`:\n{text}");
        }
    }
}

#[test]
fn severity_word_on_every_finding_and_errors_first() {
    let text = human("100", &["--color", "never", "--show-info"], &[]);
    let heads: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("error[") || l.starts_with("warning[") || l.starts_with("info["))
        .collect();
    let summary = text.lines().last().unwrap();
    // Infos exist in this fixture and are all shown with --show-info.
    assert!(heads.iter().any(|h| h.starts_with("info[")), "{text}");
    assert!(summary.starts_with("1 error(s)"), "{summary}");
    let first_info = heads.iter().position(|h| !h.starts_with("error[")).unwrap();
    assert!(
        heads[first_info..].iter().all(|h| !h.starts_with("error[")),
        "{heads:?}"
    );
    assert_eq!(heads[0], "error[KMS-DST-KEYPOLICY-XACCT]");
}

#[test]
fn infos_are_hidden_unless_asked_for_and_counted() {
    let text = human("100", &["--color", "never"], &[]);
    assert!(!text.lines().any(|l| l.starts_with("info[")), "{text}");
    assert!(text.contains("info(s) (not shown: --show-info)"), "{text}");
    let text = human("100", &["--color", "never", "--fail-on", "info"], &[]);
    assert!(text.lines().any(|l| l.starts_with("info[")), "{text}");
}

#[test]
fn colour_switches() {
    let esc = |t: &str| t.contains('\u{1b}');
    // Not a terminal: no colour unless forced.
    assert!(!esc(&human("100", &[], &[])));
    assert!(esc(&human("100", &[], &[("CLICOLOR_FORCE", "1")])));
    assert!(esc(&human("100", &["--color", "always"], &[])));
    assert!(!esc(&human(
        "100",
        &[],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]
    )));
}
