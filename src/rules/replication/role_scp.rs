//! ROLE-SCP — a service control policy blocks the replication role.
//! Computed by the `requirements` analysis: every request of the requirements table that the role makes
//! is evaluated with the SCPs of the role's account as its SCP level; this file emits the SCP denials.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(RoleScp, "ROLE-SCP", Error, "A service control policy blocks the replication role");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.requirement_outcomes().emit(META.id, out);
}
