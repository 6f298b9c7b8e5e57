//! REPL-V1-MULTI-DEST — v1 replication configuration with more than one destination bucket.
//! Computed by the `rule_shape` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplV1MultiDest, "REPL-V1-MULTI-DEST", Error, "V1 replication configuration with more than one destination bucket");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.rule_shape().emit(META.id, out);
}
