//! REPL-DEL-VERSION — version-specific deletes are never replicated.
//! From each site's rule and destination ([`super::Ctx::sites`]).

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplDelVersion, "REPL-DEL-VERSION", Info, "Version-specific deletes are never replicated");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites().iter().filter(|s| s.rule.enabled()) {
        let dmr = s.rule.delete_marker_replication.as_ref();
        if let Some(d) = dmr.filter(|d| d.value == "Enabled") {
            out.push(s.finding(&META, d.span, format!(
                "rule {} replicates delete markers, but a DELETE that names a version ID is never replicated (the version is removed in the source only), and objects hard-deleted in the destination cannot be re-replicated by Batch Replication",
                s.rule.label()
            )));
        }
    }
}
