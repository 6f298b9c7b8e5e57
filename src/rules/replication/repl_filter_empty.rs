//! REPL-FILTER-EMPTY — replication rule with an empty filter applies to every object.
//! Computed by the `rule_shape` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplFilterEmpty, "REPL-FILTER-EMPTY", Info, "Replication rule with an empty filter applies to every object");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.rule_shape().emit(META.id, out);
}
