//! S3: `aws_s3_bucket` with its satellites (versioning, encryption, ownership, object lock,
//! replication — or their provider-v3 inline blocks) → `AWS::S3::Bucket`, and `aws_s3_bucket_policy` →
//! `AWS::S3::BucketPolicy`.

use super::context::Tr;
use super::cursor::Cur;
use super::node::{arr, bool_word, objects, s, single, Obj};
use super::satellites::{use_inline, Folded};
use crate::load::terraform::plan::PlanResource;
use crate::model::DocKind;
use crate::source::{Node, Value};

pub(super) fn bucket(t: &mut Tr, i: usize, folded: &Folded) -> Node {
    let (r, c, mut p) = t.open(i);
    p.put("BucketName", t.text(r, c, "bucket"));
    let parts: Vec<usize> = folded.bucket.get(&i).cloned().unwrap_or_default();
    let part = |ty: &str| parts.iter().copied().find(|j| t.res(*j).type_name == ty);
    // Object lock.
    let lock = match part("aws_s3_bucket_object_lock_configuration") {
        Some(j) => {
            let lr = t.res(j);
            match lr.value("object_lock_enabled") {
                Some(n) => Some(Node {
                    span: n.span,
                    value: Value::Bool(n.as_str() == Some("Enabled")),
                }),
                None => Some(Node {
                    span: lr.address_span,
                    value: Value::Bool(true),
                }),
            }
        }
        None => t
            .leaf(r, c, "object_lock_enabled")
            .filter(|n| matches!(n.value, Value::Bool(true))),
    };
    p.put("ObjectLockEnabled", lock);
    // Versioning.
    let versioning = match part("aws_s3_bucket_versioning") {
        Some(j) => {
            let vr = t.res(j);
            let block = Cur::root(vr).get("versioning_configuration");
            if block.is_unknown() {
                // The whole block is known only after apply: so is its status, never "not enabled".
                Some(s(
                    t.own_symbol(vr, "versioning_configuration", block.anchor),
                    block.anchor,
                ))
            } else {
                Cur::root(vr)
                    .block("versioning_configuration")
                    .and_then(|b| t.text(vr, b, "status"))
            }
        }
        None if use_inline(r, "versioning", false) => c.block("versioning").and_then(|b| {
            let n = b.values?.get("enabled")?;
            Some(bool_word(n, "Enabled", "Suspended"))
        }),
        None => None,
    };
    if let Some(v) = versioning {
        p.put(
            "VersioningConfiguration",
            Some(single(v.span, "Status", Some(v))),
        );
    }
    // Default encryption.
    let (enc_res, enc) = match part("aws_s3_bucket_server_side_encryption_configuration") {
        Some(j) => (t.res(j), Some(Cur::root(t.res(j)))),
        None => (r, c.block("server_side_encryption_configuration")),
    };
    if let Some(enc) = enc {
        let rules = objects(enc, "rule", |o, rule| {
            if let Some(d) = rule.block("apply_server_side_encryption_by_default") {
                let mut by = Obj::new(d.anchor);
                by.put("SSEAlgorithm", t.text(enc_res, d, "sse_algorithm"));
                by.put("KMSMasterKeyID", t.text(enc_res, d, "kms_master_key_id"));
                o.put("ServerSideEncryptionByDefault", by.some());
            }
            o.put(
                "BucketKeyEnabled",
                t.leaf(enc_res, rule, "bucket_key_enabled"),
            );
        });
        if let Some(span) = rules.first().map(|r| r.span) {
            let mut be = Obj::new(span);
            be.list("ServerSideEncryptionConfiguration", rules, span);
            p.put("BucketEncryption", be.some());
        }
    }
    // Ownership.
    if let Some(j) = part("aws_s3_bucket_ownership_controls") {
        let or = t.res(j);
        if let Some(own) = Cur::root(or)
            .block("rule")
            .and_then(|b| t.text(or, b, "object_ownership"))
        {
            let rule = single(own.span, "ObjectOwnership", Some(own.clone()));
            let mut o = Obj::new(own.span);
            o.list("Rules", vec![rule], own.span);
            p.put("OwnershipControls", o.some());
        }
    }
    // Replication.
    let replication = match part("aws_s3_bucket_replication_configuration") {
        Some(j) => replication(t, j),
        None if use_inline(r, "replication_configuration", false) => legacy_replication(t, i),
        None => None,
    };
    p.put("ReplicationConfiguration", replication);
    p.node()
}

