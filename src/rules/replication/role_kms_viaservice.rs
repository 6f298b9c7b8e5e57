//! ROLE-KMS-VIASERVICE — a kms:ViaService condition does not match the region S3 calls KMS from.
//! Computed by the `requirements` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(RoleKmsViaservice, "ROLE-KMS-VIASERVICE", Error, "A kms:ViaService condition does not match the region S3 calls KMS from");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.requirement_outcomes().emit(META.id, out);
}
