//! REPL-KEY-NEEDS-SSEKMS — ReplicaKmsKeyID without opting in to SSE-KMS objects.
//! From each site's rule and destination ([`super::Ctx::sites`]).

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplKeyNeedsSsekms, "REPL-KEY-NEEDS-SSEKMS", Warning, "ReplicaKmsKeyID without opting in to SSE-KMS objects");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites() {
        let Some(k) = s.dest.and_then(|d| d.replica_kms_key_id.as_ref()) else {
            continue;
        };
        if s.sse_kms_opt_out() {
            out.push(
                s.finding(&META, k.span, format!("rule {} sets ReplicaKmsKeyID but does not opt in to SSE-KMS objects: they are still skipped", s.rule.label()))
                    .help("add \"SourceSelectionCriteria\": {\"SseKmsEncryptedObjects\": {\"Status\": \"Enabled\"}}"),
            );
        }
    }
}
