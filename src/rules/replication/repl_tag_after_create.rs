//! REPL-TAG-AFTER-CREATE — tag-filtered replication only sees tags present at creation.
//! Computed by the `rule_shape` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplTagAfterCreate, "REPL-TAG-AFTER-CREATE", Info, "Tag-filtered replication only sees tags present at creation");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.rule_shape().emit(META.id, out);
}
