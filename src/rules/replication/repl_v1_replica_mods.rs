//! REPL-V1-REPLICA-MODS — ReplicaModifications on a V1 replication rule.
//! From each site's rule and destination ([`super::Ctx::sites`]).

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplV1ReplicaMods, "REPL-V1-REPLICA-MODS", Error, "ReplicaModifications on a V1 replication rule");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites() {
        let r = s.rule;
        let Some(m) = r.replica_modifications.as_ref().filter(|_| !r.is_v2()) else {
            continue;
        };
        out.push(
            s.finding(&META, m.span, format!("rule {} has no Filter (V1 schema), where SourceSelectionCriteria.ReplicaModifications is not allowed", r.label()))
                .help("convert the rule to V2: add \"Filter\": {\"Prefix\": \"…\"}, a unique \"Priority\" and \"DeleteMarkerReplication\""),
        );
    }
}
