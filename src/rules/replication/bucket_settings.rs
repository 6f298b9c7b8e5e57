//! More bucket prerequisites and bucket-policy rules (rules-spec §3, §4, §6): Requester Pays, objects
//! the source owner cannot read, logs delivered into a replicated bucket, Object Lock retention limits,
//! destination default encryption, lifecycle rules that replication does not follow, and the destination
//! bucket policy's size and principal wildcards.

use super::common::{sites, Site};
use super::Ctx;
use crate::eval::wildcard::{has_wildcard, matches, matches_ci};
use crate::model::arn::{is_account_id, s3_bucket_of, Arn};
use crate::model::s3::{Bucket, LifecycleRule};
use crate::model::symbolic::{display, has_symbol};
use crate::model::{Effect, Kind, PolicyDoc, PrincipalKind, PrincipalValue, Statement};
use crate::rules::Finding;
use crate::source::{Node, Value};
use std::collections::HashSet;

/// S3 bucket policies are limited to 20 KB.
const BUCKET_POLICY_MAX: usize = 20 * 1024;

fn allows(st: &Statement) -> bool {
    st.effect.as_ref().is_some_and(|e| e.value == Effect::Allow)
}

/// The statement's `Action` names `action` (wildcards, case-insensitive). `NotAction` is not followed.
fn has_action(st: &Statement, action: &str) -> bool {
    st.action
        .as_ref()
        .is_some_and(|a| a.items.iter().any(|i| matches_ci(&i.value, action)))
}

fn has_condition_key(st: &Statement, pred: impl Fn(&str) -> bool) -> bool {
    st.conditions
        .iter()
        .any(|c| pred(&c.key.value.to_ascii_lowercase()))
}

pub fn compute(ctx: &Ctx, out: &mut Vec<Finding>) {
    let model = &ctx.graph.model;
    let all = sites(model);
    let mut src_seen = HashSet::new();
    let mut pair_seen = HashSet::new();
    let mut dst_policy_seen = HashSet::new();
    for s in &all {
        if src_seen.insert(s.b) {
            foreign_objects(s, out);
        }
        if !s.rule.enabled() {
            continue;
        }
        lifecycle(s, out);
        requester_pays(ctx, s, out);
        let Some(di) = s.dst_index else { continue };
        if pair_seen.insert((s.b, di)) {
            default_encryption(s, out);
        }
        if let (Some(dst), true) = (s.dst, dst_policy_seen.insert(di)) {
            if let Some(doc) = dst
                .policy
                .and_then(|p| model.bucket_policies[p].doc.as_ref())
            {
                retention_policy(s, dst, doc, out);
                policy_size(s, dst, doc, out);
                principal_wildcard(s, doc, out);
            }
        }
    }
    logs(ctx, out);
}

// ---------------------------------------------------------------- BKT-REQUESTER-PAYS

fn requester_pays(ctx: &Ctx, s: &Site, out: &mut Vec<Finding>) {
    if s.cross_account() != Some(true) {
        return;
    }
    let name = match s.dst {
        Some(d) => d.name.clone(),
        None => match s
            .dest
            .and_then(|d| d.bucket.as_ref())
            .and_then(|b| s3_bucket_of(&b.value))
        {
            Some(n) => n.to_string(),
            None => return,
        },
    };
    let from_template = s
        .dst
        .and_then(|d| d.request_payer.as_ref())
        .filter(|p| p.value == "Requester");
    let from_config = ctx.cfg.requester_pays.contains(&name);
    if from_template.is_none() && !from_config {
        return;
    }
    let mut f = s
        .finding(&super::bkt_requester_pays::META, s.dest_bucket_span(), format!(
            "rule {}: destination {} is a Requester Pays bucket in another account: S3 does not replicate to it",
            s.rule.label(), display(&name)
        ))
        .help("turn Requester Pays off on the destination bucket (Payer: BucketOwner), or replicate within one account");
    match (from_template, s.dst) {
        (Some(p), Some(d)) => f = f.related(d.origin.file, p.span, "Payer: Requester"),
        _ => f = f.label("listed under [s3] requester-pays in trustlint.toml"),
    }
    out.push(f);
}

// ---------------------------------------------------------------- BKT-FOREIGN-OBJECTS

