//! GA-EG-HC-IGNORED-FOR-LB — health-check settings of a group whose endpoints are all load balancers
//! are ignored.

use super::endpoints::is_lb;
use super::{finding, Ctx};
use crate::model::ga::EndpointGroup;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use crate::source::Span;

pub const META: RuleMeta = rule_meta!(
    GaEgHcIgnoredForLb, "GA-EG-HC-IGNORED-FOR-LB",
    Info,
    "Health-check settings are ignored for load balancer endpoints"
);

/// Whether every endpoint of a non-empty group is a load balancer (whose health comes from its
/// target groups).
pub fn only_load_balancers(g: &EndpointGroup) -> bool {
    !g.endpoints.is_empty() && g.endpoints.iter().all(is_lb)
}

/// The first health-check setting written in a group.
fn first_setting(g: &EndpointGroup) -> Option<Span> {
    [
        g.health_check_interval.as_ref().map(|x| x.span),
        g.threshold_count.as_ref().map(|x| x.span),
        g.health_check_protocol.as_ref().map(|x| x.span),
        g.health_check_port.as_ref().map(|x| x.span),
        g.health_check_path.as_ref().map(|x| x.span),
    ]
    .into_iter()
    .flatten()
    .min_by_key(|s| s.start)
}

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for g in &cx.net.m.endpoint_groups {
        let Some(span) = first_setting(g) else {
            continue;
        };
        if only_load_balancers(g) {
            out.push(finding(&META, META.severity, &g.origin, span, "health-check settings of an endpoint group whose endpoints are all load balancers are ignored: Global Accelerator uses the load balancers' target-group health checks").help("configure health checks on the target groups; these settings can be removed"));
        }
    }
}
