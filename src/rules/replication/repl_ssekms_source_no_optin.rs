//! REPL-SSEKMS-SOURCE-NO-OPTIN — sSE-KMS source bucket, but the rule does not replicate SSE-KMS objects.
//! Computed by the `configuration` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplSsekmsSourceNoOptin, "REPL-SSEKMS-SOURCE-NO-OPTIN", Error, "SSE-KMS source bucket, but the rule does not replicate SSE-KMS objects");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.configuration().emit(META.id, out);
}
