//! BKT-OBJLOCK — object Lock source replicating to a bucket without Object Lock.
//! Computed by the `bucket_versioning` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("BKT-OBJLOCK", Error, "Object Lock source replicating to a bucket without Object Lock");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.bucket_versioning().emit(META.id, out);
}
