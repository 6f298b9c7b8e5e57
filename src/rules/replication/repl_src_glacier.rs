//! REPL-SRC-GLACIER — source objects in GLACIER or DEEP_ARCHIVE are not replicated.
//! Computed by the `bucket_settings` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("REPL-SRC-GLACIER", Info, "Source objects in GLACIER or DEEP_ARCHIVE are not replicated");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.bucket_settings().emit(META.id, out);
}
