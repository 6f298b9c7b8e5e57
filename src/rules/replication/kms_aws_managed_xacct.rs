//! KMS-AWS-MANAGED-XACCT — an AWS managed key cannot encrypt cross-account replicas.

use super::replica_keys::replica_keys;
use super::Ctx;
use crate::model::symbolic::display;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(KmsAwsManagedXacct, "KMS-AWS-MANAGED-XACCT", Error, "An AWS managed key cannot encrypt cross-account replicas");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for r in replica_keys(cx.sites()) {
        let (s, k) = (r.site, r.id);
        if r.aws_managed && r.xacct {
            out.push(
                s.finding(&META, k.span, format!("ReplicaKmsKeyID `{}` is an AWS managed key: its key policy cannot grant another account, so cross-account replicas fail", display(&k.value)))
                    .help("create a customer managed symmetric key in the destination account and region, grant the replication role in its key policy, and use its key ARN"),
            );
        }
    }
}
