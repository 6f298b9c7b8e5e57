//! REPL-TAG-LIMITS — replication tag filter breaks S3 tag limits.
//! Computed by the `rule_shape` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplTagLimits, "REPL-TAG-LIMITS", Error, "Replication tag filter breaks S3 tag limits");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.rule_shape().emit(META.id, out);
}
