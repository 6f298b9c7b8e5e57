//! KMS-MRK — replication uses a multi-Region KMS key (S3 treats it as a single-Region key).
//! Computed by the `key_usage` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("KMS-MRK", Info, "Replication uses a multi-Region KMS key (S3 treats it as a single-Region key)");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.key_usage().emit(META.id, out);
}
