//! KMS-REPLICA-KEY-OWNER — cross-account replicas encrypted with a source-account key.

use super::replica_keys::replica_keys;
use super::Ctx;
use crate::model::symbolic::display;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(KmsReplicaKeyOwner, "KMS-REPLICA-KEY-OWNER", Warning, "Cross-account replicas encrypted with a source-account key");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for r in replica_keys(cx.sites()) {
        let (s, k) = (r.site, r.id);
        if !r.xacct || r.aws_managed {
            continue;
        }
        if let Some(ka) = r.account.as_ref().filter(|ka| *ka == s.src_account()) {
            out.push(
                s.finding(&META, k.span, format!("replicas in account {} would be encrypted with a key of the source account {}: the destination does not control it", s.dst_account().map(|a| display(&a)).unwrap_or_default(), display(ka)))
                    .help("use a customer managed key owned by the destination account"),
            );
        }
    }
}
