//! KMS-XACCT-ROOT-ONLY-IAM — key policy grants another account as a whole: its administrators choose the principals.
//! Computed by the `key_usage` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("KMS-XACCT-ROOT-ONLY-IAM", Info, "Key policy grants another account as a whole: its administrators choose the principals");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.key_usage().emit(META.id, out);
}
