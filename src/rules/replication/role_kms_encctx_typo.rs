//! ROLE-KMS-ENCCTX-TYPO — encryption-context condition key S3 never sends.
//! Computed by the `role_policies` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("ROLE-KMS-ENCCTX-TYPO", Warning, "Encryption-context condition key S3 never sends");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.role_policies().emit(META.id, out);
}
