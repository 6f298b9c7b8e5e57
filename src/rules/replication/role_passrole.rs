//! ROLE-PASSROLE — who applies the replication configuration cannot pass the role.
//! Computed by the `role_policies` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("ROLE-PASSROLE", Info, "Who applies the replication configuration cannot pass the role");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.role_policies().emit(META.id, out);
}
