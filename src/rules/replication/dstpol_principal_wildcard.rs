//! DSTPOL-PRINCIPAL-WILDCARD — destination bucket policy names the replication role with a partial wildcard.
//! Computed by the `bucket_settings` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("DSTPOL-PRINCIPAL-WILDCARD", Error, "Destination bucket policy names the replication role with a partial wildcard");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.bucket_settings().emit(META.id, out);
}
