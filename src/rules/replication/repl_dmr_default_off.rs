//! REPL-DMR-DEFAULT-OFF — a rule meant for delete markers does not replicate them.
//! From each site's rule and destination ([`super::Ctx::sites`]).

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplDmrDefaultOff, "REPL-DMR-DEFAULT-OFF", Warning, "A rule meant for delete markers does not replicate them");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites().iter().filter(|s| s.rule.enabled()) {
        let r = s.rule;
        let Some(d) = r.delete_marker_replication.as_ref().filter(|d| d.value == "Disabled") else {
            continue;
        };
        let named_for_deletes =
            r.id.as_ref()
                .is_some_and(|i| i.value.to_ascii_lowercase().contains("delete"));
        if named_for_deletes && !s.has_tag_filter() {
            out.push(
                s.finding(&META, d.span, format!(
                    "rule {} is named for deletes but DeleteMarkerReplication is Disabled (the V2 default): deleting an object in the source leaves it visible in {}",
                    r.label(), s.dst_label()
                ))
                .related(s.file(), s.rule_span(), "the rule's ID")
                .help("\"DeleteMarkerReplication\": {\"Status\": \"Enabled\"} (prefix-only filters; the role and the destination policy also need s3:ReplicateDelete)"),
            );
        }
    }
}
