//! ROLE-RESOURCE-FORM — a replication action is granted on the wrong resource form (bucket vs objects).
//! Computed by the `requirements` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(RoleResourceForm, "ROLE-RESOURCE-FORM", Error, "A replication action is granted on the wrong resource form (bucket vs objects)");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.requirement_outcomes().emit(META.id, out);
}
