//! XREG-VIASERVICE — cross-region replication: kms:ViaService names the wrong region.
//! Computed by the `requirements` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(XregViaservice, "XREG-VIASERVICE", Error, "Cross-region replication: kms:ViaService names the wrong region");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.requirement_outcomes().emit(META.id, out);
}
