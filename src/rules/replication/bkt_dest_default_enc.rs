//! BKT-DEST-DEFAULT-ENC — destination default encryption does not apply to encrypted replicas.
//! Computed by the `bucket_settings` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("BKT-DEST-DEFAULT-ENC", Info, "Destination default encryption does not apply to encrypted replicas");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.bucket_settings().emit(META.id, out);
}
