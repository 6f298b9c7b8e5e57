//! GA-EP-CIP-INTERNAL — client IP preservation cannot be turned off for an internal Application Load
//! Balancer.

use super::{finding, Ctx};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    GaEpCipInternal, "GA-EP-CIP-INTERNAL",
    Error,
    "Client IP preservation off for an internal load balancer"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for g in &m.endpoint_groups {
        for ep in &g.endpoints {
            let (Some(_), Some(lbi)) = (&ep.id, ep.load_balancer) else {
                continue;
            };
            let Some(lb) = m.load_balancers.get(lbi) else {
                continue;
            };
            let Some(c) = ep.client_ip_preservation.as_ref().filter(|c| !c.value) else {
                continue;
            };
            if lb.scheme_str() == "internal" && lb.type_str() == "application" {
                out.push(finding(&META, META.severity, &g.origin, c.span, format!("client IP preservation is off for internal load balancer {}: it is always on for internal Application Load Balancers, and the API rejects false", lb.origin.logical_id)).related(lb.origin.file, lb.scheme.as_ref().map_or(lb.origin.logical_id_span, |s| s.span), "internal load balancer").help("\"ClientIPPreservationEnabled\": true"));
            }
        }
    }
}
