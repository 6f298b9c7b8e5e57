//! KMS-REPLICA-KEY-ALIAS — replicaKmsKeyID is not a full key ARN.
//! Computed by the `replica_keys` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("KMS-REPLICA-KEY-ALIAS", Warning, "ReplicaKmsKeyID is not a full key ARN");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.replica_keys().emit(META.id, out);
}
