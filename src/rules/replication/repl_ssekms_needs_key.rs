//! REPL-SSEKMS-NEEDS-KEY — sSE-KMS objects opted in without a ReplicaKmsKeyID.
//! Computed by the `configuration` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplSsekmsNeedsKey, "REPL-SSEKMS-NEEDS-KEY", Error, "SSE-KMS objects opted in without a ReplicaKmsKeyID");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.configuration().emit(META.id, out);
}
