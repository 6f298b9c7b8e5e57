//! Issue 9, "Unknown stays unknown": one fixture per case of the issue under `fixtures/unknowns/`
//! (CloudFormation cases from `fixtures/unknowns/gen_fixtures.py`, Terraform cases from real
//! `terraform plan` output, see `fixtures/unknowns/README.md`). Each test states the findings that are
//! correct by AWS semantics: no error or warning except `UNPROVEN`, and the `UNPROVEN` names the value
//! trustlint cannot know.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

mod common;

use common::{check_json, findings, loud_rules as loud, messages};
use serde_json::Value;
use std::collections::BTreeSet;

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

/// Errors and warnings are exactly `UNPROVEN`, and one `UNPROVEN` names `unknown`.
fn assert_only_unproven_naming(dir: &str, unknown: &str) {
    let (_, report) = check_json(dir);
    assert_eq!(loud(&report), set(&["UNPROVEN"]), "{dir}: {report:#}");
    let unproven = messages(&report, "UNPROVEN");
    assert!(
        unproven.iter().any(|m| m.contains(unknown)),
        "{dir}: no UNPROVEN names `{unknown}`: {unproven:#?}"
    );
}

#[test]
fn dynamic_reference_in_a_principal_is_unproven() {
    assert_only_unproven_naming(
        "fixtures/unknowns/dynref-principal",
        "/replication/source-role-arn",
    );
}

#[test]
fn dynamic_reference_in_a_resource_is_unproven() {
    assert_only_unproven_naming(
        "fixtures/unknowns/dynref-resource",
        "/replication/destination-bucket",
    );
}

#[test]
fn dynamic_reference_in_a_destination_is_unproven() {
    assert_only_unproven_naming(
        "fixtures/unknowns/dynref-destination",
        "/replication/destination-bucket",
    );
}

#[test]
fn custom_resource_output_is_unproven_not_another_resource() {
    // `${DestinationLookup.BucketArn}` is whatever the lookup returns (it may be the destination), not an
    // identity unique to the custom resource: no ROLE-MISSING-ACTION.
    assert_only_unproven_naming(
        "fixtures/unknowns/custom-resource-destination",
        "BucketArn returned by DestinationLookup (Custom::DestinationLookup)",
    );
}