/// `aws_s3_bucket_policy` → `AWS::S3::BucketPolicy`.
pub(super) fn bucket_policy(t: &mut Tr, i: usize) -> Node {
    let (r, c, mut p) = t.open(i);
    p.put("Bucket", t.text(r, c, "bucket"));
    let doc = t.policy(r, c, "policy", DocKind::Resource);
    p.put("PolicyDocument", doc);
    p.node()
}

/// `{Status}` from block `key`'s `status`.
/// A nested block known only after apply (the whole list, or its item): one symbol for the block, so
/// its status is unknown, never "absent".
fn unknown_block(t: &Tr, r: &PlanResource, c: Cur, key: &str) -> Option<Node> {
    let whole = c.get(key);
    let at = if whole.is_unknown() {
        whole.anchor
    } else {
        c.block(key).filter(Cur::is_unknown)?.anchor
    };
    Some(s(t.own_symbol(r, key, at), at))
}

fn status_block(t: &Tr, r: &PlanResource, c: Cur, key: &str) -> Option<Node> {
    if let Some(u) = unknown_block(t, r, c, key) {
        return Some(u);
    }
    let b = c.block(key)?;
    let st = t.text(r, b, "status")?;
    Some(single(b.anchor, "Status", Some(st)))
}

/// `{Status, <inner>: {Minutes}}` from block `key` (`metrics`/`event_threshold`,
/// `replication_time`/`time`).
fn timed_status(
    t: &Tr,
    r: &PlanResource,
    d: Cur,
    key: &str,
    inner_key: &str,
    inner: &str,
) -> Option<Node> {
    if let Some(u) = unknown_block(t, r, d, key) {
        return Some(u);
    }
    let m = d.block(key)?;
    let mut mo = Obj::new(m.anchor);
    mo.put("Status", t.text(r, m, "status"));
    if let Some(x) = m.block(inner_key) {
        mo.put(
            inner,
            Some(single(x.anchor, "Minutes", t.leaf(r, x, "minutes"))),
        );
    }
    Some(mo.node())
}

/// The members every replication rule starts with, in both provider styles.
fn rule_head(t: &Tr, r: &PlanResource, rule: Cur, o: &mut Obj) {
    o.put("Id", t.text(r, rule, "id"));
    o.put("Priority", t.leaf(r, rule, "priority"));
    o.put("Status", t.text(r, rule, "status"));
    o.put("Prefix", t.text(r, rule, "prefix"));
}

/// A replication destination's bucket, account (`account_key`), storage class and owner override.
fn destination_head(t: &Tr, r: &PlanResource, d: Cur, account_key: &str) -> Obj {
    let mut dst = Obj::new(d.anchor);
    dst.put("Bucket", t.text(r, d, "bucket"));
    dst.put("Account", t.text(r, d, account_key));
    dst.put("StorageClass", t.text(r, d, "storage_class"));
    if let Some(a) = d.block("access_control_translation") {
        dst.put(
            "AccessControlTranslation",
            Some(single(a.anchor, "Owner", t.text(r, a, "owner"))),
        );
    }
    dst
}

