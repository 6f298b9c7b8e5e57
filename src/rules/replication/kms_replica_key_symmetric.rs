//! KMS-REPLICA-KEY-SYMMETRIC — the replica key is not a symmetric encryption key.
//! Computed by the `replica_keys` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("KMS-REPLICA-KEY-SYMMETRIC", Error, "The replica key is not a symmetric encryption key");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.replica_keys().emit(META.id, out);
}
