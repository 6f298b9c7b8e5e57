//! REPL-DEST-ARN — destination.Bucket is not a bucket ARN.
//! Computed by the `configuration` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplDestArn, "REPL-DEST-ARN", Error, "Destination.Bucket is not a bucket ARN");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.configuration().emit(META.id, out);
}
