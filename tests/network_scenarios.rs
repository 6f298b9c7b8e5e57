//! Global Accelerator → ALB scenarios (fixtures/network/): the workshop's final state, in CloudFormation
//! JSON and as CDK synth output, is clean (no error, no warning); each broken variant yields exactly its
//! rule id among errors and warnings. A few human reports are insta snapshots.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

mod common;

fn run(args: &[&str]) -> (i32, String) {
    let out = common::trustlint()
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("run trustlint");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// (rule, severity) of every finding at warning or above.
fn serious(dir: &str, extra: &[&str]) -> Vec<(String, String)> {
    let mut args = vec!["check", "--format", "json", "--fail-on", "info"];
    args.extend_from_slice(extra);
    args.push(dir);
    let (_, out) = run(&args);
    let v: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{dir}: {e}: {out}"));
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] != "info")
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn rules_of(found: &[(String, String)]) -> Vec<&str> {
    let mut v: Vec<&str> = found.iter().map(|(r, _)| r.as_str()).collect();
    v.dedup();
    v
}

#[test]
fn correct_configurations_are_clean() {
    for dir in [
        "fixtures/network/workshop-clean",
        "fixtures/network/cdk-clean",
        "fixtures/scenarios/global-accelerator",
    ] {
        assert_eq!(serious(dir, &[]), Vec::<(String, String)>::new(), "{dir}");
    }
}

#[test]
fn each_defect_yields_exactly_its_rule() {
    let cases = [
        ("open-to-internet", "GASG-BYPASS-OPEN", "error"),
        ("blocks-accelerator", "GASG-ADMIT", "error"),
        ("region-mismatch", "GA-EG-REGION-MISMATCH", "error"),
        ("internal-without-cip", "GA-EP-CIP-INTERNAL", "error"),
        ("cip-off", "GASG-CIP-OFF", "warning"),
        ("cdk-dangling", "GASG-DANGLING", "error"),
        ("cdk-wrong-vpc", "GASG-WRONG-VPC", "error"),
        ("self-made", "GASG-SELF-MADE", "warning"),
        ("no-igw", "GA-EP-IGW", "error"),
        ("no-listener", "GA-EP-ALB-LISTENER", "warning"),
    ];
    for (dir, rule, sev) in cases {
        let found = serious(&format!("fixtures/network/{dir}"), &[]);
        assert_eq!(rules_of(&found), vec![rule], "{dir}: {found:?}");
        assert!(found.iter().all(|(_, s)| s == sev), "{dir}: {found:?}");
    }
    let found = serious("fixtures/scenarios/global-accelerator-open", &[]);
    assert_eq!(rules_of(&found), vec!["GASG-BYPASS-OPEN"], "{found:?}");
    assert_eq!(found.len(), 2, "0.0.0.0/0 and ::/0: {found:?}");
}

#[test]
fn unknown_source_is_unproven_until_configured() {
    let dir = "fixtures/network/unknown-source";
    let (_, out) = run(&["check", "--format", "json", "--fail-on", "info", dir]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let unproven: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "UNPROVEN")
        .collect();
    assert_eq!(unproven.len(), 1, "{out}");
    assert_eq!(unproven[0]["severity"], "info");
    assert!(unproven[0]["message"]
        .as_str()
        .unwrap()
        .contains("sg-0123456789abcdef0"));
    assert!(serious(dir, &[]).is_empty());
    // Named as the accelerator group of its VPC in trustlint.toml: proven, clean.
    let cfg = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        cfg.path(),
        "[global_accelerator]\nsecurity_groups = { \"vpc-0eu0000000000000a\" = \"sg-0123456789abcdef0\" }\n",
    )
    .unwrap();
    let cfg_path = cfg.path().to_string_lossy().into_owned();
    let (_, out) = run(&[
        "check",
        "--format",
        "json",
        "--fail-on",
        "info",
        "--config",
        &cfg_path,
        dir,
    ]);
    assert!(!out.contains("\"UNPROVEN\""), "{out}");
    assert!(serious(dir, &["--config", &cfg_path]).is_empty());
}

#[test]
fn human_reports() {
    for dir in [
        "open-to-internet",
        "blocks-accelerator",
        "region-mismatch",
        "cdk-dangling",
    ] {
        let (code, out) = run(&[
            "check",
            "--format",
            "human",
            &format!("fixtures/network/{dir}"),
        ]);
        assert_eq!(code, 1, "{dir}");
        insta::with_settings!({ snapshot_path => "snapshots/network", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(format!("network-{dir}"), out);
        });
    }
}
