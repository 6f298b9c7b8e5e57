//! REPL-DMR-TAG — delete marker replication on a tag-filtered rule.
//! From each site's rule and destination ([`super::Ctx::sites`]).

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplDmrTag, "REPL-DMR-TAG", Error, "Delete marker replication on a tag-filtered rule");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites() {
        let r = s.rule;
        let Some(f) = &r.filter else { continue };
        let Some(d) = r.delete_marker_replication.as_ref().filter(|d| d.value == "Enabled") else {
            continue;
        };
        if s.has_tag_filter() {
            out.push(
                s.finding(&META, d.span, format!("rule {} filters by tag and enables delete marker replication: S3 rejects this", r.label()))
                    .related(s.file(), f.span, "tag-based filter")
                    .help("delete markers have no tags: replicate them with a separate prefix-only rule, or set DeleteMarkerReplication to Disabled"),
            );
        }
    }
}
