//! ROLE-KMS-RESOURCE-ALIAS — kMS permissions granted on an alias or key id instead of the key ARN.
//! Computed by the `role_policies` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("ROLE-KMS-RESOURCE-ALIAS", Error, "KMS permissions granted on an alias or key id instead of the key ARN");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.role_policies().emit(META.id, out);
}
