//! REPL-DMR-V1-IMPLICIT — v1 replication rules always replicate delete markers.
//! Computed by the `rule_shape` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplDmrV1Implicit, "REPL-DMR-V1-IMPLICIT", Info, "V1 replication rules always replicate delete markers");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.rule_shape().emit(META.id, out);
}
