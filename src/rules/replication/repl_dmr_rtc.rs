//! REPL-DMR-RTC — delete marker replication is not covered by the RTC SLA.
//! Computed by the `rule_shape` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplDmrRtc, "REPL-DMR-RTC", Info, "Delete marker replication is not covered by the RTC SLA");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.rule_shape().emit(META.id, out);
}
