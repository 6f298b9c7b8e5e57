//! ROLE-PREFIX-SCOPE — the role's object permissions do not cover the rule's prefix.
//! Computed by the `requirements` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(RolePrefixScope, "ROLE-PREFIX-SCOPE", Warning, "The role's object permissions do not cover the rule's prefix");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.requirement_outcomes().emit(META.id, out);
}
