//! REPL-DMR-V1-IMPLICIT — V1 replication rules always replicate delete markers.
//! From each site's rule and destination ([`super::Ctx::sites`]).

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplDmrV1Implicit, "REPL-DMR-V1-IMPLICIT", Info, "V1 replication rules always replicate delete markers");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites() {
        if !s.rule.enabled() || s.rule.is_v2() {
            continue;
        }
        out.push(s.finding(&META, s.rule_span(), format!(
            "rule {} uses the V1 schema: delete markers from user DELETE requests are always replicated (not those created by lifecycle rules), and this cannot be turned off; deletes of a specific version are never replicated",
            s.rule.label()
        )));
    }
}
