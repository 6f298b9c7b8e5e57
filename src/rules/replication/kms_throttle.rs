//! KMS-THROTTLE — sSE-KMS replication without S3 Bucket Keys calls KMS for every object.

use super::common::{bucket_key_on, bucket_key_unknown};
use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(KmsThrottle, "KMS-THROTTLE", Info, "SSE-KMS replication without S3 Bucket Keys calls KMS for every object");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites() {
        if let Some(k) = s.replica_key() {
            // A multi-Region replica key is XREG-MRK's finding.
            // Throttling: every replicated SSE-KMS object costs KMS requests unless Bucket Keys are on.
            // Bucket Keys not known statically may be on: no finding.
            let dst_bk = s
                .dst
                .is_some_and(|d| bucket_key_on(d) || bucket_key_unknown(d).is_some());
            let src_bk = bucket_key_on(s.src) || bucket_key_unknown(s.src).is_some();
            if s.sse_kms_opt_in() && !src_bk && !dst_bk {
                let span = s
                    .rule
                    .sse_kms_encrypted_objects
                    .as_ref()
                    .map_or(k.span, |x| x.span);
                out.push(
                    s.finding(&META, span, "SSE-KMS objects are replicated without S3 Bucket Keys: each object costs KMS Decrypt and Encrypt requests, and a high volume can exceed the KMS request quotas (requests are throttled and replication is delayed)")
                        .label("one KMS call per object and operation")
                        .help("enable S3 Bucket Keys (\"BucketKeyEnabled\": true in the default encryption of the source and destination buckets) or request a KMS quota increase for high volumes"),
                );
            }
        }
    }
}
