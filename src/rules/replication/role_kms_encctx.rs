//! ROLE-KMS-ENCCTX — an encryption-context condition does not match what S3 sends.
//! Computed by the `requirements` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(RoleKmsEncctx, "ROLE-KMS-ENCCTX", Error, "An encryption-context condition does not match what S3 sends");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.requirement_outcomes().emit(META.id, out);
}