/// (rule, severity, file name, resource) of every finding: what must not depend on the order of the
/// alternatives of a choice.
fn shape(report: &Value) -> BTreeSet<(String, String, String, String)> {
    findings(report)
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["file"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string(),
                f["resource"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn undecidable_choice_gives_the_same_findings_in_both_orders() {
    let (_, ab) = check_json("fixtures/unknowns/if-destination-ab");
    let (_, ba) = check_json("fixtures/unknowns/if-destination-ba");
    assert_eq!(shape(&ab), shape(&ba), "{ab:#}\n{ba:#}");
    for r in [&ab, &ba] {
        assert!(!loud(r).contains("BKT-VERSIONING-DEST"), "{r:#}");
    }
}

#[test]
fn undecidable_choice_is_unproven_naming_the_condition() {
    // Replication to the archive bucket (not versioned) fails, to the primary one it works: the finding
    // holds for one alternative only.
    for dir in [
        "fixtures/unknowns/if-destination-ab",
        "fixtures/unknowns/if-destination-ba",
    ] {
        assert_only_unproven_naming(dir, "UsePrimaryDestination");
    }
}

#[test]
fn unbound_cdk_app_with_an_imported_role_is_not_cross_account() {
    // Both stacks are unbound: their accounts are unknown, neither equal nor different. The grants that
    // one account needs exist; whether the bucket policy that another account would need is needed
    // cannot be known.
    let dir = "fixtures/unknowns/unbound-cdk-import";
    let (_, report) = check_json(dir);
    let l = loud(&report);
    for wrong in [
        "ROLE-MISSING-ACTION",
        "SRCPOL-DENY",
        "SRCPOL-MISSING",
        "DSTPOL-MISSING",
    ] {
        assert!(!l.contains(wrong), "{dir}: {wrong}: {report:#}");
    }
    assert_only_unproven_naming(dir, "RoleStack");
}

#[test]
fn same_named_stacks_in_two_accounts_keep_their_own_resources() {
    // `Ref KmsKey` in the source stack is the source's key, whose policy lets the account (and so the
    // role) decrypt; the destination's `KmsKey` is another key in another account.
    let dir = "fixtures/unknowns/same-name-stacks";
    let (_, report) = check_json(dir);
    assert_eq!(loud(&report), BTreeSet::new(), "{dir}: {report:#}");
    // Both stacks were read, bound to their accounts and linked by the replication rule.
    let xreg = messages(&report, "XREG-SAME-REGION");
    assert!(
        xreg.iter()
            .any(|m| m.contains("tutorial-c-destination-222222222222")
                && m.contains("another account")),
        "{report:#}"
    );
}

#[test]
fn accelerator_and_alb_lookup_in_different_stacks_is_not_an_error() {
    let dir = "fixtures/unknowns/ga-cross-stack-lookup";
    let (_, report) = check_json(dir);
    let l = loud(&report);
    assert!(!l.contains("GASG-DANGLING"), "{dir}: {report:#}");
    assert!(
        l.iter().all(|r| r == "UNPROVEN"),
        "{dir}: only UNPROVEN may be loud: {report:#}"
    );
}

#[test]
fn terraform_unknown_rule_blocks_are_unproven() {
    let dir = "fixtures/unknowns/tf-unknown-rules";
    assert_only_unproven_naming(dir, "aws_s3_bucket_replication_configuration.this");
    let (_, report) = check_json(dir);
    assert!(!loud(&report).contains("REPL-RULES-COUNT"));
}

#[test]
fn terraform_unknown_endpoint_arns_are_not_duplicates() {
    let dir = "fixtures/unknowns/tf-unknown-endpoints";
    let (_, report) = check_json(dir);
    let l = loud(&report);
    assert!(!l.contains("GA-EP-DUP"), "{report:#}");
    assert!(!l.contains("GA-EG-HC-PATH-PROTO"), "{report:#}");
    // Whether two unknown endpoints are distinct is not a requirement of its own: nothing is loud.
    assert!(l.iter().all(|r| r == "UNPROVEN"), "{report:#}");
}

#[test]
fn terraform_unknown_role_policy_is_unproven() {
    let dir = "fixtures/unknowns/tf-unknown-role-policy";
    let (_, report) = check_json(dir);
    assert!(!loud(&report).contains("ROLE-TRUST-BATCH"), "{report:#}");
    assert_only_unproven_naming(dir, "aws_iam_role_policy.replication");
}

/// What holds today and must keep holding: the unknown role policy already yields the `UNPROVEN` that
/// names it.
#[test]
fn terraform_unknown_role_policy_names_the_policy() {
    let (_, report) = check_json("fixtures/unknowns/tf-unknown-role-policy");
    let unproven = messages(&report, "UNPROVEN");
    assert!(
        unproven
            .iter()
            .any(|m| m.contains("aws_iam_role_policy.replication")),
        "{unproven:#?}"
    );
}

/// A `Deny` whose effect is an undecidable `Fn::If` may block replication: not ignored (no finding at
/// all) and not an error, but `UNPROVEN` naming the condition.
#[test]
fn an_effect_that_may_be_deny_is_unproven_naming_the_condition() {
    assert_only_unproven_naming(
        "fixtures/unknowns/if-effect-deny",
        "condition ReplicasFrozen",
    );
}

/// The role's only grant on the destination objects has its effect from a parameter without default: it
/// may be the grant, so no "missing grant" error, but `UNPROVEN` naming the parameter.
#[test]
fn an_effect_from_a_parameter_is_not_a_missing_grant() {
    assert_only_unproven_naming(
        "fixtures/unknowns/param-effect-role",
        "parameter ReplicationEffect",
    );
}

/// A bucket-policy grant that exists only under an undecidable condition (`AWS::NoValue` otherwise):
/// replication works with it and not without, whichever alternative is written first.
#[test]
fn a_statement_that_may_be_absent_is_unproven_in_both_orders() {
    let (_, ab) = check_json("fixtures/unknowns/if-statement-ab");
    let (_, ba) = check_json("fixtures/unknowns/if-statement-ba");
    assert_eq!(shape(&ab), shape(&ba), "{ab:#}\n{ba:#}");
    for dir in [
        "fixtures/unknowns/if-statement-ab",
        "fixtures/unknowns/if-statement-ba",
    ] {
        assert_only_unproven_naming(dir, "condition AcceptReplicas");
    }
}

/// A choice between two whole objects (versioning enabled or suspended on the destination): the
/// findings do not depend on which is written first, and neither order is a versioning error.
#[test]
fn a_choice_between_objects_gives_the_same_findings_in_both_orders() {
    let (_, ab) = check_json("fixtures/unknowns/if-object-ab");
    let (_, ba) = check_json("fixtures/unknowns/if-object-ba");
    assert_eq!(shape(&ab), shape(&ba), "{ab:#}\n{ba:#}");
    for r in [&ab, &ba] {
        let loud = loud(r);
        assert!(loud.iter().all(|id| id == "UNPROVEN"), "{r:#}");
    }
}

/// The pass fixture of REPL-SSEKMS-SOURCE-NO-OPTIN with its `SseKmsEncryptedObjects` made less known:
/// the status from an import, or the whole `SourceSelectionCriteria` from one.
fn sse_kms_opt_in_variant(replace: &str, with: &str) -> BTreeSet<String> {
    let from = common::root().join("fixtures/rules/REPL-SSEKMS-SOURCE-NO-OPTIN/pass");
    let dir = tempfile::tempdir().unwrap();
    for f in ["source.json", "destination.json"] {
        let text = std::fs::read_to_string(from.join(f)).unwrap();
        let text = if f == "source.json" {
            assert!(text.contains(replace), "fixture changed: {replace}");
            text.replacen(replace, with, 1)
        } else {
            text
        };
        std::fs::write(dir.path().join(f), text).unwrap();
    }
    let (_, report) = check_json(dir.path().to_str().unwrap());
    loud(&report)
}

#[test]
fn an_unknown_sse_kms_opt_in_is_not_a_skipped_replication() {
    let known = sse_kms_opt_in_variant("\"Status\": \"Enabled\"", "\"Status\": \"Enabled\"");
    let status = sse_kms_opt_in_variant(
        "\"Status\": \"Enabled\"",
        "\"Status\": {\"Fn::ImportValue\": \"sse-kms-status\"}",
    );
    assert!(
        !status.contains("REPL-SSEKMS-SOURCE-NO-OPTIN"),
        "{status:?}"
    );
    assert!(!status.contains("REPL-KEY-NEEDS-SSEKMS"), "{status:?}");
    assert!(
        status.is_subset(&known) || status.iter().all(|r| r == "UNPROVEN"),
        "{known:?} → {status:?}"
    );
    let block = sse_kms_opt_in_variant(
        "{\n                  \"Status\": \"Enabled\"\n                }",
        "{\"Fn::ImportValue\": \"sse-kms-block\"}",
    );
    assert!(!block.contains("REPL-SSEKMS-SOURCE-NO-OPTIN"), "{block:?}");
    assert!(!block.contains("REPL-KEY-NEEDS-SSEKMS"), "{block:?}");
}

/// ROLE-BOUNDARY's fail fixture with the destination bucket policy's `Bucket` unknown: the policy may
/// or may not name the role exactly, but across accounts that cannot grant past the role's permissions
/// boundary, so the finding stays the boundary (not a missing grant the role actually has).
#[test]
fn unknown_policy_bucket_keeps_the_boundary_finding() {
    let from = common::root().join("fixtures/rules/ROLE-BOUNDARY/fail");
    let dir = tempfile::tempdir().unwrap();
    for f in ["source.json", "destination.json"] {
        let text = std::fs::read_to_string(from.join(f)).unwrap();
        let text = if f == "destination.json" {
            let from_ref = "\"Bucket\": {\n          \"Ref\": \"DestinationBucket\"\n        }";
            assert!(text.contains(from_ref), "fixture changed");
            text.replacen(
                from_ref,
                "\"Bucket\": {\"Fn::ImportValue\": \"bucket-name\"}",
                1,
            )
        } else {
            text
        };
        std::fs::write(dir.path().join(f), text).unwrap();
    }
    let (_, report) = check_json(dir.path().to_str().unwrap());
    let found = loud(&report);
    assert!(found.contains("ROLE-BOUNDARY"), "{found:?}");
    assert!(!found.contains("ROLE-MISSING-ACTION"), "{found:?}");
}

/// A role policy with a statement not known statically (a `Ref` in the `Statement` array) may grant
/// what ROLE-MISSING-ACTION's fail fixture lacks: the requirement is unproven, naming the parameter,
/// and the unknown statement is not silently dropped.
#[test]
fn unknown_statement_in_a_role_policy_is_unproven_not_a_missing_grant() {
    let from = common::root().join("fixtures/rules/ROLE-MISSING-ACTION/fail");
    let dir = tempfile::tempdir().unwrap();
    for f in ["source.json", "destination.json"] {
        let text = std::fs::read_to_string(from.join(f)).unwrap();
        let text = if f == "source.json" {
            let mut t: Value = serde_json::from_str(&text).unwrap();
            t["Parameters"] = serde_json::json!({"ExtraStatement": {"Type": "String"}});
            let resources = t["Resources"].as_object_mut().unwrap();
            let role = resources
                .values_mut()
                .find(|r| r["Type"] == "AWS::IAM::Role")
                .unwrap();
            role["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
                .as_array_mut()
                .unwrap()
                .push(serde_json::json!({"Ref": "ExtraStatement"}));
            serde_json::to_string_pretty(&t).unwrap()
        } else {
            text
        };
        std::fs::write(dir.path().join(f), text).unwrap();
    }
    let (_, report) = check_json(dir.path().to_str().unwrap());
    let found = loud(&report);
    assert!(!found.contains("ROLE-MISSING-ACTION"), "{found:?}");
    let unproven = messages(&report, "UNPROVEN");
    assert!(
        unproven
            .iter()
            .any(|m| m.contains("cannot prove") && m.contains("ExtraStatement")),
        "{unproven:?}"
    );
    assert!(
        unproven
            .iter()
            .any(|m| m.starts_with("statements not known statically")),
        "{unproven:?}"
    );
}

/// A copy of a fixture folder with one property of one resource replaced by a `Ref` to a new parameter
/// without default: the value is not known statically.
fn with_unknown_property(fixture: &str, file: &str, resource: &str, property: &str) -> Value {
    let from = common::root().join(fixture);
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(&from).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let mut text = std::fs::read_to_string(&path).unwrap();
        if name == file {
            let mut t: Value = serde_json::from_str(&text).unwrap();
            let props = &mut t["Resources"][resource]["Properties"];
            assert!(
                !props[property].is_null(),
                "{fixture}/{file}: {resource}.{property}"
            );
            props[property] = serde_json::json!({"Ref": "TrustlintUnknown"});
            t["Parameters"]["TrustlintUnknown"] = serde_json::json!({"Type": "String"});
            text = serde_json::to_string_pretty(&t).unwrap();
        }
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    check_json(dir.path().to_str().unwrap()).1
}

/// An unknown health-check protocol may be HTTP: the path may be used.
#[test]
fn an_unknown_health_check_protocol_is_not_tcp() {
    let r = with_unknown_property(
        "fixtures/rules/GA-EG-HC-PATH-PROTO/pass",
        "accelerator.json",
        "EndpointGroup",
        "HealthCheckProtocol",
    );
    assert!(!loud(&r).contains("GA-EG-HC-PATH-PROTO"), "{:?}", loud(&r));
}

/// A listener whose load balancer is not known statically may be the load balancer the accelerator
/// sends to: its port is not proven missing.
#[test]
fn a_listener_of_an_unknown_load_balancer_may_cover_the_port() {
    let r = with_unknown_property(
        "fixtures/rules/GA-EP-COLLISION/pass",
        "app-us-east-1.json",
        "HttpListener",
        "LoadBalancerArn",
    );
    assert!(!loud(&r).contains("GA-EP-ALB-LISTENER"), "{:?}", loud(&r));
    assert!(
        messages(&r, "UNPROVEN")
            .iter()
            .any(|m| m.contains("port or load balancer is not known statically")),
        "{:?}",
        messages(&r, "UNPROVEN")
    );
}

/// DSTPOL-MISSING's pass fixture with the whole `Principal` of its destination bucket policy's first
/// statement from a parameter: the element is unknown, not malformed (no POL-STATEMENT-SHAPE, no
/// POL-PRINCIPAL-PLACEMENT "has no Principal"), and what it may grant is unproven.
#[test]
fn unknown_whole_principal_is_not_a_policy_error() {
    let from = common::root().join("fixtures/rules/DSTPOL-MISSING/pass");
    let dir = tempfile::tempdir().unwrap();
    for f in ["source.json", "destination.json"] {
        let text = std::fs::read_to_string(from.join(f)).unwrap();
        let text = if f == "destination.json" {
            let mut t: Value = serde_json::from_str(&text).unwrap();
            t["Parameters"] = serde_json::json!({"ReplicationPrincipal": {"Type": "String"}});
            let policy = t["Resources"]
                .as_object_mut()
                .unwrap()
                .values_mut()
                .find(|r| r["Type"] == "AWS::S3::BucketPolicy")
                .unwrap();
            let statement = &mut policy["Properties"]["PolicyDocument"]["Statement"][0];
            assert!(statement["Principal"].is_object(), "fixture changed");
            statement["Principal"] = serde_json::json!({"Ref": "ReplicationPrincipal"});
            serde_json::to_string_pretty(&t).unwrap()
        } else {
            text
        };
        std::fs::write(dir.path().join(f), text).unwrap();
    }
    let (_, report) = check_json(dir.path().to_str().unwrap());
    let found = loud(&report);
    assert!(found.is_subset(&set(&["UNPROVEN"])), "{report:#}");
    let unproven = messages(&report, "UNPROVEN");
    assert!(
        unproven.iter().any(|m| m.contains("ReplicationPrincipal")),
        "{unproven:#?}"
    );
}
