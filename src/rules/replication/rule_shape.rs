//! The shape of replication rules (rules-spec §3), checked in one pass for several ids (grouped by id in
//! `Ctx::rule_shape`, each rule file emits its own): limits (rule count, ID and prefix length, tag
//! filters), schema (V1/V2 mixing, V1-only restrictions), overlap between rules, storage classes,
//! directory buckets, and the informational facts about delete markers and tag filters.

use super::common::{sites, Site};
use super::Ctx;
use crate::model::arn::s3_bucket_of;
use crate::model::s3::{Bucket, Replication, ReplicationRule, Tag};
use crate::model::symbolic::{display, parts, Part};
use crate::model::Model;
use crate::rules::{Finding, RuleMeta, Severity};
use crate::source::{Span, Spanned};
use std::collections::{HashMap, HashSet};

/// S3 limits (S3 API `ReplicationRule`, `Tag`; S3 User Guide `object-tagging.md`).
const MAX_RULES: usize = 1000;
const MAX_ID: usize = 255;
const MAX_PREFIX: usize = 1024;
const MAX_TAG_KEY: usize = 128;
const MAX_TAG_VALUE: usize = 256;

/// How many shorter overlapping prefixes a rule is compared with (keeps the overlap check linear).
const OVERLAP_WINDOW: usize = 8;

pub fn compute(ctx: &Ctx, out: &mut Vec<Finding>) {
    let model = &ctx.graph.model;
    for b in &model.buckets {
        if let Some(c) = &b.replication {
            config_level(b, c, out);
        }
    }
    let all = sites(model);
    let mut overlap_done = HashSet::new();
    for s in &all {
        rule_level(s, out);
        if overlap_done.insert(s.b) {
            overlaps(s, out);
        }
    }
}

