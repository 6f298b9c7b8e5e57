//! REPL-PRIORITY-DUP — two replication rules share a Priority.
//! Computed by the `configuration` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplPriorityDup, "REPL-PRIORITY-DUP", Error, "Two replication rules share a Priority");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.configuration().emit(META.id, out);
}
