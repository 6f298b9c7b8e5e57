//! XREG-COST — cross-Region replication incurs inter-Region transfer charges.

use super::topology::{known_region, pair_dst_region, region_pairs};
use super::Ctx;
use crate::model::symbolic::display;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(XregCost, "XREG-COST", Info, "Cross-Region replication incurs inter-Region transfer charges");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in region_pairs(cx.sites()) {
        let dst_region = pair_dst_region(s);
        let (Some(src), Some(dst)) = (
            known_region(s.src_region()),
            known_region(dst_region.as_deref()),
        ) else {
            continue;
        };
        if src != dst {
            out.push(s.finding(&META, s.dest_bucket_span(), format!(
                "{} ({src}) replicates to {} ({dst}): every replicated byte is billed as inter-Region data transfer (same-Region replication has none)",
                display(&s.src.name), s.dst_label()
            )));
        }
    }
}
