//! REPL-RULE-STATUS — replication rule Status missing or not Enabled/Disabled.
//! Computed by the `configuration` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplRuleStatus, "REPL-RULE-STATUS", Error, "Replication rule Status missing or not Enabled/Disabled");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.configuration().emit(META.id, out);
}
