//! Checking a list of files (pre-commit, editors, `git diff --name-only | xargs`): the whole project
//! around them is loaded, findings located in or related to them are reported; standard input;
//! JSON with comments that is no policy; report format flags (aliases, junit, misplaced words).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

mod common;

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const KEY_GRANT: &str =
    "\"AWS\": \"arn:aws:iam::111111111111:role/service-role/s3crr_role_for_tutorial-kms-source\"\n              },\n              \"Action\": [ \"kms:Encrypt\"";

fn run(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_trustlint"));
    c.current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().expect("run trustlint");
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

/// (rule, file) of the error findings.
fn errors(r: &Value) -> Vec<(String, String)> {
    r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A git repository holding the SSE-KMS replication pair whose destination key policy no longer admits
/// the source role.
fn broken_pair() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let root = common::root().join("fixtures/scenarios/replication-sse-kms");
    let dst = std::fs::read_to_string(root.join("destination.json")).unwrap();
    assert!(dst.contains(KEY_GRANT), "fixture changed");
    let bad = dst.replace(
        KEY_GRANT,
        &KEY_GRANT.replace(
            "111111111111:role/service-role/s3crr_role_for_tutorial-kms-source",
            "222222222222:role/key-admin",
        ),
    );
    std::fs::create_dir_all(d.path().join(".git")).unwrap();
    std::fs::create_dir_all(d.path().join("stacks")).unwrap();
    std::fs::write(d.path().join("stacks/destination.json"), bad).unwrap();
    std::fs::copy(
        root.join("source.json"),
        d.path().join("stacks/source.json"),
    )
    .unwrap();
    d
}

const XACCT: (&str, &str) = ("KMS-DST-KEYPOLICY-XACCT", "stacks/source.json");

#[test]
fn naming_one_half_of_a_pair_checks_it_against_the_other() {
    let d = broken_pair();
    // Only the destination (the changed half) is named: the finding sits in the source template
    // and points at the destination's key policy, so it is reported.
    let o = run(
        d.path(),
        &["check", "--format", "json", "stacks/destination.json"],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let r = json(&o);
    let want = vec![(XACCT.0.to_string(), XACCT.1.to_string())];
    assert_eq!(errors(&r), want);
    assert_eq!(r["summary"]["files"], 1, "only the named file is counted");
    // From a subfolder, the project (the repository) is the same.
    let o = run(
        &d.path().join("stacks"),
        &["check", "--format", "json", "destination.json"],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        errors(&json(&o)),
        vec![(XACCT.0.to_string(), "source.json".to_string())]
    );
    // --no-project checks the named file alone: the pair is not seen.
    let o = run(
        d.path(),
        &[
            "check",
            "--format",
            "json",
            "--no-project",
            "stacks/destination.json",
        ],
        None,
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

#[test]
fn findings_of_unrelated_files_are_not_reported() {
    let d = broken_pair();
    std::fs::write(
        d.path().join("other.json"),
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
    )
    .unwrap();
    let o = run(d.path(), &["check", "--format", "json", "other.json"], None);
    assert_eq!(o.status.code(), Some(0));
    let r = json(&o);
    assert!(errors(&r).is_empty(), "{r}");
}

#[test]
fn standard_input_with_a_filename_takes_its_place_in_the_project() {
    let d = broken_pair();
    let bad = std::fs::read_to_string(d.path().join("stacks/destination.json")).unwrap();
    // The file on disk is fixed; the editor buffer on stdin is the broken one.
    std::fs::copy(
        common::root().join("fixtures/scenarios/replication-sse-kms/destination.json"),
        d.path().join("stacks/destination.json"),
    )
    .unwrap();
    let o = run(
        d.path(),
        &[
            "check",
            "--format",
            "json",
            "-",
            "--stdin-filename",
            "stacks/destination.json",
        ],
        Some(&bad),
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        errors(&json(&o)),
        vec![(XACCT.0.to_string(), XACCT.1.to_string())]
    );
    let o = run(d.path(), &["check", "stacks/destination.json"], None);
    assert_eq!(o.status.code(), Some(0), "the file on disk is fine");
}

#[test]
fn piped_input_is_checked_through_dash_and_dev_stdin() {
    let d = tempfile::tempdir().unwrap();
    let bad = r#"{"Version": "2024-01-01", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#;
    for arg in ["-", "/dev/stdin"] {
        let o = run(d.path(), &["check", "--format", "json", arg], Some(bad));
        assert_eq!(o.status.code(), Some(1), "{arg}");
        let r = json(&o);
        assert_eq!(r["summary"]["files"], 1, "{arg}: {r}");
        assert_eq!(errors(&r)[0].0, "POL-VERSION");
    }
    let o = run(
        d.path(),
        &["check", "--stdin-filename", "x.json", "a.json"],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn json_with_comments_that_is_no_policy_is_skipped_with_a_note() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    std::fs::write(
        p.join("tsconfig.json"),
        "{\n  // strict\n  \"compilerOptions\": { \"strict\": true, },\n}\n",
    )
    .unwrap();
    std::fs::write(
        p.join("policy.json"),
        "{\"Version\": \"2012-10-17\", // c\n \"Statement\": []}",
    )
    .unwrap();
    let o = run(p, &["check", "-v", "tsconfig.json"], None);
    assert_eq!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("skipped tsconfig.json: JSON with comments"),
        "{err}"
    );
    // A policy with a comment is still a syntax error: AWS accepts none.
    let o = run(p, &["check", "--format", "json", "policy.json"], None);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(errors(&json(&o))[0].0, "PARSE");
}

#[test]
fn format_aliases_junit_and_misplaced_format_words() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    std::fs::write(
        p.join("a.json"),
        r#"{"Version": "2024-01-01", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
    )
    .unwrap();
    for flags in [
        &["--output-format", "json"][..],
        &["-f", "json"][..],
        &["--format=json"][..],
    ] {
        let mut args = vec!["check"];
        args.extend_from_slice(flags);
        args.push("a.json");
        let o = run(p, &args, None);
        assert_eq!(json(&o)["version"], 1, "{flags:?}");
    }
    let o = run(p, &["check", "--format", "junit", "a.json"], None);
    let xml = String::from_utf8(o.stdout).unwrap();
    assert!(xml.starts_with("<?xml"), "{xml}");
    assert!(xml.contains("<failure type=\"POL-VERSION\""), "{xml}");
    assert!(xml.contains("failures=\"1\""), "{xml}");
    // `-o json` (checkov) / `--output json`: an error, and no file named `json`.
    for flag in ["-o", "--output"] {
        let o = run(p, &["check", flag, "json", "a.json"], None);
        assert_eq!(o.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&o.stderr).contains("--format json"));
        assert!(!p.join("json").exists());
    }
    let o = run(p, &["check", "json"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--format json"));
    // A real file path still works.
    let o = run(
        p,
        &["check", "-o", "out.sarif", "-f", "sarif", "a.json"],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(p.join("out.sarif").is_file());
}
