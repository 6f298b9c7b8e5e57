//! REPL-STORAGE-CLASS — replication StorageClass not accepted for replication.
//! Computed by the `rule_shape` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplStorageClass, "REPL-STORAGE-CLASS", Error, "Replication StorageClass not accepted for replication");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.rule_shape().emit(META.id, out);
}
