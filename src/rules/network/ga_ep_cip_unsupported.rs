//! GA-EP-CIP-UNSUPPORTED — client IP preservation on an endpoint that does not support it (a Network
//! Load Balancer without security groups or with a TLS listener, an Elastic IP).

use super::{finding, Ctx};
use crate::model::symbolic::display;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    GaEpCipUnsupported, "GA-EP-CIP-UNSUPPORTED",
    Error,
    "Client IP preservation on an endpoint that does not support it"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for g in &m.endpoint_groups {
        for ep in &g.endpoints {
            let Some(id) = &ep.id else { continue };
            let Some(c) = ep.client_ip_preservation.as_ref().filter(|c| c.value) else {
                continue;
            };
            match ep.load_balancer {
                Some(lbi) => {
                    let Some(lb) = m.load_balancers.get(lbi) else {
                        continue;
                    };
                    if lb.type_str() != "network" {
                        continue;
                    }
                    let has_tls = m.listeners_of_load_balancer(lbi).iter().any(|&l| {
                        m.elb_listeners
                            .get(l)
                            .and_then(|l| l.protocol.as_ref())
                            .is_some_and(|p| p.value.eq_ignore_ascii_case("TLS"))
                    });
                    let why = if lb.security_groups.is_empty() {
                        "a Network Load Balancer without security groups"
                    } else if has_tls {
                        "a Network Load Balancer with a TLS listener"
                    } else {
                        continue;
                    };
                    out.push(finding(&META, META.severity, &g.origin, c.span, format!("client IP preservation is not supported for {why} ({})", lb.origin.logical_id)).related(lb.origin.file, lb.origin.logical_id_span, "the load balancer").help("\"ClientIPPreservationEnabled\": false (or attach security groups / remove the TLS listener)"));
                }
                None => {
                    if id.value.starts_with("eipalloc-") {
                        out.push(finding(&META, META.severity, &g.origin, c.span, format!("client IP preservation is not supported for Elastic IP endpoints ({})", display(&id.value))).help("\"ClientIPPreservationEnabled\": false"));
                    }
                }
            }
        }
    }
}
