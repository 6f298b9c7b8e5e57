//! REPL-EXISTING-OBJECTS — existingObjectReplication is no longer supported.
//! Computed by the `configuration` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplExistingObjects, "REPL-EXISTING-OBJECTS", Warning, "ExistingObjectReplication is no longer supported");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.configuration().emit(META.id, out);
}
