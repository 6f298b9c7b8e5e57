//! GA-EG-UDP-HC — instances and Elastic IPs behind a UDP listener are health-checked over TCP.

use super::endpoints::is_lb;
use super::{finding, Ctx};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    GaEgUdpHc, "GA-EG-UDP-HC",
    Warning,
    "UDP listener: instances are health-checked over TCP"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for g in &m.endpoint_groups {
        let Some(l) = g.listener.and_then(|l| m.ga_listeners.get(l)) else {
            continue;
        };
        if !l
            .protocol
            .as_ref()
            .is_some_and(|p| p.value.eq_ignore_ascii_case("UDP"))
        {
            continue;
        }
        for ep in &g.endpoints {
            if is_lb(ep) {
                continue;
            }
            let Some(id) = &ep.id else { continue };
            if id.value.starts_with("i-") || id.value.starts_with("eipalloc-") {
                let port = g
                    .health_check_port
                    .as_ref()
                    .map_or("the listener port".to_string(), |p| {
                        format!("port {}", p.value)
                    });
                out.push(finding(&META, META.severity, &g.origin, id.span, format!("Global Accelerator health-checks this endpoint of a UDP listener over TCP on {port}: without a TCP server there it is marked unhealthy")).help("run a TCP health endpoint on the endpoint and set \"HealthCheckPort\" to it"));
            }
        }
    }
}
