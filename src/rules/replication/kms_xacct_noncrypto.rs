//! KMS-XACCT-NONCRYPTO — key policy grants another account operations that do not work across accounts.
//! Computed by the `key_usage` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("KMS-XACCT-NONCRYPTO", Info, "Key policy grants another account operations that do not work across accounts");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.key_usage().emit(META.id, out);
}
