//! Adopting trustlint on an existing repository: `trustlint baseline` records today's findings,
//! `check --baseline` reports only new ones (fingerprints survive moved lines); `--statistics`;
//! `--quiet`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

mod common;

use serde_json::Value;
use std::path::Path;
use std::process::Output;

const BAD: &str = r#"{
  "Version": "2024-01-01",
  "Statement": [
    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-logs/*" }
  ]
}
"#;

fn run(dir: &Path, args: &[&str]) -> Output {
    common::trustlint()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run trustlint")
}

fn rules(o: &Output) -> Vec<String> {
    let r: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    common::rule_ids(&r)
}

#[test]
fn baseline_hides_recorded_findings_even_after_lines_move() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    std::fs::create_dir_all(p.join("policies")).unwrap();
    std::fs::write(p.join("policies/a.json"), BAD).unwrap();
    let o = run(p, &["baseline", "--output", "baseline.json", "policies"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let b: Value =
        serde_json::from_str(&std::fs::read_to_string(p.join("baseline.json")).unwrap()).unwrap();
    assert_eq!(b["findings"][0]["rule"], "POL-VERSION");

    let o = run(p, &["check", "--baseline", "baseline.json", "policies"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("1 more in the baseline"));

    // Lines move (a blank line and re-indentation above): still the recorded finding.
    let moved = format!(
        "\n\n{}",
        BAD.replace("  \"Statement\"", "      \"Statement\"")
    );
    std::fs::write(p.join("policies/a.json"), moved).unwrap();
    let o = run(
        p,
        &[
            "check",
            "--format",
            "json",
            "--baseline",
            "baseline.json",
            "policies",
        ],
    );
    assert_eq!((o.status.code(), rules(&o)), (Some(0), vec![]));

    // A new finding of the same rule elsewhere is reported.
    std::fs::write(p.join("policies/b.json"), BAD).unwrap();
    let o = run(
        p,
        &[
            "check",
            "--format",
            "json",
            "--baseline",
            "baseline.json",
            "policies",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["findings"][0]["file"], "policies/b.json");
    assert_eq!(r["findings"].as_array().unwrap().len(), 1);

    // A broken baseline is a usage error, not an empty baseline.
    std::fs::write(p.join("broken.json"), "{}").unwrap();
    let o = run(p, &["check", "--baseline", "broken.json", "policies"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn statistics_and_quiet() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    std::fs::write(p.join("a.json"), BAD).unwrap();
    std::fs::write(p.join("b.json"), BAD).unwrap();
    std::fs::write(
        p.join("legacy.json"),
        BAD.replace("2024-01-01", "2008-10-17"),
    )
    .unwrap();
    let o = run(p, &["check", "--statistics", "."]);
    let text = String::from_utf8(o.stdout).unwrap();
    let first = text.lines().next().unwrap();
    assert!(first.trim_start().starts_with("3  POL-VERSION"), "{text}");
    let o = run(p, &["check", "--statistics", "--format", "json", "."]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["count"], 3);

    let o = run(p, &["check", "--quiet", "--color", "never", "."]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert_eq!(text.matches("error[POL-VERSION]").count(), 2, "{text}");
    assert!(!text.contains("warning["), "{text}");
    assert!(text.ends_with("in 3 file(s) checked\n"), "{text}");
    assert!(
        text.contains("1 warning(s)"),
        "the summary still counts warnings: {text}"
    );
}
