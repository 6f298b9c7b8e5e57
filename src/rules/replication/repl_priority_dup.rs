//! REPL-PRIORITY-DUP — two replication rules share a Priority.
//! Among the V2 rules of each configuration ([`super::configurations`]).

use super::Ctx;
use crate::model::s3::ReplicationRule;
use std::collections::HashMap;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplPriorityDup, "REPL-PRIORITY-DUP", Error, "Two replication rules share a Priority");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for c in cx.configurations() {
        let mut prio: HashMap<i64, &ReplicationRule> = HashMap::new();
        for r in &c.config.rules {
            let (true, Some(p)) = (r.is_v2(), r.priority.as_ref()) else {
                continue;
            };
            match prio.get(&p.value) {
                Some(first) => out.push(
                    c.finding(&META, p.span, format!(
                        "rules {} and {} both have Priority {}: S3 rejects the configuration",
                        first.label(), r.label(), p.value
                    ))
                    .related(c.bucket.origin.file, first.priority.as_ref().map_or(first.span, |x| x.span), "the same Priority here")
                    .help("give every rule a unique Priority (a higher number wins where filters overlap)"),
                ),
                None => {
                    prio.insert(p.value, r);
                }
            }
        }
    }
}
