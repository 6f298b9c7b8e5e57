//! REPL-RULE-DISABLED — replication rule is disabled.
//! From each rule's status ([`super::rule_facts`]).

use super::Ctx;
use super::rule_facts::Status;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplRuleDisabled, "REPL-RULE-DISABLED", Info, "Replication rule is disabled");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for (s, facts) in cx.sites_with_facts() {
        if let Status::Disabled(st) = facts.status {
            out.push(s.finding(
                &META,
                st.span,
                format!("rule {} is disabled: nothing is replicated for it", s.rule.label()),
            ));
        }
    }
}
