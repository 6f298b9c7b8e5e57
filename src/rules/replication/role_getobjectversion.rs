//! ROLE-GETOBJECTVERSION — the role grants s3:GetObjectVersion instead of s3:GetObjectVersionForReplication.
//! Computed by the `requirements` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(RoleGetobjectversion, "ROLE-GETOBJECTVERSION", Error, "The role grants s3:GetObjectVersion instead of s3:GetObjectVersionForReplication");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.requirement_outcomes().emit(META.id, out);
}
