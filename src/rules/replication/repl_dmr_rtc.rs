//! REPL-DMR-RTC — delete marker replication is not covered by the RTC SLA.
//! From each rule's delete marker replication and whether RTC is on ([`super::rule_facts`]).

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplDmrRtc, "REPL-DMR-RTC", Info, "Delete marker replication is not covered by the RTC SLA");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for (s, facts) in cx.sites_with_facts() {
        if !s.rule.enabled() || !facts.rtc_on || !s.replicates_delete_markers() {
            continue;
        }
        let span = s
            .dest
            .and_then(|d| d.replication_time_span)
            .unwrap_or(s.rule.span);
        out.push(s.finding(&META, span, format!(
            "rule {} has Replication Time Control and replicates delete markers: the 15-minute SLA covers objects, not delete markers",
            s.rule.label()
        )));
    }
}
