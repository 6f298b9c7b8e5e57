//! ROLE-MISSING-ACTION — the replication role lacks a required permission.
//! Computed by the `requirements` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(RoleMissingAction, "ROLE-MISSING-ACTION", Error, "The replication role lacks a required permission");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.requirement_outcomes().emit(META.id, out);
}
