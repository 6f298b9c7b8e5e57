//! XREG-SAME-REGION — same-Region cross-account replication (SRR).

use super::topology::{known_region, pair_dst_region, region_pairs};
use super::Ctx;
use crate::model::symbolic::display;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(XregSameRegion, "XREG-SAME-REGION", Info, "Same-Region cross-account replication (SRR)");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in region_pairs(cx.sites()) {
        let dst_region = pair_dst_region(s);
        let (Some(src), Some(dst)) = (
            known_region(s.src_region()),
            known_region(dst_region.as_deref()),
        ) else {
            continue;
        };
        if src == dst && s.cross_account() == Some(true) {
            out.push(s.finding(&META, s.dest_bucket_span(), format!(
                "{} replicates to {} in the same Region ({src}) of another account: this is Same-Region Replication; every cross-account requirement applies, none of the cross-Region ones",
                display(&s.src.name), s.dst_label()
            )));
        }
    }
}
