//! XREG-RTC — replication Time Control on a cross-Region rule is billed per rule.

use super::common::Site;
use super::topology::cross_region;
use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(XregRtc, "XREG-RTC", Info, "Replication Time Control on a cross-Region rule is billed per rule");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites().iter().filter(|s| s.rule.enabled()) {
        rtc(s, out);
    }
}

fn rtc(s: &Site, out: &mut Vec<Finding>) {
    let Some(d) = s.dest else { return };
    let on = d
        .replication_time_status
        .as_ref()
        .is_some_and(|x| x.value == "Enabled");
    if !on || !cross_region(s) {
        return;
    }
    out.push(s.finding(&META, d.replication_time_span.unwrap_or(d.span), format!(
        "rule {} has Replication Time Control across Regions: the 15-minute SLA and its metrics apply per rule, and RTC and the metrics are billed per GB in addition to the transfer",
        s.rule.label()
    )));
}
