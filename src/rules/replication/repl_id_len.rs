//! REPL-ID-LEN — replication rule ID longer than 255 characters.
//! Over each configuration whose rules are known ([`super::configurations`]).

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplIdLen, "REPL-ID-LEN", Error, "Replication rule ID longer than 255 characters");

/// S3 API `ReplicationRule.ID`: up to 255 characters.
const MAX_ID: usize = 255;

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for c in cx.configurations().iter().filter(|c| c.rules_known()) {
        for id in c.config.rules.iter().filter_map(|r| r.id.as_ref()) {
            let n = id.value.chars().count();
            if n > MAX_ID {
                out.push(
                    c.finding(
                        &META,
                        id.span,
                        format!("rule ID has {n} characters; S3 accepts at most {MAX_ID}"),
                    )
                    .help("shorten the Id (it only names the rule)"),
                );
            }
        }
    }
}
