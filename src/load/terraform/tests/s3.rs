//! S3 buckets and bucket policies become the model's typed fields straight from Terraform's attribute
//! names (the bucket, its satellites, or their provider-v3 inline blocks), with spans on the plan's
//! values; what is known only after apply stays unknown.

use super::{change, conf, load_plan, plan, res, stacks, REGION};
use crate::config::Config;
use crate::model::input::{Body, Typed};
use crate::model::symbolic::has_symbol;
use crate::model::Model;
use crate::source::Span;

fn at(text: &str, s: Span) -> &str {
    &text[s.start as usize..s.end as usize]
}

#[test]
fn s3_bucket_and_policy_are_typed_from_terraform_attributes() {
    let policy = r#"{\"Statement\":[{\"Action\":\"s3:GetObject\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},\"Resource\":\"arn:aws:s3:::src-bucket/*\"}],\"Version\":\"2012-10-17\"}"#;
    let text = plan(
        &[
            res("aws_s3_bucket", "b", r#"{"bucket": "src-bucket"}"#),
            res("aws_s3_bucket_versioning", "b", r#"{"bucket": "src-bucket", "versioning_configuration": [{"status": "Enabled"}]}"#),
            res(
                "aws_s3_bucket_server_side_encryption_configuration",
                "b",
                r#"{"bucket": "src-bucket", "rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms",
                    "kms_master_key_id": "arn:aws:kms:eu-west-1:111111111111:key/k"}], "bucket_key_enabled": true}]}"#,
            ),
            res("aws_s3_bucket_ownership_controls", "b", r#"{"bucket": "src-bucket", "rule": [{"object_ownership": "BucketOwnerEnforced"}]}"#),
            res("aws_s3_bucket_object_lock_configuration", "b", r#"{"bucket": "src-bucket", "object_lock_enabled": "Enabled"}"#),
            res(
                "aws_s3_bucket_replication_configuration",
                "b",
                r#"{"bucket": "src-bucket", "role": "arn:aws:iam::111111111111:role/repl", "rule": [{"id": "all", "priority": 3, "status": "Enabled",
                    "filter": [{"and": [{"prefix": "logs/", "tags": {"team": "a"}}]}],
                    "destination": [{"bucket": "arn:aws:s3:::dst-bucket", "account": "222222222222", "storage_class": "STANDARD_IA",
                        "access_control_translation": [{"owner": "Destination"}],
                        "encryption_configuration": [{"replica_kms_key_id": "arn:aws:kms:eu-west-1:222222222222:key/r"}],
                        "metrics": [{"status": "Enabled", "event_threshold": [{"minutes": 15}]}],
                        "replication_time": [{"status": "Enabled", "time": [{"minutes": 15}]}]}],
                    "delete_marker_replication": [{"status": "Enabled"}],
                    "source_selection_criteria": [{"sse_kms_encrypted_objects": [{"status": "Enabled"}], "replica_modifications": [{"status": "Disabled"}]}]}]}"#,
            ),
            res("aws_s3_bucket_policy", "b", &format!(r#"{{"bucket": "src-bucket", "policy": "{policy}"}}"#)),
        ]
        .join(","),
        "",
        "",
        REGION,
    );
    let l = load_plan(&text, "plan.json", &Config::default());
    let ts = stacks(&l);
    let typed: Vec<(&str, bool, bool)> = ts[0]
        .resources
        .iter()
        .map(|r| {
            (
                r.type_name.as_str(),
                !matches!(r.body, Body::Properties(_)),
                matches!(
                    r.body,
                    Body::Typed(Typed::Bucket(_) | Typed::BucketPolicy(_))
                ),
            )
        })
        .collect();
    assert_eq!(
        typed,
        vec![
            ("AWS::S3::Bucket", true, true),
            ("AWS::S3::BucketPolicy", true, true)
        ],
        "satellites fold into the bucket; no CloudFormation-shaped properties"
    );
    let m = Model::build(&ts);
    let b = &m.buckets[0];
    assert_eq!(b.name, "src-bucket");
    let v = b.versioning.as_ref().unwrap();
    assert_eq!(
        (v.value.as_str(), at(&text, v.span)),
        ("Enabled", "\"Enabled\"")
    );
    let lock = b.object_lock.as_ref().unwrap();
    assert!(lock.value);
    assert_eq!(at(&text, lock.span), "\"Enabled\"");
    assert_eq!(b.ownership.as_ref().unwrap().value, "BucketOwnerEnforced");
    let enc = &b.encryption[0];
    assert_eq!(enc.sse_algorithm.as_ref().unwrap().value, "aws:kms");
    assert_eq!(
        b.default_kms_key().unwrap().value,
        "arn:aws:kms:eu-west-1:111111111111:key/k"
    );
    assert_eq!(enc.bucket_key_enabled.as_ref().map(|e| e.value), Some(true));
    let rep = b.replication.as_ref().unwrap();
    assert_eq!(
        rep.role.as_ref().unwrap().value,
        "arn:aws:iam::111111111111:role/repl"
    );
    assert!(rep.rules_unknown.is_none());
    let rule = &rep.rules[0];
    assert_eq!(rule.label(), "all");
    assert!(rule.enabled() && rule.is_v2() && rule.priority_written);
    assert_eq!(rule.priority.as_ref().map(|p| p.value), Some(3));
    let and = rule.filter.as_ref().unwrap().and.as_ref().unwrap();
    assert_eq!(and.prefix.as_ref().unwrap().value, "logs/");
    let tag = &and.tags[0];
    assert_eq!(
        (
            tag.key.as_ref().unwrap().value.as_str(),
            tag.value.as_ref().unwrap().value.as_str()
        ),
        ("team", "a")
    );
    let d = rule.destination.as_ref().unwrap();
    assert_eq!(d.bucket.as_ref().unwrap().value, "arn:aws:s3:::dst-bucket");
    assert_eq!(d.account.as_ref().unwrap().value, "222222222222");
    assert_eq!(d.storage_class.as_ref().unwrap().value, "STANDARD_IA");
    assert_eq!(
        d.access_control_owner.as_ref().unwrap().value,
        "Destination"
    );
    assert_eq!(
        d.replica_kms_key_id.as_ref().unwrap().value,
        "arn:aws:kms:eu-west-1:222222222222:key/r"
    );
    assert_eq!(d.metrics_status.as_ref().unwrap().value, "Enabled");
    let minutes = d.metrics_event_threshold_minutes.as_ref().unwrap();
    assert_eq!((minutes.value, at(&text, minutes.span)), (15, "15"));
    assert_eq!(d.replication_time_status.as_ref().unwrap().value, "Enabled");
    assert_eq!(
        d.replication_time_minutes.as_ref().map(|m| m.value),
        Some(15)
    );
    let status = |s: &Option<crate::source::Spanned<String>>| s.as_ref().unwrap().value.clone();
    assert_eq!(status(&rule.delete_marker_replication), "Enabled");
    assert_eq!(status(&rule.sse_kms_encrypted_objects), "Enabled");
    assert_eq!(status(&rule.replica_modifications), "Disabled");
    assert!(rule.source_selection_span.is_some());
    assert!(rule.existing_object_replication.is_none());
    let bp = &m.bucket_policies[0];
    assert_eq!(bp.bucket.as_ref().unwrap().value, "src-bucket");
    assert_eq!(bp.target, Some(0), "the policy links to its bucket");
    assert!(m.bucket_policy(0).is_some());
}

