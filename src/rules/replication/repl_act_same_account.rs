//! REPL-ACT-SAME-ACCOUNT — owner override configured for a same-account destination.
//! From each site's rule and destination ([`super::Ctx::sites`]).

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplActSameAccount, "REPL-ACT-SAME-ACCOUNT", Warning, "Owner override configured for a same-account destination");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites() {
        let Some(act) = s.dest.and_then(|d| d.access_control_span) else {
            continue;
        };
        if s.cross_account() == Some(false) {
            out.push(
                s.finding(&META, act, format!("rule {}: owner override to a bucket of the same account: S3 applies it anyway and stops replicating ACL changes", s.rule.label()))
                    .help("remove AccessControlTranslation for same-account replication"),
            );
        }
    }
}
