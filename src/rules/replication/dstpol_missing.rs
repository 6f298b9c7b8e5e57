//! DSTPOL-MISSING — the destination bucket policy does not let the replication role write replicas.
//! Computed by the `requirements` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(DstpolMissing, "DSTPOL-MISSING", Error, "The destination bucket policy does not let the replication role write replicas");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.requirement_outcomes().emit(META.id, out);
}
