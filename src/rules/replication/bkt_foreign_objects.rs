//! BKT-FOREIGN-OBJECTS — objects written by other accounts may not be replicated.
//! Computed by the `bucket_settings` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("BKT-FOREIGN-OBJECTS", Warning, "Objects written by other accounts may not be replicated");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.bucket_settings().emit(META.id, out);
}
