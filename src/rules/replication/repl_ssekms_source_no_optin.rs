//! REPL-SSEKMS-SOURCE-NO-OPTIN — SSE-KMS source bucket, but the rule does not replicate SSE-KMS objects.
//! From each site's rule and destination ([`super::Ctx::sites`]).

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplSsekmsSourceNoOptin, "REPL-SSEKMS-SOURCE-NO-OPTIN", Error, "SSE-KMS source bucket, but the rule does not replicate SSE-KMS objects");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    // Only rules with a Destination: without one nothing replicates (S3 requires it).
    for s in cx.sites().iter().filter(|s| s.dest.is_some()) {
        if !s.rule.enabled() || !s.sse_kms_opt_out() {
            continue;
        }
        if let Some(alg) = s
            .src
            .encryption
            .iter()
            .find_map(|e| e.sse_algorithm.as_ref())
            .filter(|a| a.value.starts_with("aws:kms"))
        {
            out.push(
                s.finding(&META, s.rule_span(), format!("the source bucket encrypts with {} by default, but rule {} does not replicate SSE-KMS objects: they are silently skipped", alg.value, s.rule.label()))
                    .related(s.file(), alg.span, "default encryption of the source bucket")
                    .help("add \"SourceSelectionCriteria\": {\"SseKmsEncryptedObjects\": {\"Status\": \"Enabled\"}} and a Destination.EncryptionConfiguration.ReplicaKmsKeyID"),
            );
        }
    }
}
