//! GA-EP-CROSS-ACCOUNT — an endpoint of another account needs a cross-account attachment.

use super::{finding, Ctx};
use crate::model::arn::{is_account_id, Arn};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    GaEpCrossAccount, "GA-EP-CROSS-ACCOUNT",
    Error,
    "Endpoint of another account without a cross-account attachment"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for g in &m.endpoint_groups {
        for ep in &g.endpoints {
            let Some(id) = &ep.id else { continue };
            let ep_account = match ep.load_balancer {
                Some(i) => m.load_balancers.get(i).map(|lb| lb.origin.account.clone()),
                None => Arn::parse(&id.value).map(|a| a.account),
            };
            let Some(acct) = ep_account.filter(|a| is_account_id(a)) else {
                continue;
            };
            if is_account_id(&g.origin.account)
                && acct != g.origin.account
                && ep.attachment_arn.is_none()
            {
                out.push(finding(&META, META.severity, &g.origin, id.span, format!("endpoint belongs to account {acct}, the accelerator to {}: a cross-account endpoint needs the AttachmentArn of a cross-account attachment that lists it", g.origin.account)).help("add \"AttachmentArn\": the ARN of an AWS::GlobalAccelerator::CrossAccountAttachment in the endpoint's account that lists this resource and the accelerator's account"));
            }
        }
    }
}
