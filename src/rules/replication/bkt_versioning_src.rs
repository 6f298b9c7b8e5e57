//! BKT-VERSIONING-SRC — replication source bucket is not versioned.
//! Computed by the `bucket_versioning` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("BKT-VERSIONING-SRC", Error, "Replication source bucket is not versioned");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.bucket_versioning().emit(META.id, out);
}
