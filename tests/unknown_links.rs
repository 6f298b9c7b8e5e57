//! Issue 9, "unknown stays unknown" (regressions found by `tests/unknown_monotonic.rs`): a fixture made
//! less known in one value may lose a link between two resources (a role's ARN, a key id, a bucket's
//! settings); what then cannot be decided is `UNPROVEN` or nothing, never a new error or warning.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

mod common;

use common::check_json;
use serde_json::Value;
use std::collections::BTreeSet;

/// The report of a fixture folder copied with `replace` → `with` (once) in `file`.
fn variant(fixture: &str, file: &str, replace: &str, with: &str) -> Value {
    let from = common::root().join(fixture);
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(&from).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let mut text = std::fs::read_to_string(&path).unwrap();
        if name == file {
            assert!(
                text.contains(replace),
                "{fixture}/{file} changed: {replace}"
            );
            text = text.replacen(replace, with, 1);
        }
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    check_json(dir.path().to_str().unwrap()).1
}

/// (rule, severity) of every error and warning.
fn loud(report: &Value) -> BTreeSet<(String, String)> {
    report["findings"]
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

fn unproven(report: &Value) -> Vec<&str> {
    common::messages(report, "UNPROVEN")
}

/// Errors and warnings of the variant, other than `UNPROVEN`, that the original does not have.
fn new_loud(fixture: &str, variant: &Value) -> BTreeSet<(String, String)> {
    let before = loud(&check_json(fixture).1);
    loud(variant)
        .into_iter()
        .filter(|k| k.0 != "UNPROVEN" && !before.contains(k))
        .collect()
}

/// The replication role's `Path` from a dynamic reference: its ARN is partly unknown, so a bucket policy
/// that admits it by `aws:PrincipalArn` may or may not match — `UNPROVEN`, not DSTPOL-MISSING.
#[test]
fn a_role_path_from_a_dynamic_reference_is_not_a_missing_bucket_policy() {
    let fixture = "fixtures/rules/ROLE-DELETED-RECREATED/pass";
    let r = variant(
        fixture,
        "source.yaml",
        "Path: /service-role/",
        "Path: '{{resolve:ssm:/trustlint/x}}'",
    );
    assert_eq!(new_loud(fixture, &r), BTreeSet::new(), "{r:#}");
    assert!(
        unproven(&r).iter().any(|m| m.contains("aws:PrincipalArn")),
        "{r:#}"
    );
}

/// The source template unbound from its account: the literal configured role ARN may or may not be
/// the template's role of the same name (another path), so which defect the site has (REPL-ROLE-PATH,
/// or a bucket policy naming another role) cannot be decided.
#[test]
fn an_unbound_role_of_the_configured_name_is_unproven() {
    for fixture in [
        "fixtures/replication/a-plain/role-path",
        "fixtures/rules/REPL-ROLE-PATH/fail",
    ] {
        let r = variant(fixture, "source.json", "\"account\": \"111111111111\",", "");
        assert_eq!(new_loud(fixture, &r), BTreeSet::new(), "{fixture}: {r:#}");
        assert!(
            unproven(&r).iter().any(|m| m.contains("ReplicationRole")),
            "{fixture}: {r:#}"
        );
    }
}

/// A statement whose action is not known statically is a near-miss only maybe: ROLE-RESOURCE-FORM
/// keeps pointing at the statement that surely grants on the wrong resource form (so it still supersedes
/// that statement's POL-RESOURCE-MISMATCH), and a fixture whose defect is another one keeps it.
#[test]
fn an_unknown_action_does_not_move_a_refinement() {
    let with = "\"{{resolve:ssm:/trustlint/x}}\",\n                    \"s3:ListBucket\"";
    let from = "\"s3:GetReplicationConfiguration\",\n                    \"s3:ListBucket\"";
    for fixture in [
        "fixtures/rules/ROLE-RESOURCE-FORM/fail",
        "fixtures/rules/ROLE-GETOBJECTVERSION/fail",
    ] {
        let r = variant(fixture, "source.json", from, with);
        assert_eq!(new_loud(fixture, &r), BTreeSet::new(), "{fixture}: {r:#}");
    }
}

/// ROLE-GETOBJECTVERSION with the resource of its `s3:GetObjectVersion` grant unknown: whether the role
/// grants that action at all depends on it, so the finding is `UNPROVEN`, not a missing action.
#[test]
fn an_unknown_resource_of_the_alternative_grant_is_unproven() {
    let fixture = "fixtures/rules/ROLE-GETOBJECTVERSION/fail";
    let r = variant(
        fixture,
        "source.json",
        "\"Fn::Sub\": \"${SourceBucket.Arn}/*\"",
        "\"Fn::ImportValue\": \"objects-arn\"",
    );
    assert_eq!(new_loud(fixture, &r), BTreeSet::new(), "{r:#}");
    assert!(
        unproven(&r)
            .iter()
            .any(|m| m.contains("s3:GetObjectVersion")),
        "{r:#}"
    );
}

/// The destination bucket's name from an import: the destination is outside the templates, so whether
/// S3 Bucket Keys are on there (encryption context = bucket ARN) or off (object ARN) is unknown; a key
/// policy condition that admits one form is `UNPROVEN`, not ROLE-KMS-ENCCTX.
#[test]
fn an_external_destination_may_send_either_encryption_context() {
    let fixture = "fixtures/rules/KMS-THROTTLE/pass";
    let r = variant(
        fixture,
        "destination.json",
        "\"BucketName\": \"tutorial-c-destination-222222222222\"",
        "\"BucketName\": {\"Fn::ImportValue\": \"not-exported-anywhere\"}",
    );
    assert_eq!(new_loud(fixture, &r), BTreeSet::new(), "{r:#}");
    assert!(
        unproven(&r).iter().any(|m| m.contains("S3 Bucket Keys")),
        "{r:#}"
    );
}

/// The replica key ARN an undecidable choice between two literal key ARNs: in one alternative it is the
/// destination's key, whose id the identity policy names; the key's id is that choice, not a stand-in
/// that no literal matches — so no KMS-DST-IAM-XACCT.
#[test]
fn a_choice_of_replica_key_arns_keeps_the_key_id_unknown() {
    let fixture = "fixtures/scenarios/replication-cross-region";
    let from = common::root().join(fixture);
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("cdk.out")).unwrap();
    std::fs::copy(
        from.join("trustlint.toml"),
        dir.path().join("trustlint.toml"),
    )
    .unwrap();
    for f in [
        "cdk.out/SourceStack.template.json",
        "cdk.out/DestinationStack.template.json",
    ] {
        let text = std::fs::read_to_string(from.join(f)).unwrap();
        let mut t: Value = serde_json::from_str(&text).unwrap();
        if f.contains("Source") {
            let key = &mut t["Resources"]["SourceBucketDDD2130A"]["Properties"]
                ["ReplicationConfiguration"]["Rules"][0]["Destination"]["EncryptionConfiguration"]
                ["ReplicaKmsKeyID"];
            let original = key.as_str().unwrap().to_string();
            let other = original.replace("222222222222", "999999999999");
            *key = serde_json::json!({"Fn::If": ["Choice", original, other]});
            t["Parameters"]["Pick"] = serde_json::json!({"Type": "String"});
            t["Conditions"]["Choice"] = serde_json::json!({"Fn::Equals": [{"Ref": "Pick"}, "a"]});
        }
        std::fs::write(dir.path().join(f), t.to_string()).unwrap();
    }
    let (_, before) = check_json(fixture);
    let (_, after) = check_json(dir.path().to_str().unwrap());
    let before = loud(&before);
    let added: BTreeSet<_> = loud(&after)
        .into_iter()
        .filter(|k| k.0 != "UNPROVEN" && !before.contains(k))
        .collect();
    assert_eq!(added, BTreeSet::new(), "{after:#}");
}

