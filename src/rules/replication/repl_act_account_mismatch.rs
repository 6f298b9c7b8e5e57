//! REPL-ACT-ACCOUNT-MISMATCH — Destination.Account is not the destination bucket's account.
//! From each site's rule and destination ([`super::Ctx::sites`]).

use super::Ctx;
use crate::model::arn::is_account_id;
use crate::model::symbolic::display;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplActAccountMismatch, "REPL-ACT-ACCOUNT-MISMATCH", Warning, "Destination.Account is not the destination bucket's account");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites() {
        let (Some(acct), Some(dst)) = (s.dest.and_then(|d| d.account.as_ref()), s.dst) else {
            continue;
        };
        if is_account_id(&acct.value)
            && is_account_id(&dst.origin.account)
            && acct.value != dst.origin.account
        {
            out.push(
                s.finding(
                    &META,
                    acct.span,
                    format!(
                        "Destination.Account {} is not the owner of {} (account {})",
                        acct.value,
                        display(&dst.name),
                        dst.origin.account
                    ),
                )
                .related(dst.origin.file, dst.origin.logical_id_span, "the destination bucket")
                .help(format!("\"Account\": \"{}\"", dst.origin.account)),
            );
        }
    }
}
