//! KMS-REPLICA-KEY-ALIAS — replicaKmsKeyID is not a full key ARN.

use super::replica_keys::replica_keys;
use super::Ctx;
use crate::model::symbolic::display;
use crate::model::symbolic::has_symbol;
use crate::rules::Severity;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(KmsReplicaKeyAlias, "KMS-REPLICA-KEY-ALIAS", Warning, "ReplicaKmsKeyID is not a full key ARN");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for r in replica_keys(cx.sites()) {
        let (s, k, arn) = (r.site, r.id, &r.arn);
        let lit = k.value.as_str();
        if arn.as_ref().is_some_and(|a| a.resource.starts_with("key/")) || has_symbol(lit) {
            continue;
        }
        let alias_arn_of_dest = arn.as_ref().is_some_and(|a| {
            a.resource.starts_with("alias/") && Some(a.account.clone()) == s.dst_account()
        });
        let sev = if r.xacct && !alias_arn_of_dest {
            Severity::Error
        } else {
            Severity::Warning
        };
        out.push(
            s.finding_sev(&META, sev, k.span, format!("ReplicaKmsKeyID `{}` is not a key ARN: KMS resolves aliases and key ids within the requester's account", display(lit)))
                .help("use the full key ARN: arn:aws:kms:<dest-region>:<dest-account>:key/<key-id>"),
        );
    }
}
