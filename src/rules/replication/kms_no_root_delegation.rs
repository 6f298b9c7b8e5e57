//! KMS-NO-ROOT-DELEGATION — the key policy neither delegates to the account nor names the role.
//! Computed by the `requirements` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(KmsNoRootDelegation, "KMS-NO-ROOT-DELEGATION", Error, "The key policy neither delegates to the account nor names the role");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.requirement_outcomes().emit(META.id, out);
}