/// A policy whose `Roles` entry is an import: it may be attached to the replication role, so the role's
/// missing grants are `UNPROVEN` (naming the policy), not ROLE-MISSING-ACTION.
#[test]
fn a_policy_with_unknown_roles_may_be_attached() {
    let fixture = "fixtures/scenarios/replication-delete-markers";
    let r = variant(
        fixture,
        "source.yaml",
        "        - !Ref ReplicationRole",
        "        - !ImportValue not-exported-anywhere",
    );
    assert_eq!(new_loud(fixture, &r), BTreeSet::new(), "{r:#}");
    assert!(
        unproven(&r).iter().any(|m| m.contains("ReplicationPolicy")),
        "{r:#}"
    );
}

/// The destination's default KMS key from a parameter: it may be the replica key, whose requirement
/// already covers it, so no second KMS-DST-IAM-XACCT for the same missing grant.
#[test]
fn an_unknown_default_key_may_be_the_replica_key() {
    let fixture = "fixtures/rules/KMS-DST-IAM-XACCT/fail";
    let r = variant(
        fixture,
        "destination.json",
        "\"KMSMasterKeyID\": {\n                  \"Fn::GetAtt\": [\n                    \"DestinationKey\",\n                    \"Arn\"\n                  ]\n                }",
        "\"KMSMasterKeyID\": {\"Fn::ImportValue\": \"default-key\"}",
    );
    let count = |report: &Value| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "KMS-DST-IAM-XACCT")
            .count()
    };
    let (_, before) = check_json(fixture);
    assert_eq!(count(&r), count(&before), "{r:#}");
    assert_eq!(new_loud(fixture, &r), BTreeSet::new(), "{r:#}");
}

