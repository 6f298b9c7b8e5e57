//! REPL-RULE-STATUS — replication rule Status missing or not Enabled/Disabled.
//! From each rule's status ([`super::rule_facts`]).

use super::Ctx;
use super::rule_facts::Status;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplRuleStatus, "REPL-RULE-STATUS", Error, "Replication rule Status missing or not Enabled/Disabled");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for (s, facts) in cx.sites_with_facts() {
        let rule = s.rule.label();
        match facts.status {
            Status::Missing => out.push(
                s.finding(&META, s.rule_span(), format!("rule {rule} has no Status"))
                    .help("add \"Status\": \"Enabled\""),
            ),
            Status::Invalid(st) => out.push(
                s.finding(
                    &META,
                    st.span,
                    format!(
                        "rule {rule}: Status `{}` is not Enabled or Disabled (case-sensitive)",
                        st.value
                    ),
                )
                .help("use \"Enabled\" or \"Disabled\""),
            ),
            Status::Disabled(_) | Status::EnabledOrUnknown => {}
        }
    }
}
