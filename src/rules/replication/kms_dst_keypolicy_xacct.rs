//! KMS-DST-KEYPOLICY-XACCT — the replica key policy does not grant the source account's replication role.
//! Computed by the `requirements` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(KmsDstKeypolicyXacct, "KMS-DST-KEYPOLICY-XACCT", Error, "The replica key policy does not grant the source account's replication role");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.requirement_outcomes().emit(META.id, out);
}
