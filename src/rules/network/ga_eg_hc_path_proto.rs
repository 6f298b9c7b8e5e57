//! GA-EG-HC-PATH-PROTO — a health-check path is unused with the TCP protocol.

use super::ga_eg_hc_ignored_for_lb::only_load_balancers;
use super::{finding, Ctx};
use crate::model::symbolic::{has_symbol, possible_values};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    GaEgHcPathProto, "GA-EG-HC-PATH-PROTO",
    Warning,
    "Health-check path with the TCP protocol"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for g in &cx.net.m.endpoint_groups {
        // All settings are ignored for load balancers: GA-EG-HC-IGNORED-FOR-LB says it.
        if only_load_balancers(g) {
            continue;
        }
        // A path known only after apply (Terraform fills in a default) may be empty.
        let Some(path) = g
            .health_check_path
            .as_ref()
            .filter(|p| !has_symbol(&p.value))
        else {
            continue;
        };
        // TCP for sure: not written (the default), written TCP, or a choice whose every alternative is
        // TCP or absent; any other unknown may be HTTP(S).
        let tcp = match &g.health_check_protocol {
            None => true,
            Some(p) if has_symbol(&p.value) => possible_values(&p.value)
                .is_some_and(|vs| vs.iter().all(|v| v.as_deref().is_none_or(|v| v == "TCP"))),
            Some(p) => p.value == "TCP",
        };
        if tcp {
            out.push(finding(&META, META.severity, &g.origin, path.span, "HealthCheckPath is set but the health-check protocol is TCP (the default): the path is not used").help("\"HealthCheckProtocol\": \"HTTP\" (or remove HealthCheckPath)"));
        }
    }
}
