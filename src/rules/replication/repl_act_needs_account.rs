//! REPL-ACT-NEEDS-ACCOUNT — AccessControlTranslation without Destination.Account.
//! From each site's rule and destination ([`super::Ctx::sites`]).

use super::Ctx;
use crate::model::symbolic::display;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplActNeedsAccount, "REPL-ACT-NEEDS-ACCOUNT", Error, "AccessControlTranslation without Destination.Account");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites() {
        let Some(d) = s.dest else { continue };
        let (Some(act), None) = (d.access_control_span, &d.account) else {
            continue;
        };
        out.push(
            s.finding(
                &META,
                act,
                format!(
                    "rule {}: AccessControlTranslation requires Destination.Account",
                    s.rule.label()
                ),
            )
            .help(format!(
                "add \"Account\": \"{}\" (the destination bucket owner)",
                s.dst_account()
                    .map(|a| display(&a))
                    .unwrap_or_else(|| "<destination account id>".into())
            )),
        );
    }
}
