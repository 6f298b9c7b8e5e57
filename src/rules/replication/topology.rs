//! Rules about how buckets, accounts and Regions are wired together (rules-spec §3, §4, §9): chains of
//! replication, replica modification sync in one direction only, opt-in Regions, and the cross-Region /
//! same-Region facts (cost, RTC, multi-Region keys).

use super::common::{sites, Site};
use super::Ctx;
use crate::model::arn::{is_account_id, Arn};
use crate::model::symbolic::{display, has_symbol};
use crate::rules::unproven::META as UNPROVEN;
use crate::rules::{Finding, RuleMeta};
use std::collections::HashSet;

/// Regions that are disabled until an account opts in (every Region launched after March 20, 2019).
pub(super) const OPT_IN_REGIONS: &[&str] = &[
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-south-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-west-1",
    "eu-central-2",
    "eu-south-1",
    "eu-south-2",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
];

fn prefixes_overlap(a: &str, b: &str) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

pub fn compute(ctx: &Ctx, out: &mut Vec<Finding>) {
    let model = &ctx.graph.model;
    let all = sites(model);
    let mut pair_seen = HashSet::new();
    let mut chain_seen = HashSet::new();
    // (bucket, bucket it syncs replica modifications back to), computed once: linear, not per rule.
    let mut syncs_back: HashSet<(usize, usize)> = HashSet::new();
    for s in &all {
        let mods = s
            .rule
            .replica_modifications
            .as_ref()
            .is_some_and(|x| x.value == "Enabled");
        if let (true, true, Some(di)) = (s.rule.enabled(), mods, s.dst_index) {
            syncs_back.insert((s.b, di));
        }
    }
    for s in &all {
        if !s.rule.enabled() {
            continue;
        }
        if s.dst_index.is_some_and(|di| chain_seen.insert((s.b, di))) {
            chain(s, out);
        }
        replica_mods(s, &syncs_back, out);
        rtc(s, out);
        mrk(s, out);
        let pair = (s.b, s.dst_arn().unwrap_or_else(|| s.dst_label()));
        if pair_seen.insert(pair) {
            regions(s, out);
            optin(ctx, s, out);
        }
    }
}

/// The rule of `B`'s configuration that replicates on what `s` delivered into `B`.
fn chain(s: &Site, out: &mut Vec<Finding>) {
    let (Some(dst), Some(di)) = (s.dst, s.dst_index) else {
        return;
    };
    if di == s.b {
        return;
    }
    let Some(next) = dst.replication.as_ref() else {
        return;
    };
    let prefix = s.prefix();
    for r in &next.rules {
        if !r.enabled() {
            continue;
        }
        let Some(d) = &r.destination else { continue };
        let back =
            d.bucket_target == Some(s.b) || d.bucket.as_ref().is_some_and(|b| b.value == s.src.arn);
        if back {
            continue;
        }
        let next_prefix = match &r.filter {
            Some(f) => f
                .prefix
                .as_ref()
                .or(f.and.as_ref().and_then(|a| a.prefix.as_ref()))
                .map(|p| p.value.clone())
                .unwrap_or_default(),
            None => r
                .prefix
                .as_ref()
                .map(|p| p.value.clone())
                .unwrap_or_default(),
        };
        if !prefixes_overlap(&prefix, &next_prefix) {
            continue;
        }
        let next_dest = d
            .bucket
            .as_ref()
            .map_or("its destination".to_string(), |b| display(&b.value));
        out.push(
            s.finding(&super::repl_chain::META, s.dest_bucket_span(), format!(
                "{} replicates into {}, which replicates on to {} (rule {}): replicas are not replicated again, so objects of {} never reach {}",
                display(&s.src.name), display(&dst.name), next_dest, r.label(), display(&s.src.name), next_dest
            ))
            .related(dst.origin.file, r.id.as_ref().map_or(r.span, |i| i.span), "the next hop's rule")
            .help(format!("add a rule that replicates {} to {next_dest} directly (a configuration may have several destinations), or copy replicas with S3 Batch Replication", display(&s.src.name))),
        );
        return;
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
        s.finding(&super::repl_replica_mods_one_way::META, m.span, format!(
            "rule {} syncs replica modifications, but {} has no rule back to {} with ReplicaModifications enabled: metadata changes made in {} never reach {}",
            s.rule.label(), display(&dst.name), display(&s.src.name), display(&dst.name), display(&s.src.name)
        ))
        .related(dst.origin.file, dst.replication.as_ref().map_or(dst.origin.logical_id_span, |c| c.span), "destination bucket")
        .help(format!("on {}, add a rule replicating to {} with \"SourceSelectionCriteria\": {{\"ReplicaModifications\": {{\"Status\": \"Enabled\"}}}}", display(&dst.name), display(&s.src.name))),
    );
}

fn known_region(r: Option<&str>) -> Option<&str> {
    r.filter(|r| !has_symbol(r) && !r.is_empty())
}

