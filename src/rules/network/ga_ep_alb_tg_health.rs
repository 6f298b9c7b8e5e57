//! GA-EP-ALB-TG-HEALTH — an ALB endpoint has a target group without registered targets, which makes
//! Global Accelerator consider the whole load balancer unhealthy.

use super::endpoints::{by_load_balancer, id_span, LbKey};
use super::{finding, Ctx};
use crate::model::Kind;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use crate::source::{Node, Value};

pub const META: RuleMeta = rule_meta!(
    GaEpAlbTgHealth, "GA-EP-ALB-TG-HEALTH",
    Warning,
    "ALB endpoint has a target group without registered targets"
);

/// Whether a raw template node refers to `id` (`Ref`, `Fn::GetAtt`, `Fn::Sub` `${id}`).
fn refers(n: &Node, id: &str) -> bool {
    match &n.value {
        Value::Object(members) => members.iter().any(|mb| {
            let direct = match mb.key.as_str() {
                "Ref" => mb.value.as_str() == Some(id),
                "Fn::GetAtt" => match &mb.value.value {
                    Value::Array(a) => a.first().and_then(Node::as_str) == Some(id),
                    Value::String(s) => s.split('.').next() == Some(id),
                    _ => false,
                },
                _ => false,
            };
            direct || refers(&mb.value, id)
        }),
        Value::Array(items) => items.iter().any(|i| refers(i, id)),
        Value::String(s) => s.contains(&format!("${{{id}}}")) || s.contains(&format!("${{{id}.")),
        _ => false,
    }
}

/// Whether something besides ELB listeners may register targets in the group (an Auto Scaling group,
/// an ECS service, a `TargetGroupAttachment`, an export): then its targets are not known statically.
fn registered_elsewhere(cx: &Ctx, tg: &crate::model::elb::TargetGroup) -> bool {
    let Some(raw) = cx.net.raw.get(cx.sources, tg.origin.file) else {
        return true;
    };
    if raw
        .get("Outputs")
        .is_some_and(|o| refers(o, &tg.origin.logical_id))
    {
        return true;
    }
    let Some(Value::Object(resources)) = raw.get("Resources").map(|r| &r.value) else {
        return true;
    };
    resources.iter().any(|r| {
        if r.key == tg.origin.logical_id {
            return false;
        }
        let ty = r.value.get("Type").and_then(Node::as_str).unwrap_or("");
        if matches!(
            ty,
            "AWS::ElasticLoadBalancingV2::Listener" | "AWS::ElasticLoadBalancingV2::ListenerRule"
        ) {
            return false;
        }
        r.value
            .get("Properties")
            .is_some_and(|p| refers(p, &tg.origin.logical_id))
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
