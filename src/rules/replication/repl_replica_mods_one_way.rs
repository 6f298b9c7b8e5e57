//! REPL-REPLICA-MODS-ONE-WAY — replica modification sync enabled in one direction only.

use super::common::{may_be_enabled, may_replicate_to, Site};
use super::Ctx;
use crate::model::s3::Bucket;
use crate::model::symbolic::{display, has_symbol};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use std::collections::HashMap;

pub const META: RuleMeta = rule_meta!(ReplReplicaModsOneWay, "REPL-REPLICA-MODS-ONE-WAY", Warning, "Replica modification sync enabled in one direction only");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    // Whether the way back exists, once per (source, destination) pair: linear in the rules, not per rule.
    let mut back: HashMap<(usize, usize), bool> = HashMap::new();
    for s in cx.sites().iter().filter(|s| s.rule.enabled()) {
        replica_mods(s, &mut back, out);
    }
}

/// A rule of `dst` may sync replica modifications back to the source: its status and its
/// ReplicaModifications may be Enabled and its destination may be the source (a value not known
/// statically may be any of these, so the way back is not known to be missing).
fn may_sync_back(s: &Site, dst: &Bucket) -> bool {
    let Some(config) = &dst.replication else {
        return false;
    };
    if config.rules_unknown.is_some() {
        return true;
    }
    config.rules.iter().any(|r| {
        let mods = r
            .replica_modifications
            .as_ref()
            .is_some_and(|x| x.value == "Enabled" || has_symbol(&x.value));
        may_be_enabled(r) && mods && may_replicate_to(r, s.b, &s.src.arn)
    })
}

fn replica_mods(s: &Site, back: &mut HashMap<(usize, usize), bool>, out: &mut Vec<Finding>) {
    let Some(m) = s
        .rule
        .replica_modifications
        .as_ref()
        .filter(|m| m.value == "Enabled")
    else {
        return;
    };
    let (Some(dst), Some(di)) = (s.dst, s.dst_index) else {
        return;
    };
    if *back
        .entry((s.b, di))
        .or_insert_with(|| may_sync_back(s, dst))
    {
        return;
    }
    out.push(
        s.finding(&META, m.span, format!(
            "rule {} syncs replica modifications, but {} has no rule back to {} with ReplicaModifications enabled: metadata changes made in {} never reach {}",
            s.rule.label(), display(&dst.name), display(&s.src.name), display(&dst.name), display(&s.src.name)
        ))
        .related(dst.origin.file, dst.replication.as_ref().map_or(dst.origin.logical_id_span, |c| c.span), "destination bucket")
        .help(format!("on {}, add a rule replicating to {} with \"SourceSelectionCriteria\": {{\"ReplicaModifications\": {{\"Status\": \"Enabled\"}}}}", display(&dst.name), display(&s.src.name))),
    );
}
