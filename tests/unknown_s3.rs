//! Issue 9, S3 bucket settings: a bucket's S3 Bucket Keys, object lock, default encryption and
//! versioning written as values trustlint cannot know stay unknown — never "off" or "absent". Each test
//! copies a fixture, makes one setting unknown (a parameter without a default in CloudFormation, a value
//! known after apply in a Terraform plan) and checks that no error or warning other than `UNPROVEN`
//! appears, and that the finding that depended on the setting is gone or is an `UNPROVEN` naming it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

mod common;

use common::{check_json, root};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::Path;

/// Rule ids of the errors and warnings of a report.
fn loud(report: &Value) -> BTreeSet<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] != "info")
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

fn rules(report: &Value) -> BTreeSet<String> {
    common::rule_ids(report).into_iter().collect()
}

fn messages<'a>(report: &'a Value, rule: &str) -> Vec<&'a str> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| f["message"].as_str().unwrap())
        .collect()
}

/// A copy of fixture folder `dir` with JSON file `file` changed by `edit`.
fn variant(dir: &str, file: &str, edit: impl FnOnce(&mut Value)) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(root().join(dir)).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
    }
    let path = tmp.path().join(file);
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    edit(&mut v);
    std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    tmp
}

fn check(dir: &Path) -> Value {
    check_json(dir.to_str().unwrap()).1
}

/// A CloudFormation parameter without a default, and a `Ref` to it.
fn param(t: &mut Value, name: &str) -> Value {
    t["Parameters"][name] = json!({ "Type": "String" });
    json!({ "Ref": name })
}

/// The errors and warnings of the variant are the baseline's, plus `UNPROVEN` at most.
fn assert_no_new_loud(base: &Value, var: &Value) {
    let new: BTreeSet<String> = loud(var)
        .difference(&loud(base))
        .filter(|r| *r != "UNPROVEN")
        .cloned()
        .collect();
    assert!(new.is_empty(), "new errors or warnings {new:?}: {var:#}");
}

fn bucket_key_unknown(file: &str, bucket: &str) {
    let dir = "fixtures/rules/KMS-THROTTLE/pass";
    let base = check_json(dir).1;
    let tmp = variant(dir, file, |t| {
        let r = param(t, "BucketKeys");
        t["Resources"][bucket]["Properties"]["BucketEncryption"]
            ["ServerSideEncryptionConfiguration"][0]["BucketKeyEnabled"] = r;
    });
    let var = check(tmp.path());
    assert_no_new_loud(&base, &var);
    assert!(!rules(&var).contains("ROLE-KMS-ENCCTX"), "{var:#}");
    assert!(!rules(&var).contains("KMS-THROTTLE"), "{var:#}");
    assert!(
        messages(&var, "UNPROVEN")
            .iter()
            .any(|m| m.contains("S3 Bucket Keys")),
        "no UNPROVEN names the Bucket Keys setting: {var:#}"
    );
}

#[test]
fn source_bucket_keys_not_known_are_both_encryption_context_forms() {
    bucket_key_unknown("source.json", "SourceBucket");
}

#[test]
fn destination_bucket_keys_not_known_are_both_encryption_context_forms() {
    bucket_key_unknown("destination.json", "DestinationBucket");
}

/// `fixtures/rules/BKT-OBJLOCK/fail` with its destination bucket's `ObjectLockEnabled` written as a
/// parameter: it may be on, so whether replication fails is `UNPROVEN`.
#[test]
fn destination_object_lock_not_known_is_no_bkt_objlock() {
    let dir = "fixtures/rules/BKT-OBJLOCK/fail";
    let base = check_json(dir).1;
    assert!(rules(&base).contains("BKT-OBJLOCK"));
    let tmp = tempfile::tempdir().unwrap();
    for f in ["source.yaml", "destination.yaml"] {
        let text = std::fs::read_to_string(root().join(dir).join(f)).unwrap();
        let text = if f == "destination.yaml" {
            text.replace(
                "Resources:\n",
                "Parameters:\n  Lock:\n    Type: String\nResources:\n",
            )
            .replace(
                "      BucketName: tutorial-xc-destination-222222222222\n",
                "      BucketName: tutorial-xc-destination-222222222222\n      ObjectLockEnabled:\n        Ref: Lock\n",
            )
        } else {
            text
        };
        std::fs::write(tmp.path().join(f), text).unwrap();
    }
    let var = check(tmp.path());
    assert_no_new_loud(&base, &var);
    assert!(!rules(&var).contains("BKT-OBJLOCK"), "{var:#}");
    assert!(
        messages(&var, "UNPROVEN")
            .iter()
            .any(|m| m.contains("Object Lock of bucket tutorial-xc-destination-222222222222")),
        "no UNPROVEN names the destination's object lock: {var:#}"
    );
}

/// `fixtures/rules/BKT-DEST-DEFAULT-ENC/fail` with the source's default encryption written as a
/// parameter: the source objects may be SSE-KMS.
#[test]
fn source_default_encryption_not_known_is_no_bkt_dest_default_enc() {
    let dir = "fixtures/rules/BKT-DEST-DEFAULT-ENC/fail";
    let base = check_json(dir).1;
    assert!(rules(&base).contains("BKT-DEST-DEFAULT-ENC"));
    let tmp = tempfile::tempdir().unwrap();
    for f in ["source.yaml", "destination.yaml"] {
        let text = std::fs::read_to_string(root().join(dir).join(f)).unwrap();
        let text = if f == "source.yaml" {
            // The source bucket is the first resource with properties.
            text.replace(
                "Resources:\n",
                "Parameters:\n  Enc:\n    Type: String\nResources:\n",
            )
            .replacen(
                "    Properties:\n",
                "    Properties:\n      BucketEncryption:\n        Ref: Enc\n",
                1,
            )
        } else {
            text
        };
        std::fs::write(tmp.path().join(f), text).unwrap();
    }
    let var = check(tmp.path());
    assert_no_new_loud(&base, &var);
    assert!(!rules(&var).contains("BKT-DEST-DEFAULT-ENC"), "{var:#}");
}

