//! REPL-XACCT-NO-OWNERSHIP — cross-account replicas stay owned by the source account.
//! Computed by the `configuration` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplXacctNoOwnership, "REPL-XACCT-NO-OWNERSHIP", Warning, "Cross-account replicas stay owned by the source account");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.configuration().emit(META.id, out);
}
