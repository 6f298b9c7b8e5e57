//! REPL-DMR-TAG — delete marker replication on a tag-filtered rule.
//! Computed by the `configuration` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplDmrTag, "REPL-DMR-TAG", Error, "Delete marker replication on a tag-filtered rule");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.configuration().emit(META.id, out);
}