/// A block or policy known only after apply is unknown as a whole: a symbol, never absent or empty.
#[test]
fn s3_unknown_blocks_stay_unknown() {
    let text = plan(
        &[
            res("aws_s3_bucket", "b", r#"{"bucket": "src-bucket"}"#),
            res("aws_s3_bucket_versioning", "b", r#"{"bucket": "src-bucket"}"#),
            res(
                "aws_s3_bucket_replication_configuration",
                "b",
                r#"{"bucket": "src-bucket", "role": "arn:aws:iam::111111111111:role/repl"}"#,
            ),
            res("aws_s3_bucket", "c", r#"{"bucket": "other-bucket"}"#),
            res(
                "aws_s3_bucket_replication_configuration",
                "c",
                r#"{"bucket": "other-bucket", "rule": [{"status": "Enabled", "filter": [{"prefix": ""}],
                    "destination": [{"bucket": "arn:aws:s3:::dst-bucket"}]}]}"#,
            ),
            res("aws_s3_bucket_policy", "b", r#"{"bucket": "src-bucket"}"#),
        ]
        .join(","),
        &[
            change(
                "aws_s3_bucket_versioning.b",
                r#"{"versioning_configuration": true}"#,
            ),
            change(
                "aws_s3_bucket_replication_configuration.b",
                r#"{"rule": true}"#,
            ),
            change(
                "aws_s3_bucket_replication_configuration.c",
                r#"{"rule": [{"delete_marker_replication": true, "destination": [{"metrics": true}]}]}"#,
            ),
            change("aws_s3_bucket_policy.b", r#"{"policy": true}"#),
        ]
        .join(","),
        &conf("aws_s3_bucket_policy", "b", "aws", r#"{"policy": {}}"#),
        REGION,
    );
    let l = load_plan(&text, "plan.json", &Config::default());
    let m = Model::build(&stacks(&l));
    let b = m.buckets.iter().find(|b| b.name == "src-bucket").unwrap();
    assert!(has_symbol(&b.versioning.as_ref().unwrap().value));
    let rep = b.replication.as_ref().unwrap();
    assert!(rep.rules.is_empty());
    assert!(has_symbol(&rep.rules_unknown.as_ref().unwrap().value));
    let c = m.buckets.iter().find(|b| b.name == "other-bucket").unwrap();
    let rule = &c.replication.as_ref().unwrap().rules[0];
    assert!(has_symbol(
        &rule.delete_marker_replication.as_ref().unwrap().value
    ));
    let d = rule.destination.as_ref().unwrap();
    assert!(has_symbol(&d.metrics_status.as_ref().unwrap().value));
    assert!(d.metrics_span.is_some());
    let doc = m
        .bucket_policy(0)
        .expect("a stand-in, not an absent policy");
    assert!(!doc.policy.statements.is_empty());
}

/// Provider v3 inline blocks on `aws_s3_bucket` (`versioning`, `replication_configuration.rules`).
#[test]
fn s3_provider_v3_inline_blocks_are_typed() {
    let text = plan(
        &res(
            "aws_s3_bucket",
            "b",
            r#"{"bucket": "src-bucket", "object_lock_enabled": true, "versioning": [{"enabled": true}],
                "server_side_encryption_configuration": [{"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "AES256"}]}]}],
                "replication_configuration": [{"role": "arn:aws:iam::111111111111:role/repl", "rules": [{"id": "r", "status": "Enabled",
                    "filter": [{"prefix": "p/", "tags": {"k": "v"}}], "delete_marker_replication_status": "Enabled",
                    "destination": [{"bucket": "arn:aws:s3:::dst-bucket", "account_id": "222222222222", "replica_kms_key_id": "arn:aws:kms:eu-west-1:222222222222:key/r"}],
                    "source_selection_criteria": [{"sse_kms_encrypted_objects": [{"enabled": false}]}]}]}]}"#,
        ),
        "",
        "",
        REGION,
    );
    let l = load_plan(&text, "plan.json", &Config::default());
    let m = Model::build(&stacks(&l));
    let b = &m.buckets[0];
    let v = b.versioning.as_ref().unwrap();
    assert_eq!((v.value.as_str(), at(&text, v.span)), ("Enabled", "true"));
    assert_eq!(b.object_lock.as_ref().map(|o| o.value), Some(true));
    assert_eq!(
        b.encryption[0].sse_algorithm.as_ref().unwrap().value,
        "AES256"
    );
    let rule = &b.replication.as_ref().unwrap().rules[0];
    // Tags make the filter the V2 `And` shape.
    let and = rule.filter.as_ref().unwrap().and.as_ref().unwrap();
    assert_eq!(and.prefix.as_ref().unwrap().value, "p/");
    assert_eq!(and.tags.len(), 1);
    assert_eq!(
        rule.delete_marker_replication.as_ref().unwrap().value,
        "Enabled"
    );
    let d = rule.destination.as_ref().unwrap();
    assert_eq!(d.account.as_ref().unwrap().value, "222222222222");
    assert!(d.replica_kms_key_id.is_some());
    assert_eq!(
        rule.sse_kms_encrypted_objects.as_ref().unwrap().value,
        "Disabled"
    );
}
