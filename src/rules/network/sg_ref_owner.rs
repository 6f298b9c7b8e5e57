//! SG-REF-OWNER — a reference to another account's security group needs `SourceSecurityGroupOwnerId`.

use super::{rule_finding, Ctx};
use crate::model::arn::is_account_id;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    SgRefOwner, "SG-REF-OWNER",
    Error,
    "Cross-account security group reference without SourceSecurityGroupOwnerId"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for (si, sg) in m.security_groups.iter().enumerate() {
        for r in m.ingress(si).into_iter().chain(m.egress(si)) {
            let (Some(p), Some(peer)) = (&r.peer_group_id, r.peer_group) else {
                continue;
            };
            let Some(other) = m.security_groups.get(peer) else {
                continue;
            };
            let (oa, ta) = (&sg.origin.account, &other.origin.account);
            if is_account_id(oa) && is_account_id(ta) && oa != ta && r.peer_group_owner.is_none() {
                out.push(rule_finding(&META, META.severity, r, sg, p.span, format!("{} references security group {} of account {ta} without SourceSecurityGroupOwnerId", sg.origin.logical_id, other.origin.logical_id))
                    .help(format!("add \"SourceSecurityGroupOwnerId\": \"{ta}\"")));
            }
        }
    }
}
