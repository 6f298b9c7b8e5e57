//! KMS-REPLICA-KEY-VALID — the replica key is disabled.

use super::replica_keys::replica_keys;
use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(KmsReplicaKeyValid, "KMS-REPLICA-KEY-VALID", Error, "The replica key is disabled");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for r in replica_keys(cx.sites()) {
        let (s, k) = (r.site, r.id);
        let Some(t) = r.target.filter(|t| !t.is_enabled()) else {
            continue;
        };
        let span = t
            .enabled
            .as_ref()
            .map_or(t.origin.logical_id_span, |e| e.span);
        out.push(
            s.finding(&META, k.span, format!("the replica key {} is disabled: replication fails with DstKmsKeyInvalidState (PutBucketReplication does not check the key)", t.origin.logical_id))
                .related(t.origin.file, span, "Enabled: false")
                .help("enable the key"),
        );
    }
}
