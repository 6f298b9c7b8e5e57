//! XREG-OPTIN — cross-Region replication to an opt-in Region the source account has not enabled.

use super::topology::{opt_in_needs, OptInRule};
use super::Ctx;
use crate::rules::unproven::META as UNPROVEN;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(XregOptin, "XREG-OPTIN", Error, "Cross-Region replication to an opt-in Region the source account has not enabled");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for n in opt_in_needs(cx).iter().filter(|n| n.rule == OptInRule::XregOptin) {
        let (s, account, who, region) = (n.site, &n.account, n.who, &n.region);
        match n.enabled {
            Some(true) => {}
            Some(false) => out.push(
                s.finding(&META, s.dest_bucket_span(), format!(
                    "{region} is an opt-in Region and account {account} ({who}) has not enabled it (trustlint.toml [accounts.\"{account}\"] enabled-regions): replication to {} fails",
                    s.dst_label()
                ))
                .help(format!("enable {region} for account {account} (Account settings → AWS Regions, or `aws account enable-region --region-name {region}`), then list it in enabled-regions")),
            ),
            None => out.push(
                s.finding(&UNPROVEN, s.dest_bucket_span(), format!(
                    "cannot prove that account {account} ({who}) has enabled the opt-in Region {region}, which replication to {} needs ({} when it has not)",
                    s.dst_label(), META.id
                ))
                .help(format!("state it in trustlint.toml: [accounts.\"{account}\"] enabled-regions = [\"{region}\"]")),
            ),
        }
    }
}
