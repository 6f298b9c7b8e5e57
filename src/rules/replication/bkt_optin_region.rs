//! BKT-OPTIN-REGION — an account has not enabled an opt-in Region replication needs.
//! Computed by the `topology` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("BKT-OPTIN-REGION", Error, "An account has not enabled an opt-in Region replication needs");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.topology().emit(META.id, out);
}
