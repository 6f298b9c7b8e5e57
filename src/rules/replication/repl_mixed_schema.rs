//! REPL-MIXED-SCHEMA — replication configuration mixes V1 (Prefix) and V2 (Filter) rules.
//! Computed by the `rule_shape` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplMixedSchema, "REPL-MIXED-SCHEMA", Info, "Replication configuration mixes V1 (Prefix) and V2 (Filter) rules");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.rule_shape().emit(META.id, out);
}
