//! REPL-METRICS-THRESHOLD-NO-RTC — Metrics EventThreshold without Replication Time Control.
//! From each rule's destination and whether RTC is on ([`super::rule_facts`]).

use super::Ctx;
use crate::model::symbolic::has_symbol;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta, Severity};

pub const META: RuleMeta = rule_meta!(ReplMetricsThresholdNoRtc, "REPL-METRICS-THRESHOLD-NO-RTC", Error, "Metrics EventThreshold without Replication Time Control");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for (s, facts) in cx.sites_with_facts() {
        let Some(t) = s.dest.and_then(|d| d.metrics_event_threshold_minutes.as_ref()) else {
            continue;
        };
        // A ReplicationTime status not known statically may be Enabled.
        let rtc_may_be_on = s
            .dest
            .and_then(|d| d.replication_time_status.as_ref())
            .is_some_and(|x| has_symbol(&x.value));
        if !facts.rtc_on && !rtc_may_be_on {
            out.push(
                s.finding_sev(&META, Severity::Error, t.span, "Metrics has an EventThreshold but ReplicationTime is absent or disabled: S3 answers InvalidArgument")
                    .help("remove EventThreshold, or enable ReplicationTime (15 minutes)"),
            );
        }
    }
}