fn finding(b: &Bucket, meta: &RuleMeta, span: Span, msg: impl Into<String>) -> Finding {
    Finding::new(meta.id, meta.severity, b.origin.file, span, msg)
        .resource(Some(b.origin.logical_id.clone()))
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn config_level(b: &Bucket, c: &Replication, out: &mut Vec<Finding>) {
    if let Some(u) = &c.rules_unknown {
        out.push(
            finding(
                b,
                &crate::rules::unproven::META,
                u.span,
                format!(
                    "the replication rules of {} are not known statically ({}): no rule requirement can be checked",
                    display(&b.name),
                    display(&u.value)
                ),
            )
            .help("give the rules literally, or check the configuration after apply (terraform show -json of the applied state)"),
        );
        return;
    }
    let n = c.rules.len();
    if n == 0 || n > MAX_RULES {
        out.push(
            finding(
                b,
                &super::repl_rules_count::META,
                c.rules_span.unwrap_or(c.span),
                if n == 0 {
                    format!("the replication configuration of {} has no rules: S3 rejects it", display(&b.name))
                } else {
                    format!("the replication configuration of {} has {n} rules; S3 accepts at most {MAX_RULES}", display(&b.name))
                },
            )
            .help(if n == 0 {
                "add at least one rule (Status, Destination.Bucket, and for V2 Filter, Priority, DeleteMarkerReplication), or remove ReplicationConfiguration"
            } else {
                "merge rules that share a destination and settings (a shorter common prefix), or split the data over several source buckets"
            }),
        );
    }
    // Duplicate IDs.
    let mut ids: HashMap<&str, &ReplicationRule> = HashMap::new();
    for r in &c.rules {
        let Some(id) = &r.id else { continue };
        if chars(&id.value) > MAX_ID {
            out.push(
                finding(
                    b,
                    &super::repl_id_len::META,
                    id.span,
                    format!(
                        "rule ID has {} characters; S3 accepts at most {MAX_ID}",
                        chars(&id.value)
                    ),
                )
                .help("shorten the Id (it only names the rule)"),
            );
        }
        match ids.get(id.value.as_str()) {
            Some(first) => out.push(
                finding(b, &super::repl_id_dup::META, id.span, format!("two rules have the ID `{}`: S3 calls it a unique identifier, and replication metrics and failure events name rules by it", id.value))
                    .related(b.origin.file, first.id.as_ref().map_or(first.span, |i| i.span), "the same ID here")
                    .help("give every rule its own Id"),
            ),
            None => {
                ids.insert(id.value.as_str(), r);
            }
        }
    }
    // Schema: V1 (no Filter) and V2 (Filter) rules together.
    let v2 = c.rules.iter().find(|r| r.is_v2());
    let v1 = c.rules.iter().find(|r| !r.is_v2());
    if let (Some(v1), Some(v2)) = (v1, v2) {
        out.push(
            finding(b, &super::repl_mixed_schema::META, v1.prefix.as_ref().map_or(v1.span, |p| p.span), format!(
                "rule {} uses the V1 schema (rule-level Prefix, no Filter) while rule {} uses V2 (Filter): whether S3 rejects the mix or reads it as V2 is not documented",
                v1.label(), v2.label()
            ))
            .related(b.origin.file, v2.filter.as_ref().map_or(v2.span, |f| f.span), "a V2 rule")
            .help("use one schema: give every rule a Filter (\"Filter\": {\"Prefix\": \"…\"}), a unique Priority and DeleteMarkerReplication"),
        );
    }
    // V1: one destination bucket.
    if v2.is_none() {
        let mut first: Option<&Spanned<String>> = None;
        for r in &c.rules {
            let Some(d) = r.destination.as_ref().and_then(|d| d.bucket.as_ref()) else {
                continue;
            };
            match first {
                None => first = Some(d),
                Some(f) if f.value != d.value => {
                    out.push(
                        finding(b, &super::repl_v1_multi_dest::META, d.span, format!(
                            "this V1 configuration (no rule has a Filter) replicates to {} and {}: S3 answers `Number of distinct destination bucket ARNs cannot exceed 1`",
                            display(&f.value), display(&d.value)
                        ))
                        .related(b.origin.file, f.span, "the first destination")
                        .help("convert every rule to V2: add \"Filter\": {\"Prefix\": \"…\"}, a unique \"Priority\" and \"DeleteMarkerReplication\": {\"Status\": \"Enabled\" | \"Disabled\"}"),
                    );
                    break;
                }
                Some(_) => {}
            }
        }
    }
}

/// Every prefix of the rule as written: rule-level, `Filter.Prefix`, `Filter.And.Prefix`.
fn prefixes(r: &ReplicationRule) -> Vec<&Spanned<String>> {
    let mut v: Vec<&Spanned<String>> = r.prefix.iter().collect();
    if let Some(f) = &r.filter {
        v.extend(f.prefix.iter());
        v.extend(f.and.as_ref().and_then(|a| a.prefix.as_ref()));
    }
    v
}

/// Tags of the rule's filter (`TagFilter`, `And.TagFilters`).
fn tags(r: &ReplicationRule) -> Vec<&Tag> {
    let Some(f) = &r.filter else {
        return Vec::new();
    };
    let mut v: Vec<&Tag> = f.tag.iter().collect();
    if let Some(a) = &f.and {
        v.extend(a.tags.iter());
    }
    v
}

/// The filter applies to every object: `Filter: {}`, `Filter: {Prefix: ""}`, `And` with neither, or a
/// V1 `Prefix: ""`.
fn filter_empty(r: &ReplicationRule) -> Option<Span> {
    match &r.filter {
        Some(f) => {
            let and_empty = f.and.as_ref().is_none_or(|a| {
                a.tags.is_empty() && a.prefix.as_ref().is_none_or(|p| p.value.is_empty())
            });
            let empty = f.tag.is_none()
                && f.prefix.as_ref().is_none_or(|p| p.value.is_empty())
                && and_empty;
            empty.then_some(f.span)
        }
        None => r
            .prefix
            .as_ref()
            .filter(|p| p.value.is_empty())
            .map(|p| p.span),
    }
}

fn is_service_symbol_free(s: &str) -> bool {
    !parts(s).iter().any(|p| matches!(p, Part::Sym(_)))
}

fn rule_level(s: &Site, out: &mut Vec<Finding>) {
    let r = s.rule;
    let rule = r.label();
    for p in prefixes(r) {
        if chars(&p.value) > MAX_PREFIX {
            out.push(
                s.finding(
                    &super::repl_prefix_len::META,
                    p.span,
                    format!(
                        "rule {rule}: the prefix has {} characters; S3 accepts at most {MAX_PREFIX}",
                        chars(&p.value)
                    ),
                )
                .help("use a shorter prefix (object keys are at most 1024 bytes long)"),
            );
        } else if r.enabled()
            && !p.value.is_empty()
            && !p.value.ends_with('/')
            && is_service_symbol_free(&p.value)
        {
            out.push(
                s.finding(&super::repl_prefix_no_slash::META, p.span, format!(
                    "rule {rule}: prefix `{}` has no trailing `/`, so it also matches keys such as `{}…/` (it is a string prefix, not a folder)",
                    p.value, p.value
                ))
                .help(format!("if you mean the folder, write \"{}/\"", p.value)),
            );
        }
    }
    // Tag filter limits.
    let ts = tags(r);
    let mut keys: HashMap<&str, &Tag> = HashMap::new();
    for t in &ts {
        let key = t.key.as_ref().map(|k| k.value.as_str()).unwrap_or("");
        let span = t.key.as_ref().map_or(t.span, |k| k.span);
        let problem = if key.is_empty() {
            Some("the tag key is empty".to_string())
        } else if chars(key) > MAX_TAG_KEY {
            Some(format!(
                "the tag key has {} characters; S3 tag keys have at most {MAX_TAG_KEY}",
                chars(key)
            ))
        } else {
            None
        };
        if let Some(p) = problem {
            out.push(
                s.finding(
                    &super::repl_tag_limits::META,
                    span,
                    format!("rule {rule}: {p}"),
                )
                .help("tag keys have 1 to 128 characters, values up to 256"),
            );
        }
        if let Some(v) = &t.value {
            if chars(&v.value) > MAX_TAG_VALUE {
                out.push(
                    s.finding(&super::repl_tag_limits::META, v.span, format!(
                        "rule {rule}: the tag value has {} characters; S3 tag values have at most {MAX_TAG_VALUE}",
                        chars(&v.value)
                    ))
                    .help("tag keys have 1 to 128 characters, values up to 256"),
                );
            }
        }
        if key.is_empty() {
            continue;
        }
        match keys.get(key) {
            Some(first) => out.push(
                s.finding(
                    &super::repl_tag_limits::META,
                    span,
                    format!("rule {rule}: the filter names tag key `{key}` twice; an object has at most one value per key"),
                )
                .related(s.file(), first.span, "the same key here")
                .help("keep one TagFilter per key"),
            ),
            None => {
                keys.insert(key, t);
            }
        }
    }
    if r.replica_modifications.is_some() && !r.is_v2() {
        let span = r.replica_modifications.as_ref().map_or(r.span, |m| m.span);
        out.push(
            s.finding(&super::repl_v1_replica_mods::META, span, format!("rule {rule} has no Filter (V1 schema), where SourceSelectionCriteria.ReplicaModifications is not allowed"))
                .help("convert the rule to V2: add \"Filter\": {\"Prefix\": \"…\"}, a unique \"Priority\" and \"DeleteMarkerReplication\""),
        );
    }
    storage_class(s, out);
    directory(s, out);
    if !r.enabled() {
        return;
    }
    if let Some(span) = filter_empty(r) {
        out.push(s.finding(
            &super::repl_filter_empty::META,
            span,
            format!(
                "rule {rule} has an empty filter: it replicates every new object of the bucket"
            ),
        ));
    }
    if !ts.is_empty() {
        let span = r.filter.as_ref().map_or(r.span, |f| f.span);
        out.push(
            s.finding(&super::repl_tag_after_create::META, span, format!(
                "rule {rule} selects objects by tag: only objects that carry the tag when they are created replicate; tagging an object later does not replicate it"
            ))
            .help("tag objects in the upload request (x-amz-tagging), or replicate later-tagged objects with S3 Batch Replication"),
        );
    }
    if !r.is_v2() {
        out.push(s.finding(&super::repl_dmr_v1_implicit::META, s.rule_span(), format!(
            "rule {rule} uses the V1 schema: delete markers from user DELETE requests are always replicated (not those created by lifecycle rules), and this cannot be turned off; deletes of a specific version are never replicated"
        )));
    }
    let dmr = r.delete_marker_replication.as_ref();
    if let Some(d) = dmr.filter(|d| d.value == "Enabled") {
        out.push(s.finding(&super::repl_del_version::META, d.span, format!(
            "rule {rule} replicates delete markers, but a DELETE that names a version ID is never replicated (the version is removed in the source only), and objects hard-deleted in the destination cannot be re-replicated by Batch Replication"
        )));
    }
    if let Some(d) = dmr.filter(|d| d.value == "Disabled") {
        let named_for_deletes =
            r.id.as_ref()
                .is_some_and(|i| i.value.to_ascii_lowercase().contains("delete"));
        if named_for_deletes && !s.has_tag_filter() {
            out.push(
                s.finding(&super::repl_dmr_default_off::META, d.span, format!(
                    "rule {rule} is named for deletes but DeleteMarkerReplication is Disabled (the V2 default): deleting an object in the source leaves it visible in {}",
                    s.dst_label()
                ))
                .related(s.file(), s.rule_span(), "the rule's ID")
                .help("\"DeleteMarkerReplication\": {\"Status\": \"Enabled\"} (prefix-only filters; the role and the destination policy also need s3:ReplicateDelete)"),
            );
        }
    }
    let rtc_on = s
        .dest
        .and_then(|d| d.replication_time_status.as_ref())
        .is_some_and(|x| x.value == "Enabled");
    if rtc_on && s.replicates_delete_markers() {
        let span = s
            .dest
            .and_then(|d| d.replication_time_span)
            .unwrap_or(r.span);
        out.push(s.finding(&super::repl_dmr_rtc::META, span, format!(
            "rule {rule} has Replication Time Control and replicates delete markers: the 15-minute SLA covers objects, not delete markers"
        )));
    }
}

/// The S3 API `StorageClass` enum, and the classes S3 refuses for replication.
const STORAGE_CLASSES: &[&str] = &[
    "STANDARD",
    "REDUCED_REDUNDANCY",
    "STANDARD_IA",
    "ONEZONE_IA",
    "INTELLIGENT_TIERING",
    "GLACIER",
    "DEEP_ARCHIVE",
    "OUTPOSTS",
    "GLACIER_IR",
    "SNOW",
    "EXPRESS_ONEZONE",
    "FSX_OPENZFS",
    "FSX_ONTAP",
    "AWS_BACKUP_WARM",
    "AWS_BACKUP_LOW_COST_WARM",
];

fn storage_class(s: &Site, out: &mut Vec<Finding>) {
    let Some(sc) = s.dest.and_then(|d| d.storage_class.as_ref()) else {
        return;
    };
    let v = sc.value.as_str();
    if !is_service_symbol_free(v) {
        return;
    }
    let rule = s.rule.label();
    const HELP: &str = "use STANDARD, STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER_IR, GLACIER or DEEP_ARCHIVE (or omit StorageClass to keep the source object's class)";
    if !STORAGE_CLASSES.contains(&v) {
        out.push(
            s.finding(
                &super::repl_storage_class::META,
                sc.span,
                format!("rule {rule}: StorageClass `{v}` is not an S3 storage class (the values are upper case)"),
            )
            .help(HELP),
        );
    } else if v == "FSX_OPENZFS" {
        out.push(
            s.finding(
                &super::repl_storage_class::META,
                sc.span,
                format!("rule {rule}: FSX_OPENZFS is not an accepted value when replicating"),
            )
            .help(HELP),
        );
    } else if matches!(v, "OUTPOSTS" | "SNOW" | "EXPRESS_ONEZONE" | "FSX_ONTAP")
        || v.starts_with("AWS_BACKUP_")
    {
        out.push(
            s.finding_sev(&super::repl_storage_class::META, Severity::Info, sc.span, format!(
                "rule {rule}: StorageClass {v} is not a storage class of a general purpose bucket; whether S3 accepts it for replication is not documented"
            ))
            .help(HELP),
        );
    } else if v == "REDUCED_REDUNDANCY" {
        out.push(
            s.finding_sev(&super::repl_storage_class::META, Severity::Info, sc.span, format!(
                "rule {rule}: REDUCED_REDUNDANCY is a legacy storage class; AWS recommends STANDARD, which is cheaper and more durable"
            ))
            .help(HELP),
        );
    }
}

/// A directory bucket name (`name--azid--x-s3`).
fn directory_name(name: &str) -> bool {
    name.ends_with("--x-s3")
}

/// The `AWS::S3Express::DirectoryBucket` a symbolic destination names (`‹Arn of X in stack s›`).
fn directory_resource<'m>(model: &'m Model, value: &str) -> Option<&'m str> {
    crate::model::ident::generated_refs(value)
        .into_iter()
        .find_map(|(key, lid)| {
            model.opaque.iter().find(|o| {
                o.origin.type_name == "AWS::S3Express::DirectoryBucket"
                    && o.origin.logical_id == lid
                    && o.origin.stack_key == key
            })
        })
        .map(|o| o.origin.logical_id.as_str())
}

