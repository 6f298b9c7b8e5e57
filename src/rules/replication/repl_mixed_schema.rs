//! REPL-MIXED-SCHEMA — replication configuration mixes V1 (Prefix) and V2 (Filter) rules.
//! Over each configuration whose rules are known ([`super::configurations`]).

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplMixedSchema, "REPL-MIXED-SCHEMA", Info, "Replication configuration mixes V1 (Prefix) and V2 (Filter) rules");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for c in cx.configurations().iter().filter(|c| c.rules_known()) {
        // V1 (no Filter) and V2 (Filter) rules together.
        let v2 = c.config.rules.iter().find(|r| r.is_v2());
        let v1 = c.config.rules.iter().find(|r| !r.is_v2());
        let (Some(v1), Some(v2)) = (v1, v2) else {
            continue;
        };
        out.push(
            c.finding(&META, v1.prefix.as_ref().map_or(v1.span, |p| p.span), format!(
                "rule {} uses the V1 schema (rule-level Prefix, no Filter) while rule {} uses V2 (Filter): whether S3 rejects the mix or reads it as V2 is not documented",
                v1.label(), v2.label()
            ))
            .related(c.bucket.origin.file, v2.filter.as_ref().map_or(v2.span, |f| f.span), "a V2 rule")
            .help("use one schema: give every rule a Filter (\"Filter\": {\"Prefix\": \"…\"}), a unique Priority and DeleteMarkerReplication"),
        );
    }
}