/// A whole policy document not known statically may grant or deny anything: a trust policy from an
/// import is no ROLE-TRUST-BATCH, a role policy from an import no KMS-SOURCE-KEYS-COVERED.
#[test]
fn a_policy_document_not_known_statically_is_no_missing_grant() {
    let fixture = "fixtures/rules/ROLE-TRUST-BATCH/pass";
    let r = variant(
        fixture,
        "source.yaml",
        "      AssumeRolePolicyDocument:\n",
        "      AssumeRolePolicyDocument: !ImportValue trust-doc\n      TrustlintUnused:\n",
    );
    let rules: BTreeSet<String> = loud(&r).into_iter().map(|k| k.0).collect();
    assert!(!rules.contains("ROLE-TRUST-BATCH"), "{r:#}");

    let fixture = "fixtures/rules/KMS-SOURCE-KEYS-COVERED/pass";
    let r = variant(
        fixture,
        "source.json",
        "\"PolicyName\": \"s3crr_for_tutorial-c\",\n            \"PolicyDocument\": {",
        "\"PolicyName\": \"s3crr_for_tutorial-c\",\n            \"PolicyDocument\": {\"Fn::ImportValue\": \"role-doc\"},\n            \"TrustlintUnused\": {",
    );
    let rules: BTreeSet<String> = loud(&r).into_iter().map(|k| k.0).collect();
    assert!(!rules.contains("KMS-SOURCE-KEYS-COVERED"), "{r:#}");
}

/// A KMS statement whose `Resource` is an import may or may not cover the replica key: its failing
/// `kms:ViaService` condition is a near-miss only maybe, so no XREG-VIASERVICE.
#[test]
fn a_statement_that_may_not_cover_the_key_is_no_condition_finding() {
    let fixture = "fixtures/rules/BKT-OPTIN-REGION/fail";
    let r = variant(
        fixture,
        "source.json",
        "\"Resource\": \"arn:aws:kms:eu-west-1:222222222222:key/8f2c6a51-3d4e-4b7a-9c1d-2e5f6a7b8c9d\"",
        "\"Resource\": {\"Fn::ImportValue\": \"key-arn\"}",
    );
    assert_eq!(new_loud(fixture, &r), BTreeSet::new(), "{r:#}");
}
