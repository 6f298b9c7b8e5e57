//! S3: `aws_s3_bucket` with its satellites (versioning, encryption, ownership, object lock,
//! replication — or their provider-v3 inline blocks) and `aws_s3_bucket_policy`, read from their own
//! attribute names into the model's typed fields ([`BucketFields`], [`BucketPolicyFields`]) — no
//! CloudFormation-shaped properties in between.

use super::context::{values_span, Tr};
use super::cursor::Cur;
use super::node::bool_word;
use super::satellites::{use_inline, Folded};
use crate::load::terraform::plan::PlanResource;
use crate::model::props::{boolean_of, integer_of, string_of, unknown_of};
use crate::model::s3::{
    BucketFields, BucketPolicyFields, Destination, EncryptionRule, Filter, FilterAnd, Replication,
    ReplicationRule, Tag,
};
use crate::model::DocKind;
use crate::source::{Node, Span, Spanned, Value};

pub(super) fn bucket(t: &Tr, i: usize, folded: &Folded) -> BucketFields {
    let (r, c) = t.open(i);
    let parts: Vec<usize> = folded.bucket.get(&i).cloned().unwrap_or_default();
    let part = |ty: &str| parts.iter().copied().find(|j| t.res(*j).type_name == ty);
    let mut object_lock_unknown = None;
    let object_lock = match part("aws_s3_bucket_object_lock_configuration") {
        Some(j) => {
            let lr = t.res(j);
            match t.leaf(lr, Cur::root(lr), "object_lock_enabled") {
                Some(n) if unknown_of(&n).is_some() => {
                    object_lock_unknown = unknown_of(&n);
                    None
                }
                Some(n) => Some(Spanned::new(n.as_str() == Some("Enabled"), n.span)),
                // The satellite exists only on buckets with object lock.
                None => Some(Spanned::new(true, lr.address_span)),
            }
        }
        None => {
            // Optional and computed: the provider reports it unknown on a new bucket that leaves it
            // out (no object lock); unknown only when written.
            let n = t.leaf(r, c, "object_lock_enabled");
            let written = r.config.is_none() || r.expression("object_lock_enabled").is_some();
            object_lock_unknown = n.as_ref().and_then(unknown_of).filter(|_| written);
            n.filter(|n| matches!(n.value, Value::Bool(true)))
                .as_ref()
                .and_then(boolean_of)
        }
    };
    let versioning = match part("aws_s3_bucket_versioning") {
        Some(j) => {
            let vr = t.res(j);
            // The block (or its element) known only after apply: so is its status, never "not
            // enabled".
            if let Some(u) = unknown_block(t, vr, Cur::root(vr), "versioning_configuration") {
                Some(u)
            } else {
                Cur::root(vr)
                    .block("versioning_configuration")
                    .and_then(|b| text(t, vr, b, "status"))
            }
        }
        None => {
            // Optional and computed: unknown as a whole only when written.
            let written = r.config.is_none() || r.expression("versioning").is_some();
            match unknown_block(t, r, c, "versioning").filter(|_| written) {
                Some(u) => Some(u),
                None => c.block("versioning").and_then(|b| {
                    let n = t.leaf(r, b, "enabled")?;
                    unknown_of(&n).or_else(|| string_of(&bool_word(&n, "Enabled", "Suspended")))
                }),
            }
        }
    };
    // Default encryption.
    let (enc_res, enc) = match part("aws_s3_bucket_server_side_encryption_configuration") {
        Some(j) => (t.res(j), Some(Cur::root(t.res(j)))),
        None => (r, c.block("server_side_encryption_configuration")),
    };
    // The configuration known only after apply: its rules are unknown, never "none".
    let encryption_unknown = match part("aws_s3_bucket_server_side_encryption_configuration") {
        Some(_) => unknown_block(t, enc_res, Cur::root(enc_res), "rule"),
        None => {
            let written = r.config.is_none()
                || r.expression("server_side_encryption_configuration")
                    .is_some();
            unknown_block(t, r, c, "server_side_encryption_configuration")
                .filter(|_| written)
                .or_else(|| {
                    c.block("server_side_encryption_configuration")
                        .and_then(|e| unknown_block(t, r, e, "rule"))
                })
        }
    }
    .or_else(|| {
        enc.and_then(|e| {
            e.blocks("rule").into_iter().find_map(|rule| {
                unknown_block(t, enc_res, rule, "apply_server_side_encryption_by_default")
            })
        })
    });
    let encryption = enc.map_or_else(Vec::new, |enc| {
        enc.blocks("rule")
            .into_iter()
            .map(|rule| {
                let d = rule.block("apply_server_side_encryption_by_default");
                let bucket_key = t.leaf(enc_res, rule, "bucket_key_enabled");
                EncryptionRule {
                    span: rule.anchor,
                    sse_algorithm: d.and_then(|d| text(t, enc_res, d, "sse_algorithm")),
                    kms_master_key_id: d.and_then(|d| text(t, enc_res, d, "kms_master_key_id")),
                    bucket_key_enabled: bucket_key.as_ref().and_then(boolean_of),
                    bucket_key_unknown: bucket_key.as_ref().and_then(unknown_of),
                    kms_key: None,
                }
            })
            .collect()
    });
    let ownership = part("aws_s3_bucket_ownership_controls").and_then(|j| {
        let or = t.res(j);
        Cur::root(or)
            .block("rule")
            .and_then(|b| text(t, or, b, "object_ownership"))
    });
    let replication = match part("aws_s3_bucket_replication_configuration") {
        Some(j) => Some(replication(t, j)),
        None if use_inline(r, "replication_configuration", false) => legacy_replication(t, i),
        None => None,
    };
    BucketFields {
        name: text(t, r, c, "bucket"),
        versioning,
        object_lock,
        object_lock_unknown,
        ownership,
        encryption,
        encryption_unknown,
        replication,
        ..BucketFields::default()
    }
}

