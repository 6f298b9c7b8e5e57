//! DSTPOL-SIZE — replication bucket policy larger than 20 KB.
//! Computed by the `bucket_settings` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("DSTPOL-SIZE", Error, "Replication bucket policy larger than 20 KB");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.bucket_settings().emit(META.id, out);
}