/// The account of a principal value (`111111111111`, `arn:aws:iam::111111111111:…`).
fn principal_account(v: &str) -> Option<&str> {
    if is_account_id(v) {
        return Some(v);
    }
    let rest = v.strip_prefix("arn:")?;
    let mut it = rest.splitn(5, ':');
    let (_p, svc, _r, acct) = (it.next()?, it.next()?, it.next()?, it.next()?);
    (matches!(svc, "iam" | "sts") && is_account_id(acct)).then_some(acct)
}

/// The statement lets a principal of another account (or anyone) write objects.
fn foreign_writer(st: &Statement, owner: &str) -> Option<String> {
    let p = st.principal.as_ref()?;
    match &p.value {
        PrincipalValue::Any => Some("any principal (\"*\")".into()),
        PrincipalValue::Map(_) => p.entries().into_iter().find_map(|(k, v)| {
            if k != PrincipalKind::Aws {
                return None;
            }
            if v.value == "*" {
                return Some("any principal (\"*\")".into());
            }
            let a = principal_account(&v.value)?;
            (a != owner).then(|| format!("account {a}"))
        }),
    }
}

/// The policy makes writers hand ownership to the bucket owner (`s3:x-amz-acl` = `bucket-owner-full-control`).
fn requires_owner_acl(st: &Statement) -> bool {
    st.conditions.iter().any(|c| {
        c.key.value.eq_ignore_ascii_case("s3:x-amz-acl")
            && c.values
                .iter()
                .any(|v| v.value == "bucket-owner-full-control")
    })
}

fn foreign_objects(s: &Site, out: &mut Vec<Finding>) {
    let Some(own) = s
        .src
        .ownership
        .as_ref()
        .filter(|o| o.value == "ObjectWriter")
    else {
        return;
    };
    let Some(doc) = s
        .src
        .policy
        .and_then(|p| s.model.bucket_policies[p].doc.as_ref())
    else {
        return;
    };
    let owner = s.src_account();
    if !is_account_id(owner) {
        return;
    }
    let sts = &doc.policy.statements;
    if sts.iter().any(requires_owner_acl) {
        return;
    }
    let Some((st, who)) = sts
        .iter()
        .filter(|st| allows(st) && has_action(st, "s3:PutObject"))
        .find_map(|st| foreign_writer(st, owner).map(|w| (st, w)))
    else {
        return;
    };
    out.push(
        s.finding(&super::bkt_foreign_objects::META, own.span, format!(
            "{} lets {who} write objects and its Object Ownership is ObjectWriter: objects the bucket owner cannot read (no READ/READ_ACP grant) are not replicated",
            display(&s.src.name)
        ))
        .related(doc.file, st.span, "cross-account s3:PutObject")
        .help("set OwnershipControls ObjectOwnership: BucketOwnerEnforced (ACLs off, the bucket owner owns every object), or require \"s3:x-amz-acl\": \"bucket-owner-full-control\" on uploads"),
    );
}

// ---------------------------------------------------------------- BKT-LOGS-REPLICATED

fn logs(ctx: &Ctx, out: &mut Vec<Finding>) {
    let model = &ctx.graph.model;
    for b in &model.buckets {
        let Some(dest) = &b.logging_destination else {
            continue;
        };
        let Some((t, _)) = model.resolve(Kind::Bucket, &dest.value, &b.origin) else {
            continue;
        };
        let target = &model.buckets[t];
        let Some(rule) = target
            .replication
            .as_ref()
            .and_then(|r| r.rules.iter().find(|r| r.enabled()))
        else {
            continue;
        };
        out.push(
            Finding::new(super::bkt_logs_replicated::META.id, super::bkt_logs_replicated::META.severity, b.origin.file, dest.span, format!(
                "server access logs of {} go to {}, which replicates (rule {}): the log objects are replicated too",
                display(&b.name), display(&target.name), rule.label()
            ))
            .resource(Some(b.origin.logical_id.clone()))
            .related(target.origin.file, rule.id.as_ref().map_or(rule.span, |i| i.span), "replication rule")
            .help("deliver logs to a bucket (or prefix) that no replication rule covers, unless you want the logs replicated"),
        );
    }
}

// ---------------------------------------------------------------- BKT-OBJLOCK-DEST-RETENTION-POLICY