/// `fixtures/terraform/replication/correct` with the destination's versioning status block known only
/// after apply (the list's element): versioning is unknown, never "not enabled".
#[test]
fn terraform_versioning_block_known_after_apply_is_no_bkt_versioning() {
    let dir = "fixtures/terraform/replication/correct";
    let base = check_json(dir).1;
    let tmp = variant(dir, "destination.plan.json", |p| {
        for c in p["resource_changes"].as_array_mut().unwrap() {
            if c["address"] == "aws_s3_bucket_versioning.destination" {
                c["change"]["after"]["versioning_configuration"] = json!([null]);
                c["change"]["after_unknown"]["versioning_configuration"] = json!([true]);
            }
        }
        fn strip(node: &mut Value) {
            for r in node["resources"].as_array_mut().into_iter().flatten() {
                if r["address"] == "aws_s3_bucket_versioning.destination" {
                    r["values"]["versioning_configuration"] = json!([null]);
                }
            }
            for c in node["child_modules"].as_array_mut().into_iter().flatten() {
                strip(c);
            }
        }
        strip(&mut p["planned_values"]["root_module"]);
    });
    let var = check(tmp.path());
    assert_no_new_loud(&base, &var);
    assert!(!rules(&var).contains("BKT-VERSIONING-DEST"), "{var:#}");
}

/// A Terraform plan value of `aws_s3_bucket_replication_configuration.source` at `path` (a JSON pointer
/// into `after`) moved into `after_unknown`, as `tests/unknown_monotonic.rs` does.
fn replication_unknown(dir: &str, path: &[&str]) -> tempfile::TempDir {
    let address = "aws_s3_bucket_replication_configuration.source";
    variant(dir, "source.plan.json", |p| {
        fn set(v: &mut Value, path: &[&str], to: Value) {
            let (last, parent) = path.split_last().unwrap();
            let mut cur = v;
            for k in parent {
                cur = match k.parse::<usize>() {
                    Ok(i) => &mut cur[i],
                    Err(_) => &mut cur[*k],
                };
            }
            match last.parse::<usize>() {
                Ok(i) => cur[i] = to,
                Err(_) => {
                    cur.as_object_mut().unwrap().remove(*last);
                    if to != Value::Null {
                        cur[*last] = to;
                    }
                }
            }
        }
        for c in p["resource_changes"].as_array_mut().unwrap() {
            if c["address"] == address {
                set(&mut c["change"]["after"], path, Value::Null);
                let mut u = c["change"]["after_unknown"].clone();
                // Shape `after_unknown` like `after` down to the path.
                let mut cur = &mut u;
                let (last, parent) = path.split_last().unwrap();
                for k in parent {
                    cur = match k.parse::<usize>() {
                        Ok(i) => {
                            if !cur.is_array() {
                                *cur = json!([]);
                            }
                            let a = cur.as_array_mut().unwrap();
                            while a.len() <= i {
                                a.push(json!({}));
                            }
                            &mut a[i]
                        }
                        Err(_) => {
                            if !cur.is_object() {
                                *cur = json!({});
                            }
                            cur.as_object_mut()
                                .unwrap()
                                .entry(k.to_string())
                                .or_insert(json!({}))
                        }
                    };
                }
                match last.parse::<usize>() {
                    Ok(i) => {
                        if !cur.is_array() {
                            *cur = json!([]);
                        }
                        let a = cur.as_array_mut().unwrap();
                        while a.len() <= i {
                            a.push(json!(false));
                        }
                        a[i] = json!(true);
                    }
                    Err(_) => cur[*last] = json!(true),
                }
                c["change"]["after_unknown"] = u;
            }
        }
        fn strip(node: &mut Value, address: &str, path: &[&str]) {
            for r in node["resources"].as_array_mut().into_iter().flatten() {
                if r["address"] == address {
                    set(&mut r["values"], path, Value::Null);
                }
            }
            for c in node["child_modules"].as_array_mut().into_iter().flatten() {
                strip(c, address, path);
            }
        }
        strip(&mut p["planned_values"]["root_module"], address, path);
    })
}

/// A replication rule known only after apply: the rules are unknown, none of them "has no Status".
#[test]
fn terraform_replication_rule_known_after_apply_has_no_missing_status() {
    let dir = "fixtures/terraform/replication/correct";
    let base = check_json(dir).1;
    let tmp = replication_unknown(dir, &["rule", "0"]);
    let var = check(tmp.path());
    assert_no_new_loud(&base, &var);
}

/// An `existing_object_replication` block known only after apply may be absent.
#[test]
fn terraform_existing_object_replication_known_after_apply_is_no_finding() {
    let dir = "fixtures/terraform/replication/correct";
    let base = check_json(dir).1;
    let tmp = replication_unknown(dir, &["rule", "0", "existing_object_replication"]);
    let var = check(tmp.path());
    assert_no_new_loud(&base, &var);
    assert!(!rules(&var).contains("REPL-EXISTING-OBJECTS"), "{var:#}");
}
