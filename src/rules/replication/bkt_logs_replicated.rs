//! BKT-LOGS-REPLICATED — logs delivered into a replicated bucket are replicated too.
//! Computed by the `bucket_settings` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("BKT-LOGS-REPLICATED", Info, "Logs delivered into a replicated bucket are replicated too");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.bucket_settings().emit(META.id, out);
}
