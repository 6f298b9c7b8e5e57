//! DSTPOL-PRINCIPAL-PATH — the bucket policy names the replication role with the wrong path.
//! Computed by the `requirements` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(DstpolPrincipalPath, "DSTPOL-PRINCIPAL-PATH", Error, "The bucket policy names the replication role with the wrong path");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.requirement_outcomes().emit(META.id, out);
}
