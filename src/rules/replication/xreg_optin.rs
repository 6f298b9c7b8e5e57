//! XREG-OPTIN — cross-Region replication to an opt-in Region the source account has not enabled.

use super::topology::{report_opt_in, OptInRule};
use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(XregOptin, "XREG-OPTIN", Error, "Cross-Region replication to an opt-in Region the source account has not enabled");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    report_opt_in(cx, OptInRule::XregOptin, &META, out);
}
