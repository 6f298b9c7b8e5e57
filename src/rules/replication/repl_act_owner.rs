//! REPL-ACT-OWNER — accessControlTranslation.Owner must be Destination.
//! Computed by the `configuration` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplActOwner, "REPL-ACT-OWNER", Error, "AccessControlTranslation.Owner must be Destination");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.configuration().emit(META.id, out);
}
