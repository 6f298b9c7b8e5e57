//! GA-EP-SUBNET-IPS — an endpoint with client IP preservation needs free addresses in its load
//! balancer's subnets for the accelerator's network interface.

use super::cidr::parse_cidr;
use super::endpoints::{by_load_balancer, id_span, LbKey};
use super::{finding, Ctx};
use crate::model::ga::Endpoint;
use crate::model::Kind;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use ipnet::IpNet;

pub const META: RuleMeta = rule_meta!(
    GaEpSubnetIps, "GA-EP-SUBNET-IPS",
    Warning,
    "Endpoint with client IP preservation in a subnet too small for the accelerator's network interface"
);

/// Whether client IP preservation is in effect for an endpoint on a modelled load balancer: stated, or
/// the default (on for ALBs, off for NLBs).
fn cip_on(cx: &Ctx, ep: &Endpoint, lb: usize) -> bool {
    match &ep.client_ip_preservation {
        Some(c) => c.value,
        None => cx
            .graph
            .model
            .load_balancers
            .get(lb)
            .is_some_and(|l| l.type_str().eq_ignore_ascii_case("application")),
    }
}

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = &cx.graph.model;
    for (key, us) in by_load_balancer(cx) {
        let LbKey::Idx(lbi) = key else { continue };
        let Some(u) = us.iter().find(|u| cip_on(cx, u.ep, lbi)) else {
            continue;
        };
        let Some(l) = m.load_balancers.get(lbi) else {
            continue;
        };
        for sn in &l.subnets {
            let Some((si, _)) = m.resolve(Kind::Subnet, &sn.value, &l.origin) else {
                continue;
            };
            let Some(s) = m.subnets.get(si) else { continue };
            let Some(c) = &s.cidr else { continue };
            let Some(IpNet::V4(net)) = parse_cidr(&c.value) else {
                continue;
            };
            if net.prefix_len() < 28 {
                continue;
            }
            let usable = (1u64 << (32 - net.prefix_len())).saturating_sub(5);
            let Some(g) = m.endpoint_groups.get(u.group) else {
                continue;
            };
            out.push(
                finding(
                    &META,
                    META.severity,
                    &s.origin,
                    c.span,
                    format!(
                        "subnet {} ({}) of load balancer {} has {usable} usable addresses: with client IP \
                         preservation Global Accelerator adds a network interface in each endpoint subnet, \
                         next to the load balancer's own nodes, and cannot when no address is free",
                        s.origin.logical_id, c.value, l.origin.logical_id
                    ),
                )
                .label("too small for the load balancer and the accelerator's ENI")
                .related(g.origin.file, id_span(u.ep), "endpoint with client IP preservation")
                .help("use subnets of /27 or larger (Elastic Load Balancing asks for at least /27 with 8 free addresses) and keep addresses free for the accelerator"),
            );
        }
    }
}
