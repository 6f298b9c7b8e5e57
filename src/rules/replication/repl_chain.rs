//! REPL-CHAIN — chained replication: replicas are not replicated again.
//! Computed by the `topology` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("REPL-CHAIN", Warning, "Chained replication: replicas are not replicated again");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.topology().emit(META.id, out);
}
