//! XREG-KEY-REGION — cross-region replication: the replica key is not in the destination region.

use super::replica_keys::report_region_mismatch;
use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(XregKeyRegion, "XREG-KEY-REGION", Error, "Cross-region replication: the replica key is not in the destination region");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    // Within one Region the mismatch is KMS-REPLICA-KEY-REGION's finding.
    report_region_mismatch(cx.sites(), true, &META, out);
}
