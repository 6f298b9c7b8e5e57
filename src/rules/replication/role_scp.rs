//! ROLE-SCP — a service control policy blocks the replication role.
//! Computed by the `role_policies` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("ROLE-SCP", Error, "A service control policy blocks the replication role");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.role_policies().emit(META.id, out);
}