fn retention_policy(s: &Site, dst: &Bucket, doc: &PolicyDoc, out: &mut Vec<Finding>) {
    if !dst.object_lock.as_ref().is_some_and(|o| o.value) {
        return;
    }
    for st in &doc.policy.statements {
        let limits = has_condition_key(st, |k| {
            k == "s3:object-lock-remaining-retention-days"
                || k == "s3:object-lock-retain-until-date"
                || k == "s3:object-lock-mode"
        });
        if !limits || has_action(st, "s3:ReplicateObject") || st.action.is_none() {
            continue;
        }
        out.push(
            Finding::new(super::bkt_objlock_dest_retention_policy::META.id, super::bkt_objlock_dest_retention_policy::META.severity, doc.file, st.action.as_ref().map_or(st.span, |a| a.span), format!(
                "this statement limits Object Lock retention in replication destination {}, but its actions do not include s3:ReplicateObject: the limit does not apply to replicas",
                display(&dst.name)
            ))
            .resource(Some(dst.origin.logical_id.clone()))
            .related(s.file(), s.dest_bucket_span(), "replication into this bucket")
            .help("add \"s3:ReplicateObject\" to the statement's Action, next to s3:PutObjectRetention"),
        );
    }
}

// ---------------------------------------------------------------- BKT-DEST-DEFAULT-ENC

fn algorithm(b: &Bucket) -> Option<&str> {
    b.encryption
        .iter()
        .find_map(|e| e.sse_algorithm.as_ref())
        .map(|a| a.value.as_str())
}

fn default_encryption(s: &Site, out: &mut Vec<Finding>) {
    let Some(dst) = s.dst else { return };
    let Some(dalg) = dst.encryption.iter().find_map(|e| e.sse_algorithm.as_ref()) else {
        return;
    };
    if !dalg.value.starts_with("aws:kms") || s.replica_key().is_some() {
        return;
    }
    let salg = algorithm(s.src).unwrap_or("AES256");
    if salg.starts_with("aws:kms") {
        return;
    }
    out.push(
        Finding::new(super::bkt_dest_default_enc::META.id, super::bkt_dest_default_enc::META.severity, dst.origin.file, dalg.span, format!(
            "destination {} encrypts with {} by default, but replicas keep the source object's encryption: objects from {} ({salg}, every new object is at least SSE-S3) stay SSE-S3 in the destination",
            display(&dst.name), dalg.value, display(&s.src.name)
        ))
        .resource(Some(dst.origin.logical_id.clone()))
        .related(s.file(), s.rule_span(), "replication rule without ReplicaKmsKeyID")
        .help("to have replicas under a destination KMS key, encrypt the source objects with SSE-KMS and set SseKmsEncryptedObjects + Destination.EncryptionConfiguration.ReplicaKmsKeyID"),
    );
}

// ---------------------------------------------------------------- lifecycle: REPL-DMR-LIFECYCLE, REPL-SRC-GLACIER

/// Two prefixes select common keys when one starts with the other.
fn prefixes_overlap(a: &str, b: &str) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

fn dest_expires(dst: &Bucket, prefix: &str) -> bool {
    dst.lifecycle_rules
        .iter()
        .any(|l| l.enabled() && l.expiration.is_some() && prefix.starts_with(l.prefix_str()))
}

fn lifecycle(s: &Site, out: &mut Vec<Finding>) {
    let prefix = s.prefix();
    let covering: Vec<&LifecycleRule> = s
        .src
        .lifecycle_rules
        .iter()
        .filter(|l| l.enabled() && prefixes_overlap(l.prefix_str(), &prefix))
        .collect();
    let rule = s.rule.label();
    if let Some(l) = covering.iter().find(|l| l.expiration.is_some()) {
        // The destination expires the same keys: the lifecycle prefix, within the replicated prefix.
        let keys = if l.prefix_str().len() >= prefix.len() {
            l.prefix_str()
        } else {
            prefix.as_str()
        };
        if let Some(dst) = s.dst.filter(|d| !dest_expires(d, keys)) {
            out.push(
                s.finding(&super::repl_dmr_lifecycle::META, l.expiration.unwrap_or(l.span), format!(
                    "lifecycle rule {} expires objects that rule {rule} replicates, but lifecycle actions and the delete markers they create are not replicated: the objects stay current in {}",
                    l.id.as_ref().map_or("(no Id)".to_string(), |i| i.value.clone()), display(&dst.name)
                ))
                .related(dst.origin.file, dst.origin.logical_id_span, "destination bucket without a matching expiration")
                .help("add the same lifecycle expiration rule to the destination bucket"),
            );
        }
    }
    for l in &covering {
        if let Some(t) = l
            .transitions
            .iter()
            .find(|t| t.value == "GLACIER" || t.value == "DEEP_ARCHIVE")
        {
            out.push(
                s.finding(&super::repl_src_glacier::META, t.span, format!(
                    "lifecycle moves objects that rule {rule} replicates to {}: objects already in S3 Glacier Flexible Retrieval or Deep Archive are not replicated (an object transitioned before it replicated never reaches {})",
                    t.value, s.dst_label()
                ))
                .help("transition only after replication has completed (watch ReplicationStatus), or set the storage class on the replica with Destination.StorageClass instead"),
            );
            break;
        }
    }
}

