//! REPL-RTC-NEEDS-METRICS — replication Time Control without enabled Metrics.
//! Computed by the `configuration` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplRtcNeedsMetrics, "REPL-RTC-NEEDS-METRICS", Error, "Replication Time Control without enabled Metrics");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.configuration().emit(META.id, out);
}
