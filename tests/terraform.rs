//! Terraform plan JSON (`terraform show -json plan.out`): the real binary over `fixtures/terraform/`.
//! Policies inside the plan are linted with positions inside the escaped policy strings, and the plan's
//! resources feed the same replication and network rules as CloudFormation.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

mod common;

use common::check_json;

/// `(rule, file name, line, column, resource)` of every finding.
fn findings(report: &serde_json::Value) -> Vec<(String, String, u64, u64, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap();
            (
                f["rule"].as_str().unwrap().to_string(),
                file.rsplit('/').next().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["resource"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn rules(report: &serde_json::Value) -> Vec<String> {
    findings(report).into_iter().map(|f| f.0).collect()
}

#[test]
fn correct_cross_account_replication_is_clean() {
    let (_, report) = check_json("fixtures/terraform/replication/correct");
    // Informational notes (same-Region replication, an empty filter, …) may appear; nothing more.
    let summary = &report["summary"];
    assert_eq!(
        (&summary["errors"], &summary["warnings"]),
        (&0.into(), &0.into()),
        "{report:#}"
    );
    assert_eq!(summary["files"], 2);
}

#[test]
fn destination_policy_without_the_role_is_dstpol_missing() {
    let (code, report) =
        check_json("fixtures/terraform/replication/destination-policy-missing-role");
    assert_eq!(code, 1);
    let f = findings(&report);
    let missing: Vec<_> = f.iter().filter(|f| f.0 == "DSTPOL-MISSING").collect();
    assert_eq!(missing.len(), 1, "{report:#}");
    // The destination `bucket` of the replication rule, in the source plan's `planned_values`.
    assert_eq!(
        missing[0],
        &(
            "DSTPOL-MISSING".to_string(),
            "source.plan.json".to_string(),
            133,
            31,
            "aws_s3_bucket.source".to_string()
        )
    );
    let related = &report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["rule"] == "DSTPOL-MISSING")
        .unwrap()["related"];
    assert!(
        related.as_array().unwrap().iter().any(|r| r["file"]
            .as_str()
            .unwrap()
            .ends_with("destination.plan.json")),
        "points at the destination bucket policy: {related:#}"
    );
    assert!(!rules(&report).contains(&"UNPROVEN".to_string()));
}

#[test]
fn unknown_action_points_inside_the_escaped_policy_string() {
    let dir = "fixtures/terraform/policy-unknown-action";
    let (code, report) = check_json(dir);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&report),
        vec![(
            "POL-UNKNOWN-ACTION".to_string(),
            "plan.json".to_string(),
            46,
            415,
            "aws_iam_policy.this (module.replication_role)".to_string()
        )]
    );
    // The span is the action's JSON string as written in the plan: `\"s3:ReplicateObjects\"`.
    let text = std::fs::read_to_string(common::root().join(dir).join("plan.json")).unwrap();
    let span = &report["findings"][0]["span"];
    let (offset, length) = (
        span["offset"].as_u64().unwrap() as usize,
        span["length"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[offset..offset + length], r#"\"s3:ReplicateObjects\""#);
    insta::assert_json_snapshot!("policy-unknown-action", report);
}

#[test]
fn world_open_ssh_in_a_one_line_plan() {
    let (code, report) = check_json("fixtures/terraform/sg-world-ingress");
    // SG-WORLD-INGRESS is a warning: `--fail-on info` fails.
    assert_eq!(code, 1);
    assert_eq!(
        findings(&report),
        vec![(
            "SG-WORLD-INGRESS".to_string(),
            "plan.json".to_string(),
            1,
            1053,
            "aws_security_group.bastion".to_string()
        )]
    );
}
