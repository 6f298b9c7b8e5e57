//! XREG-COST — cross-Region replication incurs inter-Region transfer charges.
//! Computed by the `topology` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("XREG-COST", Info, "Cross-Region replication incurs inter-Region transfer charges");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.topology().emit(META.id, out);
}
