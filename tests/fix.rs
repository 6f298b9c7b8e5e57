//! `trustlint check --fix` and SARIF `fixes`: the same repairs. On the tutorial's cross-account
//! SSE-KMS templates (the destination key policy does not admit the source's replication role) plus a
//! policy with a mistyped action: SARIF carries the edits, `--fix` applies exactly those edits to the
//! JSON files (the YAML template is left alone), the fixed files check clean for those rules, and a
//! second `--fix` changes nothing.
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

const XACCT: &str = "KMS-DST-KEYPOLICY-XACCT";
const UNKNOWN: &str = "POL-UNKNOWN-ACTION";
const POLICY: &str = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": [\"s3:GetObject\", \"s3:ReplicateObjects\", \"s3:GetObjectAc\"],\n      \"Resource\": \"arn:aws:s3:::b/*\"\n    }\n  ]\n}\n";
const YAML: &str = "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: \"2012-10-17\"\n        Statement:\n          - Effect: Allow\n            Principal: {Service: lambda.amazonaws.com}\n            Action: sts:AssumeRole\n      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            Version: \"2012-10-17\"\n            Statement:\n              - Effect: Allow\n                Action: s3:ReplicateObjects\n                Resource: \"*\"\n";

fn run(dir: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_trustlint"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run trustlint")
}

fn findings(dir: &Path) -> Vec<(String, String)> {
    let out = run(
        dir,
        &["check", "--format", "json", "--fail-on", "info", "."],
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap().trim_start_matches("./");
            (f["rule"].as_str().unwrap().to_string(), file.to_string())
        })
        .collect()
}

/// Apply a SARIF fix's replacements (by byte offset) to `text`.
fn apply_sarif(text: &str, replacements: &[Value]) -> String {
    let mut r: Vec<(usize, usize, &str)> = replacements
        .iter()
        .map(|x| {
            let d = &x["deletedRegion"];
            let at = d["byteOffset"].as_u64().unwrap() as usize;
            let len = d["byteLength"].as_u64().unwrap() as usize;
            (at, len, x["insertedContent"]["text"].as_str().unwrap())
        })
        .collect();
    r.sort();
    let mut out = text.to_string();
    for (at, len, ins) in r.into_iter().rev() {
        out.replace_range(at..at + len, ins);
    }
    out
}

#[test]
fn sarif_fixes_and_check_fix_apply_the_same_safe_edits_once() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path();
    let ex = common::root().join("examples/replication-sse-kms");
    for f in ["source.json", "destination.json"] {
        std::fs::copy(ex.join(f), ws.join(f)).unwrap();
    }
    std::fs::write(ws.join("policy.json"), POLICY).unwrap();
    std::fs::write(ws.join("role.yaml"), YAML).unwrap();
    let before = findings(ws);
    let count = |fs: &[(String, String)], rule: &str, file: &str| {
        fs.iter().filter(|(r, f)| r == rule && f == file).count()
    };
    assert_eq!(count(&before, XACCT, "source.json"), 1, "{before:?}");
    assert_eq!(count(&before, UNKNOWN, "policy.json"), 2, "{before:?}");
    assert_eq!(count(&before, UNKNOWN, "role.yaml"), 1, "{before:?}");

    // SARIF: the cross-account finding of source.json carries an insertion into destination.json;
    // the typo has a replacement; the ambiguous `s3:GetObjectAc` has none.
    let out = run(ws, &["check", "--format", "sarif", "."]);
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let x = results.iter().find(|r| r["ruleId"] == XACCT).unwrap();
    let change = &x["fixes"][0]["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "destination.json", "{x}");
    let rep = change["replacements"].as_array().unwrap();
    assert_eq!(rep[0]["deletedRegion"]["byteLength"], 0, "an insertion");
    let dest = std::fs::read_to_string(ws.join("destination.json")).unwrap();
    let sarif_fixed_dest = apply_sarif(&dest, rep);
    let typos: Vec<&Value> = results.iter().filter(|r| r["ruleId"] == UNKNOWN).collect();
    let with_fix: Vec<&&Value> = typos.iter().filter(|r| r.get("fixes").is_some()).collect();
    assert_eq!(typos.len(), 3);
    assert_eq!(
        with_fix.len(),
        2,
        "the JSON and the YAML typo, not the ambiguous one"
    );
    let json_fix = with_fix
        .iter()
        .find(|r| r["fixes"][0]["artifactChanges"][0]["artifactLocation"]["uri"] == "policy.json")
        .unwrap();
    let rep = json_fix["fixes"][0]["artifactChanges"][0]["replacements"]
        .as_array()
        .unwrap();
    assert_eq!(rep[0]["insertedContent"]["text"], "\"s3:ReplicateObject\"");
    let sarif_fixed_policy = apply_sarif(POLICY, rep);

    // --fix: the same edits, on JSON files only; it reports what remains.
    let out = run(ws, &["check", "--fix", "--format", "json", "."]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("applied 2 fix(es) to 2 file(s)"),
        "{stderr}"
    );
    let fixed_dest = std::fs::read_to_string(ws.join("destination.json")).unwrap();
    let fixed_policy = std::fs::read_to_string(ws.join("policy.json")).unwrap();
    assert_eq!(fixed_dest, sarif_fixed_dest);
    assert_eq!(fixed_policy, sarif_fixed_policy);
    assert!(fixed_policy.contains("\"s3:ReplicateObject\", \"s3:GetObjectAc\""));
    assert_eq!(std::fs::read_to_string(ws.join("role.yaml")).unwrap(), YAML);
    let v: Value = serde_json::from_str(&fixed_dest).unwrap();
    let st = &v["Resources"]["DestinationKey"]["Properties"]["KeyPolicy"]["Statement"];
    assert_eq!(
        st[1]["Principal"]["AWS"],
        "arn:aws:iam::111111111111:role/service-role/s3crr_role_for_tutorial-c"
    );
    let reported: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!reported.to_string().contains(XACCT), "{reported}");

    // The fixed files check clean for those rules (the ambiguous typo and the YAML one remain).
    let after = findings(ws);
    assert_eq!(count(&after, XACCT, "source.json"), 0, "{after:?}");
    assert_eq!(count(&after, UNKNOWN, "policy.json"), 1, "{after:?}");
    assert_eq!(count(&after, UNKNOWN, "role.yaml"), 1, "{after:?}");

    // Idempotent: a second --fix changes nothing and says nothing about fixes.
    let out = run(ws, &["check", "--fix", "."]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("applied"));
    assert_eq!(
        std::fs::read_to_string(ws.join("destination.json")).unwrap(),
        fixed_dest
    );
    assert_eq!(
        std::fs::read_to_string(ws.join("policy.json")).unwrap(),
        fixed_policy
    );

    // Standard input cannot be fixed: a usage error (exit 2), nothing written.
    let out = run(ws, &["check", "--fix", "-"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}
