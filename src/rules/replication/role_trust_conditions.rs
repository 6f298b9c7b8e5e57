//! ROLE-TRUST-CONDITIONS — trust policy conditions do not match the replication source.
//! Computed by the `requirements` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(RoleTrustConditions, "ROLE-TRUST-CONDITIONS", Warning, "Trust policy conditions do not match the replication source");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.requirement_outcomes().emit(META.id, out);
}
