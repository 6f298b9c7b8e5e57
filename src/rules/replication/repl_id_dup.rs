//! REPL-ID-DUP — two replication rules share an ID.
//! Over each configuration whose rules are known ([`super::configurations`]).

use super::Ctx;
use crate::model::s3::ReplicationRule;
use std::collections::HashMap;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplIdDup, "REPL-ID-DUP", Info, "Two replication rules share an ID");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for c in cx.configurations().iter().filter(|c| c.rules_known()) {
        let mut ids: HashMap<&str, &ReplicationRule> = HashMap::new();
        for r in &c.config.rules {
            let Some(id) = &r.id else { continue };
            match ids.get(id.value.as_str()) {
                Some(first) => out.push(
                    c.finding(&META, id.span, format!("two rules have the ID `{}`: S3 calls it a unique identifier, and replication metrics and failure events name rules by it", id.value))
                        .related(c.bucket.origin.file, first.id.as_ref().map_or(first.span, |i| i.span), "the same ID here")
                        .help("give every rule its own Id"),
                ),
                None => {
                    ids.insert(id.value.as_str(), r);
                }
            }
        }
    }
}
