//! REPL-PREFIX-NO-SLASH — replication prefix without a trailing slash matches more than one folder.
//! From each rule's prefixes ([`super::rule_facts`]).

use super::Ctx;
use super::repl_prefix_len::MAX_PREFIX;
use super::rule_facts::symbol_free;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplPrefixNoSlash, "REPL-PREFIX-NO-SLASH", Info, "Replication prefix without a trailing slash matches more than one folder");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for (s, facts) in cx.sites_with_facts() {
        if !s.rule.enabled() {
            continue;
        }
        for p in &facts.prefixes {
            // A prefix over the limit is REPL-PREFIX-LEN's.
            if p.value.chars().count() > MAX_PREFIX
                || p.value.is_empty()
                || p.value.ends_with('/')
                || !symbol_free(&p.value)
            {
                continue;
            }
            out.push(
                s.finding(&META, p.span, format!(
                    "rule {}: prefix `{}` has no trailing `/`, so it also matches keys such as `{}…/` (it is a string prefix, not a folder)",
                    s.rule.label(), p.value, p.value
                ))
                .help(format!("if you mean the folder, write \"{}/\"", p.value)),
            );
        }
    }
}
