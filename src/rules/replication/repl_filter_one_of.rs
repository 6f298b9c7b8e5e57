//! REPL-FILTER-ONE-OF — filter must have exactly one of Prefix, TagFilter, And.
//! Computed by the `configuration` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplFilterOneOf, "REPL-FILTER-ONE-OF", Error, "Filter must have exactly one of Prefix, TagFilter, And");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.configuration().emit(META.id, out);
}
