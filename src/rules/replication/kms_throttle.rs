//! KMS-THROTTLE — sSE-KMS replication without S3 Bucket Keys calls KMS for every object.
//! Computed by the `key_usage` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("KMS-THROTTLE", Info, "SSE-KMS replication without S3 Bucket Keys calls KMS for every object");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.key_usage().emit(META.id, out);
}
