//! ROLE-BOUNDARY — the role's permissions boundary does not allow a required action.
//! Computed by the `requirements` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(RoleBoundary, "ROLE-BOUNDARY", Error, "The role's permissions boundary does not allow a required action");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.requirement_outcomes().emit(META.id, out);
}
