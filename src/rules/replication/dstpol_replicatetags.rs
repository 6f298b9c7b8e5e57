//! DSTPOL-REPLICATETAGS — the destination bucket policy does not allow s3:ReplicateTags.
//! Computed by the `requirements` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(DstpolReplicatetags, "DSTPOL-REPLICATETAGS", Warning, "The destination bucket policy does not allow s3:ReplicateTags");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.requirement_outcomes().emit(META.id, out);
}
