//! BKT-REQUESTER-PAYS — cross-account replication to a Requester Pays bucket.
//! Computed by the `bucket_settings` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("BKT-REQUESTER-PAYS", Error, "Cross-account replication to a Requester Pays bucket");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.bucket_settings().emit(META.id, out);
}
