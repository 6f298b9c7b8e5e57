//! ROLE-TRUST-BATCH — batch Replication role does not trust batchoperations.s3.amazonaws.com.
//! Computed by the `role_policies` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("ROLE-TRUST-BATCH", Warning, "Batch Replication role does not trust batchoperations.s3.amazonaws.com");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.role_policies().emit(META.id, out);
}
