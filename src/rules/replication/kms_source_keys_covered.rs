//! KMS-SOURCE-KEYS-COVERED — a KMS key the source bucket policy requires is not among the role's kms:Decrypt resources.
//! Computed by the `key_usage` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("KMS-SOURCE-KEYS-COVERED", Warning, "A KMS key the source bucket policy requires is not among the role's kms:Decrypt resources");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.key_usage().emit(META.id, out);
}
