//! GA-LSN-UDP-TO-ALB — a UDP listener sends to an Application Load Balancer, which only accepts TCP.

use super::{finding, Ctx};
use crate::graph::relations::{self, EndpointTarget};
use crate::model::symbolic::has_symbol;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    GaLsnUdpToAlb, "GA-LSN-UDP-TO-ALB",
    Warning,
    "UDP listener in front of an Application Load Balancer"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for (li, l) in m.ga_listeners.iter().enumerate() {
        let udp = l
            .protocol
            .as_ref()
            .is_some_and(|p| !has_symbol(&p.value) && p.value.eq_ignore_ascii_case("UDP"));
        if !udp {
            continue;
        }
        for &gi in m.endpoint_groups_of_listener(li) {
            let Some(g) = m.endpoint_groups.get(gi) else {
                continue;
            };
            for (_, ep, target) in relations::fronted_endpoints(m, gi) {
                let EndpointTarget::LoadBalancer(lb) = target else {
                    continue;
                };
                let Some(lb) = m.load_balancers.get(lb) else {
                    continue;
                };
                if lb.type_str() == "application" {
                    let span = ep.id.as_ref().map_or(ep.span, |i| i.span);
                    out.push(
                        finding(&META, META.severity, &g.origin, span, format!("UDP listener {} sends to Application Load Balancer {}, which only accepts HTTP/HTTPS over TCP", l.origin.logical_id, lb.origin.logical_id))
                            .related(l.origin.file, l.protocol.as_ref().map_or(l.origin.logical_id_span, |p| p.span), "UDP listener")
                            .help("\"Protocol\": \"TCP\" on the listener (or use a Network Load Balancer for UDP)"),
                    );
                }
            }
        }
    }
}
