//! REPL-SSEKMS-NEEDS-KEY — SSE-KMS objects opted in without a ReplicaKmsKeyID.
//! From each site's rule and destination ([`super::Ctx::sites`]).

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplSsekmsNeedsKey, "REPL-SSEKMS-NEEDS-KEY", Error, "SSE-KMS objects opted in without a ReplicaKmsKeyID");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites() {
        let Some(d) = s.dest else { continue };
        if s.sse_kms_opt_in() && d.replica_kms_key_id.is_none() {
            let opt = s.rule.sse_kms_encrypted_objects.as_ref();
            out.push(
                s.finding(&META, opt.map_or(s.rule_span(), |o| o.span), format!("rule {} replicates SSE-KMS objects but Destination has no EncryptionConfiguration.ReplicaKmsKeyID", s.rule.label()))
                    .help("add \"EncryptionConfiguration\": {\"ReplicaKmsKeyID\": \"arn:aws:kms:<dest-region>:<dest-account>:key/<id>\"} to the Destination"),
            );
        }
    }
}
