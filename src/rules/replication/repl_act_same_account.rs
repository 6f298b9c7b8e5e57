//! REPL-ACT-SAME-ACCOUNT — owner override configured for a same-account destination.
//! Computed by the `configuration` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplActSameAccount, "REPL-ACT-SAME-ACCOUNT", Warning, "Owner override configured for a same-account destination");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.configuration().emit(META.id, out);
}
