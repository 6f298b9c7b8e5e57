//! REPL-ACT-ACCOUNT-MISMATCH — destination.Account is not the destination bucket's account.
//! Computed by the `configuration` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplActAccountMismatch, "REPL-ACT-ACCOUNT-MISMATCH", Warning, "Destination.Account is not the destination bucket's account");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.configuration().emit(META.id, out);
}
