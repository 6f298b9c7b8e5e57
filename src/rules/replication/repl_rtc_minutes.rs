//! REPL-RTC-MINUTES — RTC and metrics thresholds must be 15 minutes.
//! From each site's rule and destination ([`super::Ctx::sites`]).

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplRtcMinutes, "REPL-RTC-MINUTES", Error, "RTC and metrics thresholds must be 15 minutes");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites() {
        let Some(d) = s.dest else { continue };
        for m in [
            d.replication_time_minutes.as_ref(),
            d.metrics_event_threshold_minutes.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            if m.value != 15 {
                out.push(
                    s.finding(
                        &META,
                        m.span,
                        format!("Minutes is {}; S3 only accepts 15", m.value),
                    )
                    .help("\"Minutes\": 15"),
                );
            }
        }
    }
}
