//! KMS-REPLICA-KEY-REGION — the replica key is not in the destination bucket's region.

use super::replica_keys::report_region_mismatch;
use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(KmsReplicaKeyRegion, "KMS-REPLICA-KEY-REGION", Error, "The replica key is not in the destination bucket's region");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    // Across Regions the mismatch is XREG-KEY-REGION's finding.
    report_region_mismatch(cx.sites(), false, &META, out);
}
