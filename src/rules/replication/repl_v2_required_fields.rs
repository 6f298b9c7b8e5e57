//! REPL-V2-REQUIRED-FIELDS — a rule with Filter lacks Priority or DeleteMarkerReplication.
//! Computed by the `configuration` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplV2RequiredFields, "REPL-V2-REQUIRED-FIELDS", Error, "A rule with Filter lacks Priority or DeleteMarkerReplication");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.configuration().emit(META.id, out);
}
