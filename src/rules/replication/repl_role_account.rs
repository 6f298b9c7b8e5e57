//! REPL-ROLE-ACCOUNT — the replication role is not in the source bucket's account.
//! Computed by the `configuration` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplRoleAccount, "REPL-ROLE-ACCOUNT", Warning, "The replication role is not in the source bucket's account");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.configuration().emit(META.id, out);
}
