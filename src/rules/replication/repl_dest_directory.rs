//! REPL-DEST-DIRECTORY — replication to or from a directory bucket.
//! Computed by the `rule_shape` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplDestDirectory, "REPL-DEST-DIRECTORY", Error, "Replication to or from a directory bucket");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.rule_shape().emit(META.id, out);
}
