//! XREG-KEY-REGION — cross-region replication: the replica key is not in the destination region.
//! Computed by the `replica_keys` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("XREG-KEY-REGION", Error, "Cross-region replication: the replica key is not in the destination region");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.replica_keys().emit(META.id, out);
}