fn directory(s: &Site, out: &mut Vec<Finding>) {
    const HELP: &str = "replicate between general purpose buckets (AWS::S3::Bucket); directory buckets (S3 Express One Zone) do not support replication";
    if s.src.is_directory() {
        out.push(
            s.finding(
                &super::repl_dest_directory::META,
                s.config.span,
                format!("{} is a directory bucket: S3 replication supports only general purpose buckets", display(&s.src.name)),
            )
            .help(HELP),
        );
        return;
    }
    let Some(b) = s.dest.and_then(|d| d.bucket.as_ref()) else {
        return;
    };
    let by_name = s
        .dst
        .map(|d| d.name.clone())
        .or_else(|| s3_bucket_of(&b.value).map(str::to_string))
        .or_else(|| {
            // `arn:aws:s3express:<region>:<account>:bucket/<name>`
            b.value.split_once(":bucket/").map(|(_, n)| n.to_string())
        })
        .filter(|n| directory_name(n));
    let what = match (by_name, directory_resource(s.model, &b.value)) {
        (Some(n), _) => format!("`{}`", display(&n)),
        (None, Some(lid)) => format!("the directory bucket {lid}"),
        (None, None) => return,
    };
    out.push(
        s.finding(
            &super::repl_dest_directory::META,
            b.span,
            format!(
                "rule {}: the destination {what} is a directory bucket: S3 replication supports only general purpose buckets",
                s.rule.label()
            ),
        )
        .help(HELP),
    );
}