fn regions(s: &Site, out: &mut Vec<Finding>) {
    let Some(src) = known_region(s.src_region()) else {
        return;
    };
    let dst_region = s.dst_region();
    let Some(dst) = known_region(dst_region.as_deref()) else {
        return;
    };
    if src != dst {
        out.push(s.finding(&super::xreg_cost::META, s.dest_bucket_span(), format!(
            "{} ({src}) replicates to {} ({dst}): every replicated byte is billed as inter-Region data transfer (same-Region replication has none)",
            display(&s.src.name), s.dst_label()
        )));
    } else if s.cross_account() == Some(true) {
        out.push(s.finding(&super::xreg_same_region::META, s.dest_bucket_span(), format!(
            "{} replicates to {} in the same Region ({src}) of another account: this is Same-Region Replication; every cross-account requirement applies, none of the cross-Region ones",
            display(&s.src.name), s.dst_label()
        )));
    }
}

fn cross_region(s: &Site) -> bool {
    match (known_region(s.src_region()), s.dst_region()) {
        (Some(a), Some(b)) => !has_symbol(&b) && a != b,
        _ => false,
    }
}

fn rtc(s: &Site, out: &mut Vec<Finding>) {
    let Some(d) = s.dest else { return };
    let on = d
        .replication_time_status
        .as_ref()
        .is_some_and(|x| x.value == "Enabled");
    if !on || !cross_region(s) {
        return;
    }
    out.push(s.finding(&super::xreg_rtc::META, d.replication_time_span.unwrap_or(d.span), format!(
        "rule {} has Replication Time Control across Regions: the 15-minute SLA and its metrics apply per rule, and RTC and the metrics are billed per GB in addition to the transfer",
        s.rule.label()
    )));
}

fn mrk(s: &Site, out: &mut Vec<Finding>) {
    let Some(k) = s.replica_key() else { return };
    let by_model = s
        .dest
        .and_then(|d| d.replica_key_target)
        .is_some_and(|i| s.model.keys[i].is_multi_region());
    let by_id = Arn::parse(&k.value).is_some_and(|a| a.type_and_id().1.starts_with("mrk-"));
    if !(by_model || by_id) {
        return;
    }
    out.push(s.finding(&super::xreg_mrk::META, k.span, format!(
        "rule {}: the replica key is a multi-Region key; S3 treats it like a single-Region key (replicas are still re-encrypted in the destination Region), and a multi-Region replica is owned by the same account, so it gives no cross-account shortcut",
        s.rule.label()
    )));
}

/// Regions known to be enabled for an account: `[accounts."<id>"] enabled-regions` and the Regions its
/// templates are deployed to. `None` when nothing is known about the account's opt-in Regions.
pub(super) fn enabled(ctx: &Ctx, account: &str, region: &str) -> Option<bool> {
    let deployed = ctx
        .graph
        .model
        .account(account)
        .is_some_and(|a| a.regions.contains(region));
    if deployed {
        return Some(true);
    }
    ctx.cfg
        .enabled_regions
        .get(account)
        .map(|rs| rs.iter().any(|r| r == region))
}

fn optin(ctx: &Ctx, s: &Site, out: &mut Vec<Finding>) {
    let Some(dst_region) = s.dst_region().filter(|r| !has_symbol(r)) else {
        return;
    };
    if !OPT_IN_REGIONS.contains(&dst_region.as_str()) {
        return;
    }
    let src_account = s.src_account().to_string();
    let dst_account = s.dst_account();
    // (account, which id, why)
    let mut needs: Vec<(String, &RuleMeta, &str)> = Vec::new();
    if is_account_id(&src_account) {
        let id = if cross_region(s) {
            &super::xreg_optin::META
        } else {
            &super::bkt_optin_region::META
        };
        needs.push((src_account.clone(), id, "the source bucket owner"));
    }
    if let Some(d) = dst_account.filter(|d| is_account_id(d) && *d != src_account) {
        needs.push((
            d,
            &super::bkt_optin_region::META,
            "the destination bucket owner",
        ));
    }
    for (account, meta, who) in needs {
        match enabled(ctx, &account, &dst_region) {
            Some(true) => {}
            Some(false) => out.push(
                s.finding(meta, s.dest_bucket_span(), format!(
                    "{dst_region} is an opt-in Region and account {account} ({who}) has not enabled it (trustlint.toml [accounts.\"{account}\"] enabled-regions): replication to {} fails",
                    s.dst_label()
                ))
                .help(format!("enable {dst_region} for account {account} (Account settings → AWS Regions, or `aws account enable-region --region-name {dst_region}`), then list it in enabled-regions")),
            ),
            None => out.push(
                s.finding(&UNPROVEN, s.dest_bucket_span(), format!(
                    "cannot prove that account {account} ({who}) has enabled the opt-in Region {dst_region}, which replication to {} needs ({} when it has not)",
                    s.dst_label(), meta.id
                ))
                .help(format!("state it in trustlint.toml: [accounts.\"{account}\"] enabled-regions = [\"{dst_region}\"]")),
            ),
        }
    }
}