/// `aws_s3_bucket_replication_configuration`.
fn replication(t: &Tr, j: usize) -> Option<Node> {
    let (r, c, mut p) = t.open(j);
    p.put("Role", t.text(r, c, "role"));
    let rules = objects(c, "rule", |o, rule| {
        rule_head(t, r, rule, o);
        if let Some(f) = rule.block("filter") {
            let mut fo = Obj::new(f.anchor);
            fo.put("Prefix", t.leaf(r, f, "prefix"));
            if let Some(tag) = f.block("tag") {
                fo.put("TagFilter", Some(tag_node(t, r, tag)));
            }
            if let Some(and) = f.block("and") {
                let mut ao = Obj::new(and.anchor);
                ao.put("Prefix", t.leaf(r, and, "prefix"));
                ao.list("TagFilters", tag_map(and.get("tags").values), and.anchor);
                fo.put("And", Some(ao.node()));
            }
            o.put("Filter", Some(fo.node()));
        }
        if let Some(d) = rule.block("destination") {
            let mut dst = destination_head(t, r, d, "account");
            if let Some(e) = d.block("encryption_configuration") {
                dst.put(
                    "EncryptionConfiguration",
                    Some(single(
                        e.anchor,
                        "ReplicaKmsKeyID",
                        t.text(r, e, "replica_kms_key_id"),
                    )),
                );
            }
            dst.put(
                "Metrics",
                timed_status(t, r, d, "metrics", "event_threshold", "EventThreshold"),
            );
            dst.put(
                "ReplicationTime",
                timed_status(t, r, d, "replication_time", "time", "Time"),
            );
            o.put("Destination", Some(dst.node()));
        }
        o.put(
            "DeleteMarkerReplication",
            status_block(t, r, rule, "delete_marker_replication"),
        );
        if let Some(ssc) = rule.block("source_selection_criteria") {
            let mut so = Obj::new(ssc.anchor);
            so.put(
                "SseKmsEncryptedObjects",
                status_block(t, r, ssc, "sse_kms_encrypted_objects"),
            );
            so.put(
                "ReplicaModifications",
                status_block(t, r, ssc, "replica_modifications"),
            );
            o.put("SourceSelectionCriteria", Some(so.node()));
        }
        o.put(
            "ExistingObjectReplication",
            status_block(t, r, rule, "existing_object_replication"),
        );
    });
    let rc = c.get("rule");
    if rc.is_unknown() {
        // Rules from a `dynamic` block over a value known after apply: unknown as a whole, never empty.
        p.put(
            "Rules",
            Some(s(t.own_symbol(r, "rule", rc.anchor), rc.anchor)),
        );
    } else {
        p.put("Rules", Some(arr(rules, rc.anchor)));
    }
    Some(p.node())
}

/// `aws_s3_bucket.replication_configuration` (provider v3 style, deprecated).
fn legacy_replication(t: &Tr, i: usize) -> Option<Node> {
    let r = t.res(i);
    let rc = Cur::root(r).block("replication_configuration")?;
    let mut p = Obj::new(rc.anchor);
    p.put("Role", t.text(r, rc, "role"));
    let rules = objects(rc, "rules", |o, rule| {
        rule_head(t, r, rule, o);
        if let Some(f) = rule.block("filter") {
            let mut fo = Obj::new(f.anchor);
            let tags = tag_map(f.get("tags").values);
            if tags.is_empty() {
                fo.put("Prefix", t.leaf(r, f, "prefix"));
            } else {
                let mut ao = Obj::new(f.anchor);
                ao.put("Prefix", t.text(r, f, "prefix"));
                ao.list("TagFilters", tags, f.anchor);
                fo.put("And", Some(ao.node()));
            }
            o.put("Filter", Some(fo.node()));
        }
        if let Some(st) = t.text(r, rule, "delete_marker_replication_status") {
            o.put(
                "DeleteMarkerReplication",
                Some(single(st.span, "Status", Some(st))),
            );
        }
        if let Some(d) = rule.block("destination") {
            let mut dst = destination_head(t, r, d, "account_id");
            if let Some(k) = t.text(r, d, "replica_kms_key_id") {
                dst.put(
                    "EncryptionConfiguration",
                    Some(single(k.span, "ReplicaKmsKeyID", Some(k))),
                );
            }
            o.put("Destination", Some(dst.node()));
        }
        if let Some(ssc) = rule.block("source_selection_criteria") {
            if let Some(sk) = ssc.block("sse_kms_encrypted_objects") {
                if let Some(n) = sk.values.and_then(|v| v.get("enabled")) {
                    let st = single(n.span, "Status", Some(bool_word(n, "Enabled", "Disabled")));
                    o.put(
                        "SourceSelectionCriteria",
                        Some(single(ssc.anchor, "SseKmsEncryptedObjects", Some(st))),
                    );
                }
            }
        }
    });
    if rules.is_empty() {
        return None;
    }
    p.put("Rules", Some(arr(rules, rc.anchor)));
    Some(p.node())
}

fn tag_node(t: &Tr, r: &PlanResource, c: Cur) -> Node {
    let mut o = Obj::new(c.anchor);
    o.put("Key", t.leaf(r, c, "key"));
    o.put("Value", t.leaf(r, c, "value"));
    o.node()
}

/// A Terraform `tags` map → CloudFormation `[{Key, Value}]`.
fn tag_map(n: Option<&Node>) -> Vec<Node> {
    n.and_then(Node::as_object)
        .unwrap_or(&[])
        .iter()
        .map(|m| {
            let mut o = Obj::new(m.key_span.cover(m.value.span));
            o.put("Key", Some(s(m.key.clone(), m.key_span)));
            o.put("Value", Some(m.value.clone()));
            o.node()
        })
        .collect()
}
