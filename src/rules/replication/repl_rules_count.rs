//! REPL-RULES-COUNT — replication configuration with no rules or more than 1000.
//! Over each configuration whose rules are known ([`super::configurations`]).

use super::Ctx;
use crate::model::symbolic::display;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplRulesCount, "REPL-RULES-COUNT", Error, "Replication configuration with no rules or more than 1000");

/// S3 API `ReplicationConfiguration`: at most 1000 rules.
const MAX_RULES: usize = 1000;

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for c in cx.configurations().iter().filter(|c| c.rules_known()) {
        let n = c.config.rules.len();
        if n != 0 && n <= MAX_RULES {
            continue;
        }
        let name = display(&c.bucket.name);
        out.push(
            c.finding(
                &META,
                c.config.rules_span.unwrap_or(c.config.span),
                if n == 0 {
                    format!("the replication configuration of {name} has no rules: S3 rejects it")
                } else {
                    format!("the replication configuration of {name} has {n} rules; S3 accepts at most {MAX_RULES}")
                },
            )
            .help(if n == 0 {
                "add at least one rule (Status, Destination.Bucket, and for V2 Filter, Priority, DeleteMarkerReplication), or remove ReplicationConfiguration"
            } else {
                "merge rules that share a destination and settings (a shorter common prefix), or split the data over several source buckets"
            }),
        );
    }
}
