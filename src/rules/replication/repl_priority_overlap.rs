//! REPL-PRIORITY-OVERLAP — overlapping replication rules: only the higher priority applies.
//! Computed by the `rule_shape` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplPriorityOverlap, "REPL-PRIORITY-OVERLAP", Info, "Overlapping replication rules: only the higher priority applies");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.rule_shape().emit(META.id, out);
}
