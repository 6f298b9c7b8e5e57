//! GA-EP-CIP-DEFAULT — client IP preservation is left to its default, which differs by endpoint type.

use super::{finding, Ctx};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    GaEpCipDefault, "GA-EP-CIP-DEFAULT",
    Info,
    "Client IP preservation left to its default"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for g in &m.endpoint_groups {
        for ep in &g.endpoints {
            let (Some(id), Some(lbi)) = (&ep.id, ep.load_balancer) else {
                continue;
            };
            // Written, even as a value not known statically, is not "left to its default".
            if ep.client_ip_preservation_written {
                continue;
            }
            let Some(lb) = m.load_balancers.get(lbi) else {
                continue;
            };
            let alb = lb.type_str() == "application";
            let nlb = lb.type_str() == "network";
            if alb || (nlb && !lb.security_groups.is_empty()) {
                let d = if alb {
                    "true for Application Load Balancers"
                } else {
                    "false for Network Load Balancers"
                };
                out.push(finding(&META, META.severity, &g.origin, id.span, format!("ClientIPPreservationEnabled is not set: it defaults to {d} (for new accelerators)")).help(format!("state it: \"ClientIPPreservationEnabled\": {}", if alb { "true" } else { "false" })));
            }
        }
    }
}
