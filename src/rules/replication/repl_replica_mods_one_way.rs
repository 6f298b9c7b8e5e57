//! REPL-REPLICA-MODS-ONE-WAY — replica modification sync enabled in one direction only.
//! Computed by the `topology` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!("REPL-REPLICA-MODS-ONE-WAY", Warning, "Replica modification sync enabled in one direction only");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.topology().emit(META.id, out);
}
