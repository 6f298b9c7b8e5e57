//! How buckets, accounts and Regions are wired together (rules-spec §3, §4, §9): the Regions of a
//! replication pair, opt-in Regions and whether an account enabled them. Read by
//! XREG-COST, XREG-SAME-REGION, XREG-RTC, XREG-OPTIN, BKT-OPTIN-REGION and KMS-OPTIN-REGION.

use super::common::{may_be_same, Site};
use super::Ctx;
use crate::model::arn::is_account_id;
use crate::model::symbolic::has_symbol;
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

pub fn known_region(r: Option<&str>) -> Option<&str> {
    r.filter(|r| !has_symbol(r) && !r.is_empty())
}

/// The destination's Region for a Region-pair fact: its bucket's, else the Region its replica key names,
/// but only when the destination bucket is a literal that no bucket of the templates whose name is not
/// known may be (a destination not known statically may be in any Region, whatever its key says: the
/// key may be misplaced, XREG-KEY-REGION).
pub fn pair_dst_region(s: &Site) -> Option<String> {
    if s.dst.is_none() {
        let b = &s.dest?.bucket.as_ref()?.value;
        let namesake = s
            .model
            .buckets
            .iter()
            .any(|x| has_symbol(&x.arn) && may_be_same(&x.arn, b));
        if has_symbol(b) || namesake {
            return None;
        }
    }
    s.dst_region()
}

/// Source and destination Regions are known and differ.
pub fn cross_region(s: &Site) -> bool {
    match (known_region(s.src_region()), s.dst_region()) {
        (Some(a), Some(b)) => !has_symbol(&b) && a != b,
        _ => false,
    }
}

/// The first enabled site of each (source bucket, destination): Region facts are per pair, not per rule.
pub fn region_pairs<'s, 'm>(sites: &'s [Site<'m>]) -> Vec<&'s Site<'m>> {
    let mut pair_seen = HashSet::new();
    sites
        .iter()
        .filter(|s| s.rule.enabled())
        .filter(|s| pair_seen.insert((s.b, s.dst_arn().unwrap_or_else(|| s.dst_label()))))
        .collect()
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

/// Which rule an account that has not enabled the destination's opt-in Region breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptInRule {
    /// The source owner, replicating across Regions (XREG-OPTIN).
    XregOptin,
    /// The source owner within one Region, or the destination owner (BKT-OPTIN-REGION).
    BktOptinRegion,
}

/// An account that must have enabled the opt-in Region a replication pair writes to.
pub struct OptInNeed<'s, 'm> {
    pub site: &'s Site<'m>,
    /// The destination's Region (an opt-in Region).
    pub region: String,
    pub account: String,
    /// The account's role in the pair ("the source bucket owner").
    pub who: &'static str,
    pub rule: OptInRule,
    /// Whether the account enabled the Region; `None` when nothing says.
    pub enabled: Option<bool>,
}

/// Every (pair, account) that needs the destination's opt-in Region enabled.
pub fn opt_in_needs<'s, 'm>(cx: &'s Ctx<'m>) -> Vec<OptInNeed<'s, 'm>> {
    let mut needs = Vec::new();
    for s in region_pairs(cx.sites()) {
        let Some(dst_region) = s.dst_region().filter(|r| !has_symbol(r)) else {
            continue;
        };
        if !OPT_IN_REGIONS.contains(&dst_region.as_str()) {
            continue;
        }
        let src_account = s.src_account().to_string();
        let dst_account = s.dst_account();
        let mut of_pair: Vec<(String, OptInRule, &'static str)> = Vec::new();
        if is_account_id(&src_account) {
            let rule = if cross_region(s) {
                OptInRule::XregOptin
            } else {
                OptInRule::BktOptinRegion
            };
            of_pair.push((src_account.clone(), rule, "the source bucket owner"));
        }
        if let Some(d) = dst_account.filter(|d| is_account_id(d) && *d != src_account) {
            of_pair.push((d, OptInRule::BktOptinRegion, "the destination bucket owner"));
        }
        for (account, rule, who) in of_pair {
            needs.push(OptInNeed {
                site: s,
                region: dst_region.clone(),
                enabled: enabled(cx, &account, &dst_region),
                account,
                who,
                rule,
            });
        }
    }
    needs
}

/// The opt-in Regions an account has not enabled (`meta`) or may not have (UNPROVEN), for the needs of one
/// rule: XREG-OPTIN and BKT-OPTIN-REGION report the same fact for different owners.
pub fn report_opt_in(
    cx: &Ctx,
    rule: OptInRule,
    meta: &crate::rules::RuleMeta,
    out: &mut Vec<crate::rules::Finding>,
) {
    for n in opt_in_needs(cx).iter().filter(|n| n.rule == rule) {
        let (s, account, who, region) = (n.site, &n.account, n.who, &n.region);
        match n.enabled {
            Some(true) => {}
            Some(false) => out.push(
                s.finding(meta, s.dest_bucket_span(), format!(
                    "{region} is an opt-in Region and account {account} ({who}) has not enabled it (trustlint.toml [accounts.\"{account}\"] enabled-regions): replication to {} fails",
                    s.dst_label()
                ))
                .help(format!("enable {region} for account {account} (Account settings → AWS Regions, or `aws account enable-region --region-name {region}`), then list it in enabled-regions")),
            ),
            None => out.push(
                s.finding(&crate::rules::unproven::META, s.dest_bucket_span(), format!(
                    "cannot prove that account {account} ({who}) has enabled the opt-in Region {region}, which replication to {} needs ({} when it has not)",
                    s.dst_label(), meta.id
                ))
                .help(format!("state it in trustlint.toml: [accounts.\"{account}\"] enabled-regions = [\"{region}\"]")),
            ),
        }
    }
}
