//! SRCPOL-DENY — a Deny in the source bucket policy blocks replication.
//! Computed by the `requirements` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(SrcpolDeny, "SRCPOL-DENY", Error, "A Deny in the source bucket policy blocks replication");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.requirement_outcomes().emit(META.id, out);
}
