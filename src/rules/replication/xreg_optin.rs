//! XREG-OPTIN — cross-Region replication to an opt-in Region the source account has not enabled.
//! Computed by the `topology` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("XREG-OPTIN", Error, "Cross-Region replication to an opt-in Region the source account has not enabled");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.topology().emit(META.id, out);
}
