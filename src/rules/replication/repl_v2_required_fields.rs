//! REPL-V2-REQUIRED-FIELDS — a rule with Filter lacks Priority or DeleteMarkerReplication.
//! From each site's rule and destination ([`super::Ctx::sites`]).

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplV2RequiredFields, "REPL-V2-REQUIRED-FIELDS", Error, "A rule with Filter lacks Priority or DeleteMarkerReplication");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites() {
        let r = s.rule;
        let Some(f) = &r.filter else { continue };
        let mut missing = Vec::new();
        if r.priority.is_none() && !r.priority_written {
            missing.push("Priority");
        }
        if r.delete_marker_replication.is_none() {
            missing.push("DeleteMarkerReplication");
        }
        if !missing.is_empty() {
            out.push(
                s.finding(&META, f.span, format!("rule {} has a Filter (V2 schema) but no {}", r.label(), missing.join(" and ")))
                    .help("with Filter, also set \"Priority\" (unique integer) and \"DeleteMarkerReplication\": {\"Status\": \"Enabled\" | \"Disabled\"}"),
            );
        }
    }
}
