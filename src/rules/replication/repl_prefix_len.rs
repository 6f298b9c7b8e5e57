//! REPL-PREFIX-LEN — replication rule prefix longer than 1024 characters.
//! Computed by the `rule_shape` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplPrefixLen, "REPL-PREFIX-LEN", Error, "Replication rule prefix longer than 1024 characters");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.rule_shape().emit(META.id, out);
}
