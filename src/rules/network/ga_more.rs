//! More endpoint rules (rules-spec §10): GA-EP-COLLISION, GA-EP-SUBNET-IPS, GA-EP-ALB-TG-HEALTH.

use super::common::parse_cidr;
use super::{finding, Ctx};
use crate::model::ga::Endpoint;
use crate::model::symbolic::{display, has_symbol};
use crate::model::Kind;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use crate::source::{Node, Span, Value};
use ipnet::IpNet;
use std::collections::BTreeMap;

pub const EP_COLLISION: RuleMeta = rule_meta!(
    GaEpCollision,
    "GA-EP-COLLISION",
    Warning,
    "The same load balancer is an endpoint of several accelerators without port overrides"
);
pub const EP_SUBNET_IPS: RuleMeta = rule_meta!(
    GaEpSubnetIps, "GA-EP-SUBNET-IPS",
    Warning,
    "Endpoint with client IP preservation in a subnet too small for the accelerator's network interface"
);
pub const EP_ALB_TG_HEALTH: RuleMeta = rule_meta!(
    GaEpAlbTgHealth,
    "GA-EP-ALB-TG-HEALTH",
    Warning,
    "ALB endpoint has a target group without registered targets"
);

/// Endpoint → (group index, endpoint) with the accelerator it belongs to.
struct Use<'a> {
    group: usize,
    ep: &'a Endpoint,
    accelerator: Option<usize>,
}

fn id_span(ep: &Endpoint) -> Span {
    ep.id.as_ref().map_or(ep.span, |i| i.span)
}

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    collision(ctx, out);
    subnet_ips(ctx, out);
    tg_health(ctx, out);
}

/// Load balancer identity: the modelled resource, else the literal ARN.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum LbKey {
    Idx(usize),
    Lit(String),
}

fn uses<'a>(ctx: &Ctx<'a>) -> BTreeMap<LbKey, Vec<Use<'a>>> {
    let m = &ctx.graph.model;
    let mut by_lb: BTreeMap<LbKey, Vec<Use>> = BTreeMap::new();
    for (gi, g) in m.endpoint_groups.iter().enumerate() {
        let accelerator = g.listener.and_then(|l| m.ga_listeners[l].accelerator);
        for ep in &g.endpoints {
            let key = match (ep.load_balancer, &ep.id) {
                (Some(i), _) => LbKey::Idx(i),
                (None, Some(id))
                    if !has_symbol(&id.value) && id.value.contains(":loadbalancer/") =>
                {
                    LbKey::Lit(id.value.clone())
                }
                _ => continue,
            };
            by_lb.entry(key).or_default().push(Use {
                group: gi,
                ep,
                accelerator,
            });
        }
    }
    by_lb
}

fn collision(ctx: &Ctx, out: &mut Vec<Finding>) {
    let m = &ctx.graph.model;
    for (key, us) in uses(ctx) {
        let mut accs: Vec<usize> = us.iter().filter_map(|u| u.accelerator).collect();
        accs.sort_unstable();
        accs.dedup();
        if accs.len() < 2 {
            continue;
        }
        // Port overrides on every group but one keep the connections apart.
        let without: Vec<&Use> = us
            .iter()
            .filter(|u| m.endpoint_groups[u.group].port_overrides.is_empty())
            .collect();
        let mut acc_without: Vec<usize> = without.iter().filter_map(|u| u.accelerator).collect();
        acc_without.sort_unstable();
        acc_without.dedup();
        if acc_without.len() < 2 {
            continue;
        }
        let name = match &key {
            LbKey::Idx(i) => m.load_balancers[*i].origin.logical_id.clone(),
            LbKey::Lit(s) => display(s),
        };
        let names: Vec<String> = acc_without
            .iter()
            .map(|a| {
                let acc = &m.accelerators[*a];
                acc.name
                    .as_ref()
                    .map_or_else(|| acc.origin.logical_id.clone(), |n| display(&n.value))
            })
            .collect();
        let first = without[0];
        for u in &without[1..] {
            if u.accelerator == first.accelerator {
                continue;
            }
            let g = &m.endpoint_groups[u.group];
            let fg = &m.endpoint_groups[first.group];
            out.push(
                finding(
                    &EP_COLLISION,
                    EP_COLLISION.severity,
                    &g.origin,
                    id_span(u.ep),
                    format!(
                        "load balancer {name} is an endpoint of {} accelerators ({}) on the same ports: \
                         a client reaching it through both with the same source IP and port collides, \
                         and TCP connections are delayed",
                        names.len(),
                        names.join(", ")
                    ),
                )
                .label("also an endpoint of another accelerator")
                .related(fg.origin.file, id_span(first.ep), "the same load balancer here")
                .help(
                    "give each accelerator its own endpoint ports with \"PortOverrides\": [ { \"ListenerPort\": 443, \
                     \"EndpointPort\": 1443 } ] (and a matching listener on the load balancer), or use one \
                     accelerator per load balancer",
                ),
            );
        }
    }
}

