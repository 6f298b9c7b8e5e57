//! REPL-DMR-DEFAULT-OFF — a rule meant for delete markers does not replicate them.
//! Computed by the `rule_shape` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplDmrDefaultOff, "REPL-DMR-DEFAULT-OFF", Warning, "A rule meant for delete markers does not replicate them");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.rule_shape().emit(META.id, out);
}
