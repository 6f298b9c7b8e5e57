//! REPL-ROLE-MISSING — replication configuration without a valid IAM role ARN.
//! Computed by the `configuration` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplRoleMissing, "REPL-ROLE-MISSING", Error, "Replication configuration without a valid IAM role ARN");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.configuration().emit(META.id, out);
}
