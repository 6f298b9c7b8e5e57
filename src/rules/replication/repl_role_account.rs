//! REPL-ROLE-ACCOUNT — the replication role is not in the source bucket's account.
//! From what each configuration's Role names ([`super::configurations`]).

use super::Ctx;
use super::configurations::ConfiguredRole;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplRoleAccount, "REPL-ROLE-ACCOUNT", Warning, "The replication role is not in the source bucket's account");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for c in cx.configurations() {
        let Some(ConfiguredRole::Arn {
            written,
            foreign_account: Some(account),
            ..
        }) = &c.role
        else {
            continue;
        };
        out.push(
            c.finding(&META, written.span, format!(
                "the replication role is in account {account} but the source bucket is owned by account {}: S3 cannot be passed another account's role",
                c.bucket.origin.account
            ))
            .help("create the replication role in the source bucket's account"),
        );
    }
}
