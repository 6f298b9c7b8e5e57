//! DSTPOL-OWNER-OVERRIDE — the destination bucket policy does not allow the owner override.
//! Computed by the `requirements` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(DstpolOwnerOverride, "DSTPOL-OWNER-OVERRIDE", Error, "The destination bucket policy does not allow the owner override");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.requirement_outcomes().emit(META.id, out);
}
