//! KMS-SRC-DECRYPT — the replication role cannot decrypt source objects.
//! Computed by the `requirements` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(KmsSrcDecrypt, "KMS-SRC-DECRYPT", Error, "The replication role cannot decrypt source objects");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.requirement_outcomes().emit(META.id, out);
}