pub(super) fn bucket_policy(t: &mut Tr, i: usize) -> BucketPolicyFields {
    let (r, c) = t.open(i);
    BucketPolicyFields {
        bucket: text(t, r, c, "bucket"),
        policy: t.policy(r, c, "policy", DocKind::Resource),
    }
}

/// A non-empty string attribute (a symbol when unknown).
fn text(t: &Tr, r: &PlanResource, c: Cur, key: &str) -> Option<Spanned<String>> {
    t.text(r, c, key).as_ref().and_then(string_of)
}

/// A string attribute as written (`""` included; a symbol when unknown).
fn leaf_text(t: &Tr, r: &PlanResource, c: Cur, key: &str) -> Option<Spanned<String>> {
    t.leaf(r, c, key).as_ref().and_then(string_of)
}

/// A nested block known only after apply (the whole list, or its item): one symbol for the block, so
/// what it holds is unknown, never "absent".
fn unknown_block(t: &Tr, r: &PlanResource, c: Cur, key: &str) -> Option<Spanned<String>> {
    let whole = c.get(key);
    let at = if whole.is_unknown() {
        whole.anchor
    } else {
        c.block(key).filter(Cur::is_unknown)?.anchor
    };
    Some(Spanned::new(t.own_symbol(r, key, at), at))
}

/// A `{status}` block: where it is written and its status.
struct StatusBlock {
    span: Span,
    status: Option<Spanned<String>>,
}

/// Block `key` with its `status` (left out when the status is not written); a block known only after
/// apply has an unknown status.
fn status_block(t: &Tr, r: &PlanResource, c: Cur, key: &str) -> Option<StatusBlock> {
    if let Some(u) = unknown_block(t, r, c, key) {
        return Some(StatusBlock {
            span: u.span,
            status: Some(u),
        });
    }
    let b = c.block(key)?;
    let st = t.text(r, b, "status")?;
    Some(StatusBlock {
        span: b.anchor,
        status: string_of(&st),
    })
}

/// A `{status, <inner> {minutes}}` block (`metrics`/`event_threshold`, `replication_time`/`time`).
enum Timed {
    /// Known only after apply, as a whole.
    Unknown(Spanned<String>),
    Known {
        span: Span,
        status: Option<Spanned<String>>,
        /// The inner block: where it is written and its minutes.
        inner: Option<(Span, Option<Spanned<i64>>)>,
    },
}

