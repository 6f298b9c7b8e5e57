//! REPL-RTC-MINUTES — rTC and metrics thresholds must be 15 minutes.
//! Computed by the `configuration` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplRtcMinutes, "REPL-RTC-MINUTES", Error, "RTC and metrics thresholds must be 15 minutes");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.configuration().emit(META.id, out);
}
