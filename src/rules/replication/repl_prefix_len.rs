//! REPL-PREFIX-LEN — replication rule prefix longer than 1024 characters.
//! From each rule's prefixes ([`super::rule_facts`]).

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplPrefixLen, "REPL-PREFIX-LEN", Error, "Replication rule prefix longer than 1024 characters");

/// S3 API `ReplicationRule.Prefix`: up to 1024 characters.
pub const MAX_PREFIX: usize = 1024;

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for (s, facts) in cx.sites_with_facts() {
        for p in &facts.prefixes {
            let n = p.value.chars().count();
            if n > MAX_PREFIX {
                out.push(
                    s.finding(
                        &META,
                        p.span,
                        format!(
                            "rule {}: the prefix has {n} characters; S3 accepts at most {MAX_PREFIX}",
                            s.rule.label()
                        ),
                    )
                    .help("use a shorter prefix (object keys are at most 1024 bytes long)"),
                );
            }
        }
    }
}