/// The tags of a rule as (key, value) pairs, for the overlap test.
fn tag_pairs(r: &ReplicationRule) -> Vec<(&str, &str)> {
    tags(r)
        .into_iter()
        .filter_map(|t| {
            Some((
                t.key.as_ref()?.value.as_str(),
                t.value.as_ref().map_or("", |v| v.value.as_str()),
            ))
        })
        .collect()
}

/// An object can carry both tag sets: no key with two different values.
fn tags_compatible(a: &[(&str, &str)], b: &[(&str, &str)]) -> bool {
    let m: HashMap<&str, &str> = a.iter().copied().collect();
    b.iter().all(|(k, v)| m.get(k).is_none_or(|x| x == v))
}

/// REPL-PRIORITY-OVERLAP: enabled V2 rules with the same destination whose filters can select the same
/// key (one prefix starts with the other, and the tag filters do not contradict each other). Rules are
/// sorted by prefix; a stack holds the chain of shorter prefixes of the current one, so each rule is
/// compared with a bounded number of candidates.
fn overlaps(s: &Site, out: &mut Vec<Finding>) {
    let mut by_dest: HashMap<&str, Vec<(String, &ReplicationRule)>> = HashMap::new();
    for r in &s.config.rules {
        if !r.enabled() || !r.is_v2() {
            continue;
        }
        let Some(d) = r.destination.as_ref().and_then(|d| d.bucket.as_ref()) else {
            continue;
        };
        let p = r
            .filter
            .as_ref()
            .and_then(|f| {
                f.prefix
                    .as_ref()
                    .or(f.and.as_ref().and_then(|a| a.prefix.as_ref()))
            })
            .map(|p| p.value.clone())
            .unwrap_or_default();
        by_dest.entry(d.value.as_str()).or_default().push((p, r));
    }
    let mut dests: Vec<_> = by_dest.into_iter().collect();
    dests.sort_by(|a, b| a.0.cmp(b.0));
    for (_, mut rules) in dests {
        rules.sort_by(|a, b| (&a.0, a.1.index).cmp(&(&b.0, b.1.index)));
        let mut stack: Vec<(String, &ReplicationRule)> = Vec::new();
        for (p, r) in rules {
            while stack
                .last()
                .is_some_and(|(q, _)| !p.starts_with(q.as_str()))
            {
                stack.pop();
            }
            let mine = tag_pairs(r);
            let other = stack
                .iter()
                .rev()
                .take(OVERLAP_WINDOW)
                .find(|(_, o)| tags_compatible(&tag_pairs(o), &mine))
                .map(|(_, o)| *o);
            if let Some(o) = other {
                let prio = |x: &ReplicationRule| x.priority.as_ref().map_or(0, |p| p.value);
                let (winner, loser) = if prio(o) >= prio(r) { (o, r) } else { (r, o) };
                out.push(
                    s.finding(&super::repl_priority_overlap::META, loser.priority.as_ref().map_or(loser.span, |p| p.span), format!(
                        "rules {} and {} can select the same objects for the same destination: only rule {} (higher Priority) applies to them, with its delete marker, RTC and encryption settings",
                        loser.label(), winner.label(), winner.label()
                    ))
                    .related(s.file(), winner.priority.as_ref().map_or(winner.span, |p| p.span), "the rule that wins")
                    .help("make the filters disjoint, or give the rule whose settings should win the higher Priority"),
                );
            }
            stack.push((p, r));
        }
    }
}
