//! ROLE-TRUST-S3 — the replication role does not trust s3.amazonaws.com.
//! Computed by the `requirements` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(RoleTrustS3, "ROLE-TRUST-S3", Error, "The replication role does not trust s3.amazonaws.com");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.requirement_outcomes().emit(META.id, out);
}
