//! REPL-ACT-NEEDS-ACCOUNT — accessControlTranslation without Destination.Account.
//! Computed by the `configuration` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplActNeedsAccount, "REPL-ACT-NEEDS-ACCOUNT", Error, "AccessControlTranslation without Destination.Account");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.configuration().emit(META.id, out);
}
