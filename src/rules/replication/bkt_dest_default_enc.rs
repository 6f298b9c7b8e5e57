//! BKT-DEST-DEFAULT-ENC — destination default encryption does not apply to encrypted replicas.

use crate::model::s3::Bucket;
use crate::model::symbolic::display;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use std::collections::HashSet;
use super::Ctx;
use super::common::Site;

pub const META: RuleMeta = rule_meta!(BktDestDefaultEnc, "BKT-DEST-DEFAULT-ENC", Info, "Destination default encryption does not apply to encrypted replicas");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let mut pair_seen = HashSet::new();
    for s in cx.sites().iter().filter(|s| s.rule.enabled()) {
        let Some(di) = s.dst_index else { continue };
        if pair_seen.insert((s.b, di)) {
            default_encryption(s, out);
        }
    }
}

fn algorithm(b: &Bucket) -> Option<&str> {
    b.encryption
        .iter()
        .find_map(|e| e.sse_algorithm.as_ref())
        .map(|a| a.value.as_str())
}

fn default_encryption(s: &Site, out: &mut Vec<Finding>) {
    let Some(dst) = s.dst else { return };
    // Either side's default encryption not known statically: what the replicas get is not known.
    if dst.encryption_unknown_text().is_some() || s.src.encryption_unknown_text().is_some() {
        return;
    }
    let Some(dalg) = dst.encryption.iter().find_map(|e| e.sse_algorithm.as_ref()) else {
        return;
    };
    if !dalg.value.starts_with("aws:kms") || s.replica_key().is_some() {
        return;
    }
    let salg = algorithm(s.src).unwrap_or("AES256");
    if salg.starts_with("aws:kms") {
        return;
    }
    out.push(
        Finding::new(META.id, META.severity, dst.origin.file, dalg.span, format!(
            "destination {} encrypts with {} by default, but replicas keep the source object's encryption: objects from {} ({salg}, every new object is at least SSE-S3) stay SSE-S3 in the destination",
            display(&dst.name), dalg.value, display(&s.src.name)
        ))
        .resource(Some(dst.origin.logical_id.clone()))
        .related(s.file(), s.rule_span(), "replication rule without ReplicaKmsKeyID")
        .help("to have replicas under a destination KMS key, encrypt the source objects with SSE-KMS and set SseKmsEncryptedObjects + Destination.EncryptionConfiguration.ReplicaKmsKeyID"),
    );
}