/// Whether client IP preservation is in effect for an endpoint on a modelled load balancer: stated, or
/// the default (on for ALBs, off for NLBs).
fn cip_on(ctx: &Ctx, ep: &Endpoint, lb: usize) -> bool {
    let l = &ctx.graph.model.load_balancers[lb];
    match &ep.client_ip_preservation {
        Some(c) => c.value,
        None => l.type_str().eq_ignore_ascii_case("application"),
    }
}

fn subnet_ips(ctx: &Ctx, out: &mut Vec<Finding>) {
    let m = &ctx.graph.model;
    for (key, us) in uses(ctx) {
        let LbKey::Idx(lbi) = key else { continue };
        let Some(u) = us.iter().find(|u| cip_on(ctx, u.ep, lbi)) else {
            continue;
        };
        let l = &m.load_balancers[lbi];
        for sn in &l.subnets {
            let Some((si, _)) = m.resolve(Kind::Subnet, &sn.value, &l.origin) else {
                continue;
            };
            let s = &m.subnets[si];
            let Some(c) = &s.cidr else { continue };
            let Some(IpNet::V4(net)) = parse_cidr(&c.value) else {
                continue;
            };
            if net.prefix_len() < 28 {
                continue;
            }
            let usable = (1u64 << (32 - net.prefix_len())).saturating_sub(5);
            let g = &m.endpoint_groups[u.group];
            out.push(
                finding(
                    &EP_SUBNET_IPS,
                    EP_SUBNET_IPS.severity,
                    &s.origin,
                    c.span,
                    format!(
                        "subnet {} ({}) of load balancer {} has {usable} usable addresses: with client IP \
                         preservation Global Accelerator adds a network interface in each endpoint subnet, \
                         next to the load balancer's own nodes, and cannot when no address is free",
                        s.origin.logical_id, c.value, l.origin.logical_id
                    ),
                )
                .label("too small for the load balancer and the accelerator's ENI")
                .related(g.origin.file, id_span(u.ep), "endpoint with client IP preservation")
                .help("use subnets of /27 or larger (Elastic Load Balancing asks for at least /27 with 8 free addresses) and keep addresses free for the accelerator"),
            );
        }
    }
}

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
fn registered_elsewhere(ctx: &Ctx, tg: &crate::model::elb::TargetGroup) -> bool {
    let Some(raw) = ctx.net.raw.get(ctx.sources, tg.origin.file) else {
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

fn tg_health(ctx: &Ctx, out: &mut Vec<Finding>) {
    let m = &ctx.graph.model;
    for (key, us) in uses(ctx) {
        let LbKey::Idx(lbi) = key else { continue };
        let l = &m.load_balancers[lbi];
        if !l.type_str().eq_ignore_ascii_case("application") {
            continue;
        }
        let u = &us[0];
        let mut seen = Vec::new();
        for &li in m.listeners_of_load_balancer(lbi) {
            let lst = &m.elb_listeners[li];
            for tga in &lst.target_groups {
                let Some((ti, _)) = m.resolve(Kind::TargetGroup, &tga.value, &lst.origin) else {
                    continue;
                };
                if seen.contains(&ti) {
                    continue;
                }
                seen.push(ti);
                let tg = &m.target_groups[ti];
                if !tg.targets.is_empty() || registered_elsewhere(ctx, tg) {
                    continue;
                }
                let g = &m.endpoint_groups[u.group];
                out.push(
                    finding(
                        &EP_ALB_TG_HEALTH,
                        EP_ALB_TG_HEALTH.severity,
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