// ---------------------------------------------------------------- DSTPOL-SIZE

/// Bytes of the minified JSON of `n` (what CloudFormation sends); unknown values count as empty.
fn minified_len(n: &Node) -> usize {
    fn string_len(s: &str) -> usize {
        let lit: usize = if has_symbol(s) {
            crate::model::symbolic::parts(s)
                .iter()
                .map(|p| match p {
                    crate::model::symbolic::Part::Lit(l) => {
                        serde_json::to_string(l).map_or(l.len(), |x| x.len() - 2)
                    }
                    crate::model::symbolic::Part::Sym(_) => 0,
                })
                .sum()
        } else {
            serde_json::to_string(s).map_or(s.len(), |x| x.len() - 2)
        };
        lit + 2
    }
    match &n.value {
        Value::Null => 4,
        Value::Bool(b) => {
            if *b {
                4
            } else {
                5
            }
        }
        Value::Number(x) => x.len(),
        Value::String(s) => string_len(s),
        Value::Array(items) => {
            2 + items.iter().map(minified_len).sum::<usize>() + items.len().saturating_sub(1)
        }
        Value::Object(ms) => {
            2 + ms
                .iter()
                .map(|m| string_len(&m.key) + 1 + minified_len(&m.value))
                .sum::<usize>()
                + ms.len().saturating_sub(1)
        }
    }
}

fn policy_size(s: &Site, dst: &Bucket, doc: &PolicyDoc, out: &mut Vec<Finding>) {
    if s.cross_account() != Some(true) {
        return;
    }
    let n = minified_len(&doc.node);
    if n <= BUCKET_POLICY_MAX {
        return;
    }
    out.push(
        Finding::new(super::dstpol_size::META.id, super::dstpol_size::META.severity, doc.file, doc.span(), format!(
            "the bucket policy of replication destination {} has {n} bytes minified; S3 accepts at most 20 KB ({BUCKET_POLICY_MAX} bytes), so the grant replication needs cannot be deployed",
            display(&dst.name)
        ))
        .resource(Some(dst.origin.logical_id.clone()))
        .related(s.file(), s.dest_bucket_span(), "replication into this bucket")
        .help("merge statements that share Principal/Action/Condition, list principals by account instead of by role, or move grants to an access point policy"),
    );
}

// ---------------------------------------------------------------- DSTPOL-PRINCIPAL-WILDCARD

/// A `Principal.AWS` value with a partial wildcard that would match the replication role's ARN: the
/// author meant the role, but IAM never expands wildcards in principals, so nothing is granted.
fn principal_wildcard(s: &Site, doc: &PolicyDoc, out: &mut Vec<Finding>) {
    let Some(role) = s.role_arn().filter(|r| !has_symbol(r)) else {
        return;
    };
    let Some(role_arn) = Arn::parse(&role) else {
        return;
    };
    let name = role_arn.resource.rsplit('/').next().unwrap_or("");
    for st in &doc.policy.statements {
        let Some(p) = &st.principal else { continue };
        for (k, v) in p.entries() {
            if k != PrincipalKind::Aws || v.value == "*" || !has_wildcard(&v.value) {
                continue;
            }
            if !matches(&v.value, &role) {
                continue;
            }
            out.push(
                Finding::new(super::dstpol_principal_wildcard::META.id, super::dstpol_principal_wildcard::META.severity, doc.file, v.span, format!(
                    "principal `{}` is meant to match the replication role {role}, but a wildcard cannot match part of a principal ARN: this statement grants nothing to the role",
                    v.value
                ))
                .related(s.file(), s.role_span(), "replication role")
                .help(format!(
                    "name the role exactly (\"AWS\": \"{role}\"), or use \"Principal\": {{\"AWS\": \"*\"}} with \"Condition\": {{\"ArnLike\": {{\"aws:PrincipalArn\": \"{}\"}}}} (keep a role-name pattern such as `{name}`)",
                    v.value
                )),
            );
        }
    }
}
