//! GA-EG-HC-INTERVAL — the health-check interval is 10 or 30 seconds.

use super::{finding, Ctx};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    GaEgHcInterval, "GA-EG-HC-INTERVAL",
    Error,
    "Health-check interval other than 10 or 30 seconds"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for g in &cx.net.m.endpoint_groups {
        if let Some(i) = g
            .health_check_interval
            .as_ref()
            .filter(|i| i.value != 10 && i.value != 30)
        {
            out.push(
                finding(
                    &META,
                    META.severity,
                    &g.origin,
                    i.span,
                    format!("HealthCheckIntervalSeconds {} is not 10 or 30", i.value),
                )
                .help("\"HealthCheckIntervalSeconds\": 30 (or 10)"),
            );
        }
    }
}
