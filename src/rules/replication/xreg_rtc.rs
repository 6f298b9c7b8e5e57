//! XREG-RTC — replication Time Control on a cross-Region rule is billed per rule.
//! Computed by the `topology` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("XREG-RTC", Info, "Replication Time Control on a cross-Region rule is billed per rule");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.topology().emit(META.id, out);
}