fn timed_status(t: &Tr, r: &PlanResource, d: Cur, key: &str, inner: &str) -> Option<Timed> {
    if let Some(u) = unknown_block(t, r, d, key) {
        return Some(Timed::Unknown(u));
    }
    let m = d.block(key)?;
    Some(Timed::Known {
        span: m.anchor,
        status: text(t, r, m, "status"),
        inner: m.block(inner).map(|x| {
            (
                x.anchor,
                t.leaf(r, x, "minutes").as_ref().and_then(integer_of),
            )
        }),
    })
}

/// The members every replication rule starts with, in both provider styles; the rest left out.
fn rule_head(t: &Tr, r: &PlanResource, index: usize, rule: Cur) -> ReplicationRule {
    let priority = t.leaf(r, rule, "priority");
    ReplicationRule {
        index,
        span: rule.anchor,
        id: text(t, r, rule, "id"),
        priority: priority.as_ref().and_then(integer_of),
        priority_written: priority.is_some(),
        status: text(t, r, rule, "status"),
        prefix: text(t, r, rule, "prefix"),
        filter: None,
        destination: None,
        delete_marker_replication: None,
        sse_kms_encrypted_objects: None,
        replica_modifications: None,
        source_selection_span: None,
        existing_object_replication: None,
    }
}

/// A replication destination's bucket, account (`account_key`), storage class and owner override; the
/// rest left out.
fn destination_head(t: &Tr, r: &PlanResource, d: Cur, account_key: &str) -> Destination {
    let act = d.block("access_control_translation");
    Destination {
        span: d.anchor,
        bucket: text(t, r, d, "bucket"),
        account: text(t, r, d, account_key),
        storage_class: text(t, r, d, "storage_class"),
        access_control_owner: act.and_then(|a| text(t, r, a, "owner")),
        access_control_span: act.map(|a| a.anchor),
        replica_kms_key_id: None,
        metrics_status: None,
        metrics_event_threshold_minutes: None,
        metrics_event_threshold_span: None,
        metrics_span: None,
        replication_time_status: None,
        replication_time_minutes: None,
        replication_time_span: None,
        bucket_target: None,
        replica_key_target: None,
    }
}

/// `aws_s3_bucket_replication_configuration`.
fn replication(t: &Tr, j: usize) -> Replication {
    let (r, c) = t.open(j);
    let rc = c.get("rule");
    // Rules from a `dynamic` block over a value known after apply: unknown as a whole, never empty.
    // One rule known only after apply makes the list unknown too: which rules it holds is not known.
    let rules_unknown = if rc.is_unknown() {
        Some(rc.anchor)
    } else {
        rc.items()
            .into_iter()
            .find(|it| it.is_unknown())
            .map(|it| it.anchor)
    }
    .map(|at| Spanned::new(t.own_symbol(r, "rule", at), at));
    let rules = if rules_unknown.is_some() {
        Vec::new()
    } else {
        c.blocks("rule")
            .into_iter()
            .enumerate()
            .map(|(index, rule)| replication_rule(t, r, index, rule))
            .collect()
    };
    Replication {
        span: values_span(r),
        role: text(t, r, c, "role"),
        rules,
        rules_span: Some(rc.anchor),
        rules_unknown,
        role_target: None,
    }
}

