//! REPL-REPLICA-MODS-ONE-WAY — replica modification sync enabled in one direction only.

use super::common::Site;
use super::Ctx;
use crate::model::symbolic::display;
use std::collections::HashSet;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplReplicaModsOneWay, "REPL-REPLICA-MODS-ONE-WAY", Warning, "Replica modification sync enabled in one direction only");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    // (bucket, bucket it syncs replica modifications back to), computed once: linear, not per rule.
    let mut syncs_back: HashSet<(usize, usize)> = HashSet::new();
    for s in cx.sites() {
        let mods = s
            .rule
            .replica_modifications
            .as_ref()
            // A status not known statically may be Enabled: the way back is not known to be missing.
            .is_some_and(|x| x.value == "Enabled" || crate::model::symbolic::has_symbol(&x.value));
        if let (true, true, Some(di)) = (s.rule.enabled(), mods, s.dst_index) {
            syncs_back.insert((s.b, di));
        }
    }
    for s in cx.sites().iter().filter(|s| s.rule.enabled()) {
        replica_mods(s, &syncs_back, out);
    }
}

fn replica_mods(s: &Site, syncs_back: &HashSet<(usize, usize)>, out: &mut Vec<Finding>) {
    let Some(m) = s
        .rule
        .replica_modifications
        .as_ref()
        .filter(|m| m.value == "Enabled")
    else {
        return;
    };
    let Some(dst) = s.dst else { return };
    let reverse = s
        .dst_index
        .is_some_and(|di| syncs_back.contains(&(di, s.b)));
    if reverse {
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
