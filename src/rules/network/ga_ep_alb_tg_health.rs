//! GA-EP-ALB-TG-HEALTH — an ALB endpoint has a target group without registered targets, which makes
//! Global Accelerator consider the whole load balancer unhealthy.

use super::endpoints::{by_load_balancer, id_span, LbKey};
use super::{finding, Ctx};
use crate::model::Kind;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    GaEpAlbTgHealth, "GA-EP-ALB-TG-HEALTH",
    Warning,
    "ALB endpoint has a target group without registered targets"
);

/// Whether something besides ELB listeners may register targets in the group (an Auto Scaling group,
/// an ECS service, a `TargetGroupAttachment`, an export): then its targets are not known statically.
fn registered_elsewhere(cx: &Ctx, tg: &crate::model::elb::TargetGroup) -> bool {
    let Some(stack) = cx.graph.model.stack(&tg.origin.stack_key) else {
        return true;
    };
    stack.referenced_elsewhere(&tg.origin.logical_id, |r| {
        matches!(
            r.type_name.as_str(),
            "AWS::ElasticLoadBalancingV2::Listener" | "AWS::ElasticLoadBalancingV2::ListenerRule"
        )
    })
}

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = &cx.graph.model;
    for (key, us) in by_load_balancer(cx) {
        let LbKey::Idx(lbi) = key else { continue };
        let Some(l) = m.load_balancers.get(lbi) else {
            continue;
        };
        if !l.type_str().eq_ignore_ascii_case("application") {
            continue;
        }
        let Some(u) = us.first() else { continue };
        let Some(g) = m.endpoint_groups.get(u.group) else {
            continue;
        };
        let mut seen = Vec::new();
        for &li in m.listeners_of_load_balancer(lbi) {
            let Some(lst) = m.elb_listeners.get(li) else {
                continue;
            };
            for tga in &lst.target_groups {
                let Some((ti, _)) = m.resolve(Kind::TargetGroup, &tga.value, &lst.origin) else {
                    continue;
                };
                if seen.contains(&ti) {
                    continue;
                }
                seen.push(ti);
                let Some(tg) = m.target_groups.get(ti) else {
                    continue;
                };
                if !tg.targets.is_empty() || registered_elsewhere(cx, tg) {
                    continue;
                }
                out.push(
                    finding(
                        &META,
                        META.severity,
                        &tg.origin,
                        tg.origin.logical_id_span,
                        format!(
                            "target group {} of load balancer {} has no registered targets and nothing in \
                             the templates registers any: Global Accelerator considers the whole load \
                             balancer unhealthy when any of its target groups has no healthy target",
                            tg.origin.logical_id, l.origin.logical_id
                        ),
                    )
                    .label("no targets")
                    .related(g.origin.file, id_span(u.ep), "the load balancer is an accelerator endpoint")
                    .help("register targets (\"Targets\": [ { \"Id\": …, \"Port\": … } ], an Auto Scaling group's TargetGroupARNs, an ECS service) or remove the unused target group from the listener"),
                );
            }
        }
    }
}
