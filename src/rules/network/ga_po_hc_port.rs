//! GA-PO-HC-PORT — health checks keep using the listener port, not the overridden endpoint port.

use super::endpoints::is_lb;
use super::{finding, Ctx};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    GaPoHcPort, "GA-PO-HC-PORT",
    Info,
    "Health checks do not follow port overrides"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for g in &cx.net.m.endpoint_groups {
        let Some(first) = g.port_overrides.first() else {
            continue;
        };
        if g.listener.is_none() || g.health_check_port.is_some() || g.endpoints.iter().all(is_lb) {
            continue;
        }
        out.push(
            finding(
                &META,
                META.severity,
                &g.origin,
                first.span,
                "health checks keep using the listener port, not the overridden endpoint port",
            )
            .help("set \"HealthCheckPort\" to the endpoint port if the endpoint only listens there"),
        );
    }
}
