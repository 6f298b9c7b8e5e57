//! KMS-DST-IAM-XACCT — the role's IAM policy does not allow the destination account's replica key.
//! Computed by the `requirements` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(KmsDstIamXacct, "KMS-DST-IAM-XACCT", Error, "The role's IAM policy does not allow the destination account's replica key");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.requirement_outcomes().emit(META.id, out);
}
