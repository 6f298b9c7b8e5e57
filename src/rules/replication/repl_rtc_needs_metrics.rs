//! REPL-RTC-NEEDS-METRICS — Replication Time Control without enabled Metrics.
//! From each rule's destination and whether RTC is on ([`super::rule_facts`]).

use super::Ctx;
use crate::model::symbolic::has_symbol;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplRtcNeedsMetrics, "REPL-RTC-NEEDS-METRICS", Error, "Replication Time Control without enabled Metrics");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for (s, facts) in cx.sites_with_facts() {
        let Some(d) = s.dest else { continue };
        let Some(rt) = d.replication_time_span else {
            continue;
        };
        // Metrics (or its Status) not known statically may be enabled with a threshold: no finding.
        let metrics_unknown = d
            .metrics_status
            .as_ref()
            .is_some_and(|m| has_symbol(&m.value));
        let metrics_ok = metrics_unknown
            || d.metrics_status
                .as_ref()
                .is_some_and(|m| m.value == "Enabled")
                && d.metrics_event_threshold_span.is_some();
        if d.metrics_span.is_none() || (facts.rtc_on && !metrics_ok) {
            out.push(
                s.finding(&META, rt, format!("rule {}: ReplicationTime needs a Metrics block with Status Enabled and EventThreshold", s.rule.label()))
                    .help("add \"Metrics\": {\"Status\": \"Enabled\", \"EventThreshold\": {\"Minutes\": 15}}"),
            );
        }
    }
}
