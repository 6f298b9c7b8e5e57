//! BKT-OBJLOCK-DEST-RETENTION-POLICY — a retention-restricting destination bucket policy omits s3:ReplicateObject.
//! Computed by the `bucket_settings` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("BKT-OBJLOCK-DEST-RETENTION-POLICY", Warning, "A retention-restricting destination bucket policy omits s3:ReplicateObject");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.bucket_settings().emit(META.id, out);
}
