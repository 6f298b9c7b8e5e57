//! REPL-RULES-COUNT — replication configuration with no rules or more than 1000.
//! Computed by the `rule_shape` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplRulesCount, "REPL-RULES-COUNT", Error, "Replication configuration with no rules or more than 1000");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.rule_shape().emit(META.id, out);
}
