//! GA-EP-DUALSTACK — endpoints of a dual-stack accelerator must be dual-stack, internet-facing load
//! balancers that preserve client IPs.

use super::{finding, Ctx};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    GaEpDualstack, "GA-EP-DUALSTACK",
    Error,
    "Endpoint not usable by a dual-stack accelerator"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for g in &m.endpoint_groups {
        let acc = g
            .listener
            .and_then(|l| m.ga_listeners.get(l)?.accelerator)
            .and_then(|a| m.accelerators.get(a));
        let Some(acc) = acc.filter(|a| {
            a.ip_address_type
                .as_ref()
                .is_some_and(|t| t.value == "DUAL_STACK")
        }) else {
            continue;
        };
        for ep in &g.endpoints {
            let (Some(id), Some(lbi)) = (&ep.id, ep.load_balancer) else {
                continue;
            };
            let Some(lb) = m.load_balancers.get(lbi) else {
                continue;
            };
            let internal = lb.scheme_str() == "internal";
            let alb = lb.type_str() == "application";
            let cip = ep.client_ip_preservation.as_ref();
            let why = if internal && alb {
                format!(
                    "{} is internal, and internal load balancers must use ipv4",
                    lb.origin.logical_id
                )
            } else if lb.ip_address_type_str() == "ipv4" {
                format!("{} has IpAddressType ipv4", lb.origin.logical_id)
            } else if cip.is_some_and(|c| !c.value) {
                "client IP preservation is off".to_string()
            } else {
                continue;
            };
            let at = acc
                .ip_address_type
                .as_ref()
                .map_or(acc.origin.logical_id_span, |t| t.span);
            out.push(
                finding(&META, META.severity, &g.origin, id.span, format!("the accelerator is DUAL_STACK but {why}: endpoints of a dual-stack accelerator must be dual-stack and preserve client IPs"))
                    .help("\"IpAddressType\": \"dualstack\" on an internet-facing load balancer, and \"ClientIPPreservationEnabled\": true")
                    .related(acc.origin.file, at, "dual-stack accelerator"),
            );
        }
    }
}
