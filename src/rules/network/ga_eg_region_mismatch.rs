//! GA-EG-REGION-MISMATCH — an endpoint must be in its endpoint group's Region.

use super::endpoints::{endpoint_region, id_span};
use super::{finding, Ctx};
use crate::model::symbolic::has_symbol;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    GaEgRegionMismatch, "GA-EG-REGION-MISMATCH",
    Error,
    "Endpoint in another Region than its endpoint group"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for g in &m.endpoint_groups {
        let Some(r) = g.region.as_ref().filter(|r| !has_symbol(&r.value)) else {
            continue;
        };
        for ep in &g.endpoints {
            let Some(er) = endpoint_region(m, ep) else {
                continue;
            };
            if er == r.value {
                continue;
            }
            let mut f = finding(&META, META.severity, &g.origin, id_span(ep), format!("endpoint is in {er}, but its endpoint group's EndpointGroupRegion is {}: the API rejects it (\"is not a valid load balancer ARN\")", r.value))
                .label(format!("in {er}"))
                .related(g.origin.file, r.span, "the endpoint group's Region")
                .help(format!("\"EndpointGroupRegion\": \"{er}\" — or move the endpoint to an endpoint group of {er}"));
            if let Some(lb) = ep.load_balancer.and_then(|lb| m.load_balancers.get(lb)) {
                f = f.related(
                    lb.origin.file,
                    lb.origin.logical_id_span,
                    format!("load balancer in {er}"),
                );
            }
            out.push(f);
        }
    }
}