fn replication_rule(t: &Tr, r: &PlanResource, index: usize, rule: Cur) -> ReplicationRule {
    let mut out = rule_head(t, r, index, rule);
    out.filter = rule.block("filter").map(|f| Filter {
        span: f.anchor,
        prefix: leaf_text(t, r, f, "prefix"),
        tag: f.block("tag").map(|tag| Tag {
            span: tag.anchor,
            key: leaf_text(t, r, tag, "key"),
            value: leaf_text(t, r, tag, "value"),
        }),
        and: f.block("and").map(|and| FilterAnd {
            span: and.anchor,
            prefix: leaf_text(t, r, and, "prefix"),
            tags: tag_map(and.get("tags").values),
        }),
    });
    out.destination = rule.block("destination").map(|d| {
        let mut dst = destination_head(t, r, d, "account");
        dst.replica_kms_key_id = d
            .block("encryption_configuration")
            .and_then(|e| text(t, r, e, "replica_kms_key_id"));
        match timed_status(t, r, d, "metrics", "event_threshold") {
            Some(Timed::Unknown(u)) => {
                dst.metrics_span = Some(u.span);
                dst.metrics_status = Some(u);
            }
            Some(Timed::Known {
                span,
                status,
                inner,
            }) => {
                dst.metrics_span = Some(span);
                dst.metrics_status = status;
                dst.metrics_event_threshold_span = inner.as_ref().map(|(s, _)| *s);
                dst.metrics_event_threshold_minutes = inner.and_then(|(_, m)| m);
            }
            None => {}
        }
        // An unknown `replication_time` block is left out, as `load::cfn` leaves out a `ReplicationTime`
        // that is not an object: the rules reading it act only on a known, enabled RTC.
        if let Some(Timed::Known {
            span,
            status,
            inner,
        }) = timed_status(t, r, d, "replication_time", "time")
        {
            dst.replication_time_span = Some(span);
            dst.replication_time_status = status;
            dst.replication_time_minutes = inner.and_then(|(_, m)| m);
        }
        dst
    });
    out.delete_marker_replication =
        status_block(t, r, rule, "delete_marker_replication").and_then(|b| b.status);
    if let Some(ssc) = rule.block("source_selection_criteria") {
        out.source_selection_span = Some(ssc.anchor);
        out.sse_kms_encrypted_objects =
            status_block(t, r, ssc, "sse_kms_encrypted_objects").and_then(|b| b.status);
        out.replica_modifications =
            status_block(t, r, ssc, "replica_modifications").and_then(|b| b.status);
    }
    // Known only after apply, it may be absent: only a known block is written.
    out.existing_object_replication = unknown_block(t, r, rule, "existing_object_replication")
        .is_none()
        .then(|| status_block(t, r, rule, "existing_object_replication"))
        .flatten()
        .map(|b| b.span);
    out
}

/// `aws_s3_bucket.replication_configuration` (provider v3 style, deprecated).
fn legacy_replication(t: &Tr, i: usize) -> Option<Replication> {
    let r = t.res(i);
    let rc = Cur::root(r).block("replication_configuration")?;
    let rules: Vec<ReplicationRule> = rc
        .blocks("rules")
        .into_iter()
        .enumerate()
        .map(|(index, rule)| legacy_rule(t, r, index, rule))
        .collect();
    if rules.is_empty() {
        return None;
    }
    Some(Replication {
        span: rc.anchor,
        role: text(t, r, rc, "role"),
        rules,
        rules_span: Some(rc.anchor),
        rules_unknown: None,
        role_target: None,
    })
}

fn legacy_rule(t: &Tr, r: &PlanResource, index: usize, rule: Cur) -> ReplicationRule {
    let mut out = rule_head(t, r, index, rule);
    out.filter = rule.block("filter").map(|f| {
        let tags = tag_map(f.get("tags").values);
        if tags.is_empty() {
            Filter {
                span: f.anchor,
                prefix: leaf_text(t, r, f, "prefix"),
                tag: None,
                and: None,
            }
        } else {
            // Tags make it the V2 `And` shape.
            Filter {
                span: f.anchor,
                prefix: None,
                tag: None,
                and: Some(FilterAnd {
                    span: f.anchor,
                    prefix: text(t, r, f, "prefix"),
                    tags,
                }),
            }
        }
    });
    out.delete_marker_replication = text(t, r, rule, "delete_marker_replication_status");
    out.destination = rule.block("destination").map(|d| {
        let mut dst = destination_head(t, r, d, "account_id");
        dst.replica_kms_key_id = text(t, r, d, "replica_kms_key_id");
        dst
    });
    if let Some(ssc) = rule.block("source_selection_criteria") {
        if let Some(n) = ssc
            .block("sse_kms_encrypted_objects")
            .and_then(|sk| sk.values?.get("enabled"))
        {
            out.source_selection_span = Some(ssc.anchor);
            out.sse_kms_encrypted_objects = string_of(&bool_word(n, "Enabled", "Disabled"));
        }
    }
    out
}

/// A Terraform `tags` map → tag filters.
fn tag_map(n: Option<&Node>) -> Vec<Tag> {
    n.and_then(Node::as_object)
        .unwrap_or(&[])
        .iter()
        .map(|m| Tag {
            span: m.key_span.cover(m.value.span),
            key: Some(Spanned::new(m.key.clone(), m.key_span)),
            value: string_of(&m.value),
        })
        .collect()
}
