//! XREG-MRK — multi-Region key in replication gives no cross-account shortcut.

use super::common::Site;
use super::Ctx;
use crate::model::arn::Arn;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(XregMrk, "XREG-MRK", Info, "Multi-Region key in replication gives no cross-account shortcut");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites().iter().filter(|s| s.rule.enabled()) {
        mrk(s, out);
    }
}

fn mrk(s: &Site, out: &mut Vec<Finding>) {
    let Some(k) = s.replica_key() else { return };
    let by_model = s
        .dest
        .and_then(|d| d.replica_key_target)
        .and_then(|i| s.model.keys.get(i))
        .is_some_and(|k| k.is_multi_region());
    let by_id = Arn::parse(&k.value).is_some_and(|a| a.type_and_id().1.starts_with("mrk-"));
    if !(by_model || by_id) {
        return;
    }
    out.push(s.finding(&META, k.span, format!(
        "rule {}: the replica key is a multi-Region key; S3 treats it like a single-Region key (replicas are still re-encrypted in the destination Region), and a multi-Region replica is owned by the same account, so it gives no cross-account shortcut",
        s.rule.label()
    )));
}
