//! REPL-V1-REPLICA-MODS — replicaModifications on a V1 replication rule.
//! Computed by the `rule_shape` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplV1ReplicaMods, "REPL-V1-REPLICA-MODS", Error, "ReplicaModifications on a V1 replication rule");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.rule_shape().emit(META.id, out);
}
