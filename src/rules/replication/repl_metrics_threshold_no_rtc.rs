//! REPL-METRICS-THRESHOLD-NO-RTC — metrics EventThreshold without Replication Time Control.
//! Computed by the `configuration` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplMetricsThresholdNoRtc, "REPL-METRICS-THRESHOLD-NO-RTC", Error, "Metrics EventThreshold without Replication Time Control");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.configuration().emit(META.id, out);
}
