//! DSTPOL-REPLICATEDELETE — the destination bucket policy does not allow s3:ReplicateDelete.
//! Computed by the `requirements` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(DstpolReplicatedelete, "DSTPOL-REPLICATEDELETE", Error, "The destination bucket policy does not allow s3:ReplicateDelete");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.requirement_outcomes().emit(META.id, out);
}
