//! `trustlint simulate`: the contract's JSON output, exit codes and field-naming errors.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_trustlint"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("trustlint runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

const KMS_XACCT: &str = r#"{
  "request": {
    "principal": "arn:aws:iam::111111111111:role/service-role/replication",
    "action": "kms:Encrypt",
    "resource": "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    "context": { "kms:ViaService": "s3.us-east-1.amazonaws.com", "aws:TagKeys": ["a", "b"] }
  },
  "identityPolicies": [ { "Version": "2012-10-17", "Statement": [
    { "Sid": "Enc", "Effect": "Allow", "Action": "kms:Encrypt", "Resource": "arn:aws:kms:us-east-1:222222222222:key/*" } ] } ],
  "resourcePolicy": { "Version": "2012-10-17", "Statement": [
    { "Sid": "Enable IAM User Permissions", "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::222222222222:root" }, "Action": "kms:*", "Resource": "*" } ] }
}"#;

#[test]
fn json_output_follows_the_contract() {
    let out = run(&["simulate", "-"], KMS_XACCT);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(v["decision"], "ImplicitlyDenied");
    let reasons = v["reasons"].as_array().unwrap();
    assert_eq!(reasons.len(), 2);
    assert_eq!(reasons[0]["policy"], "identityPolicies[0]");
    assert_eq!(reasons[0]["statement"], 0);
    assert_eq!(reasons[0]["sid"], "Enc");
    assert_eq!(reasons[0]["effect"], "Allow");
    assert_eq!(reasons[0]["matched"], true);
    assert_eq!(reasons[1]["policy"], "resourcePolicy");
    assert_eq!(reasons[1]["matched"], false);
    let missing = v["missing"].to_string();
    assert!(
        missing.contains("neither names the principal nor delegates to account 111111111111"),
        "{missing}"
    );
}

#[test]
fn allowed_and_explicit_deny_exit_zero() {
    let allowed = KMS_XACCT.replace(
        r#""Action": "kms:*", "Resource": "*" } ] }"#,
        r#""Action": "kms:*", "Resource": "*" },
           { "Effect": "Allow", "Principal": { "AWS": "111111111111" }, "Action": "kms:Encrypt", "Resource": "*" } ] }"#,
    );
    let out = run(&["simulate", "-"], &allowed);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["decision"], "Allowed");

    let denied = allowed.replace(
        r#""Sid": "Enc", "Effect": "Allow""#,
        r#""Sid": "Enc", "Effect": "Deny""#,
    );
    let out = run(&["simulate", "-"], &denied);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["decision"], "ExplicitlyDenied");
    assert_eq!(v["deciding"][0]["policy"], "identityPolicies[0]");
}

#[test]
fn reads_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("req.json");
    std::fs::write(&path, KMS_XACCT).unwrap();
    let out = run(&["simulate", path.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"decision\""));
}

#[test]
fn malformed_requests_exit_2_naming_the_field() {
    for (input, field) in [
        (
            r#"{"request": {"principal": 5, "action": "s3:GetObject", "resource": "*"}}"#,
            "request.principal",
        ),
        (
            r#"{"request": {"principal": "arn:aws:iam::111111111111:role/r", "resource": "*"}}"#,
            "request.action",
        ),
        (
            r#"{"request": {"principal": "arn:aws:iam::111111111111:role/r", "action": "GetObject", "resource": "*"}}"#,
            "request.action",
        ),
        (
            r#"{"request": {"principal": "nobody", "action": "s3:GetObject", "resource": "*"}}"#,
            "request.principal",
        ),
        (
            r#"{"request": {"principal": "arn:aws:iam::111111111111:role/r", "action": "s3:GetObject", "resource": "*", "context": {"k": null}}}"#,
            "request.context.k",
        ),
        (
            r#"{"request": {"principal": "arn:aws:iam::111111111111:role/r", "action": "s3:GetObject", "resource": "*"}, "identityPolicies": {}}"#,
            "identityPolicies",
        ),
        (
            r#"{"request": {"principal": "arn:aws:iam::111111111111:role/r", "action": "s3:GetObject", "resource": "*"}, "scps": [[1]]}"#,
            "scps[0][0]",
        ),
        (
            r#"{"request": {"principal": "arn:aws:iam::111111111111:role/r", "action": "s3:GetObject", "resource": "*"}, "identityPolicy": []}"#,
            "identityPolicy",
        ),
        (
            r#"{"request": {"principal": "arn:aws:iam::111111111111:role/r", "action": "s3:GetObject", "resource": "*", "resourceAccount": "12"}}"#,
            "request.resourceAccount",
        ),
        (r#"{"identityPolicies": []}"#, "request"),
    ] {
        let out = run(&["simulate", "-"], input);
        assert_eq!(out.status.code(), Some(2), "{input}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("{field}:")), "{input}: {err}");
        assert!(out.stdout.is_empty());
    }
    let out = run(&["simulate", "-"], "{not json");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 1"));
}

#[test]
fn human_format_shows_decision_and_source() {
    let out = run(&["simulate", "--format", "human", "-"], KMS_XACCT);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("decision: ImplicitlyDenied"), "{text}");
    assert!(text.contains("missing:"), "{text}");
    assert!(
        text.contains("identityPolicies[0] statement 0 Allow Sid \"Enc\" — matched"),
        "{text}"
    );
    assert!(
        text.contains("cross-account") || text.contains("same account: no"),
        "{text}"
    );
}

#[test]
fn policies_may_be_json_strings_as_aws_apis_pass_them() {
    let req = r#"{"request": {"principal": "s3.amazonaws.com", "action": "sts:AssumeRole",
        "resource": "arn:aws:iam::111111111111:role/service-role/replication"},
      "resourcePolicy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"s3.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"}"#;
    let out = run(&["simulate", "-"], req);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["decision"], "Allowed");
    let bad = req.replace(r#"\"Action\":\"sts:AssumeRole\"}"#, r#"\"Action\":}"#);
    let out = run(&["simulate", "-"], &bad);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("resourcePolicy") && err.contains("not valid JSON"),
        "{err}"
    );
}
