//! REPL-SRC-GLACIER — source objects in GLACIER or DEEP_ARCHIVE are not replicated.

use super::lifecycle::covering;
use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplSrcGlacier, "REPL-SRC-GLACIER", Info, "Source objects in GLACIER or DEEP_ARCHIVE are not replicated");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites().iter().filter(|s| s.rule.enabled()) {
        let rule = s.rule.label();
        for l in &covering(s) {
            if let Some(t) = l
                .transitions
                .iter()
                .find(|t| t.value == "GLACIER" || t.value == "DEEP_ARCHIVE")
            {
                out.push(
                    s.finding(&META, t.span, format!(
                        "lifecycle moves objects that rule {rule} replicates to {}: objects already in S3 Glacier Flexible Retrieval or Deep Archive are not replicated (an object transitioned before it replicated never reaches {})",
                        t.value, s.dst_label()
                    ))
                    .help("transition only after replication has completed (watch ReplicationStatus), or set the storage class on the replica with Destination.StorageClass instead"),
                );
                break;
            }
        }
    }
}
