//! REPL-KEY-NEEDS-SSEKMS — replicaKmsKeyID without opting in to SSE-KMS objects.
//! Computed by the `configuration` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplKeyNeedsSsekms, "REPL-KEY-NEEDS-SSEKMS", Warning, "ReplicaKmsKeyID without opting in to SSE-KMS objects");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.configuration().emit(META.id, out);
}
