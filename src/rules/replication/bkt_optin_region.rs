//! BKT-OPTIN-REGION — an account has not enabled an opt-in Region replication needs.

use super::topology::{report_opt_in, OptInRule};
use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(BktOptinRegion, "BKT-OPTIN-REGION", Error, "An account has not enabled an opt-in Region replication needs");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    report_opt_in(cx, OptInRule::BktOptinRegion, &META, out);
}
