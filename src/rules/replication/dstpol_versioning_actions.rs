//! DSTPOL-VERSIONING-ACTIONS — the destination bucket policy lacks the bucket-level replication actions.
//! Computed by the `requirements` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(DstpolVersioningActions, "DSTPOL-VERSIONING-ACTIONS", Warning, "The destination bucket policy lacks the bucket-level replication actions");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.requirement_outcomes().emit(META.id, out);
}
