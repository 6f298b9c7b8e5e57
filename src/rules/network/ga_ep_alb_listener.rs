//! GA-EP-ALB-LISTENER — the load balancer has no listener on a port the accelerator sends to (UNPROVEN
//! when none of its listeners is in the analysed templates, or one's port is not known statically).

use super::ports::fmt_ranges;
use super::reachability::ListenerCover;
use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta, Severity};

pub const META: RuleMeta = rule_meta!(
    GaEpAlbListener, "GA-EP-ALB-LISTENER",
    Warning,
    "The load balancer has no listener on a port the accelerator sends to"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for e in &cx.reach().endpoints {
        let (Some(g), Some(lb)) = (
            m.endpoint_groups.get(e.path.group),
            m.load_balancers.get(e.path.lb),
        ) else {
            continue;
        };
        let f = match &e.listeners {
            ListenerCover::Covered => continue,
            ListenerCover::NoneAnalysed => Finding::new(
                crate::rules::unproven::META.id,
                Severity::Info,
                g.origin.file,
                e.id_span(m),
                format!(
                    "cannot prove that load balancer {} has a listener on tcp {}: none of its listeners is in the analysed templates",
                    lb.origin.logical_id,
                    fmt_ranges(&e.ports)
                ),
            )
            .resource(Some(g.origin.logical_id.clone())),
            ListenerCover::PortUnknown { missing } => Finding::new(
                crate::rules::unproven::META.id,
                Severity::Info,
                g.origin.file,
                e.id_span(m),
                format!(
                    "cannot prove that load balancer {} has a listener on tcp {}: a listener's port or load balancer is not known statically",
                    lb.origin.logical_id,
                    fmt_ranges(missing)
                ),
            )
            .resource(Some(g.origin.logical_id.clone())),
            ListenerCover::Missing { missing, have } => {
                let Some(&(port, _)) = missing.first() else {
                    continue;
                };
                Finding::new(
                    META.id,
                    META.severity,
                    g.origin.file,
                    e.id_span(m),
                    format!(
                        "load balancer {} has no listener on tcp {} where the accelerator sends traffic (its listeners: {})",
                        lb.origin.logical_id,
                        fmt_ranges(missing),
                        fmt_ranges(have)
                    ),
                )
                .label("the accelerator forwards to this load balancer")
                .resource(Some(g.origin.logical_id.clone()))
                .related(lb.origin.file, lb.origin.logical_id_span, "the load balancer")
                .help(format!(
                    "add a listener on port {} to {} (`{{ \"Type\": \"AWS::ElasticLoadBalancingV2::Listener\", \"Properties\": {{ \"LoadBalancerArn\": {{ \"Ref\": \"{}\" }}, \"Port\": {}, \"Protocol\": \"HTTP\", … }} }}`), or a port override in the endpoint group mapping the listener port to a port the load balancer listens on",
                    port, lb.origin.logical_id, lb.origin.logical_id, port
                ))
            }
        };
        out.push(e.with_path(m, f));
    }
}
