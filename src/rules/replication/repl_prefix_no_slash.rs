//! REPL-PREFIX-NO-SLASH — replication prefix without a trailing slash matches more than one folder.
//! Computed by the `rule_shape` analysis with the other checks of its kind; this file emits its findings.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplPrefixNoSlash, "REPL-PREFIX-NO-SLASH", Info, "Replication prefix without a trailing slash matches more than one folder");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.rule_shape().emit(META.id, out);
}
