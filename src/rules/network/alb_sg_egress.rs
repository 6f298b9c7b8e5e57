//! ALB-SG-EGRESS — when a load balancer's security groups restrict egress, they must still let it reach
//! its targets on the traffic port and the health-check port.

use super::ports::{subtract, tcp_ports, Ports, Range};
use super::rule_source::{rule_file, rule_resource};
use super::Ctx;
use crate::graph::relations;
use crate::model::Kind;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use crate::source::{FileId, Span};

pub const META: RuleMeta = rule_meta!(
    AlbSgEgress, "ALB-SG-EGRESS",
    Error,
    "The load balancer's security groups block traffic to its targets"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for (lbi, lb) in m.load_balancers.iter().enumerate() {
        if lb.type_str() != "application" || lb.security_groups.is_empty() {
            continue;
        }
        let Some(sgs) = relations::defined_groups(m, lbi) else {
            continue;
        };
        let mut cover: Vec<Range> = Vec::new();
        let mut first: Option<(FileId, Span, String)> = None;
        let mut open = false;
        for &si in &sgs {
            let Some(sg) = m.security_groups.get(si) else {
                continue;
            };
            let rules = m.egress(si);
            // No egress rule at all (none written, or an empty list): EC2's default allow-all egress.
            // A standalone egress rule alone replaces the default (CloudFormation removes it).
            if rules.is_empty() {
                open = true;
                break;
            }
            // Egress rules not known as a whole may allow anything.
            if sg.egress_unknown.is_some() {
                open = true;
                break;
            }
            for r in rules {
                if first.is_none() {
                    first = Some((rule_file(r, sg), r.span, rule_resource(r, sg)));
                }
                match tcp_ports(r) {
                    Ports::Unknown => open = true,
                    p => cover.extend(p.range()),
                }
            }
        }
        if open {
            continue;
        }
        let Some((file, span, res)) = first else {
            continue;
        };
        for &li in m.listeners_of_load_balancer(lbi) {
            let Some(l) = m.elb_listeners.get(li) else {
                continue;
            };
            for tga in &l.target_groups {
                let Some((ti, _)) = m.resolve(Kind::TargetGroup, &tga.value, &l.origin) else {
                    continue;
                };
                let Some(tg) = m.target_groups.get(ti) else {
                    continue;
                };
                let ty = tg
                    .target_type
                    .as_ref()
                    .map_or("instance", |t| t.value.as_str());
                if ty.eq_ignore_ascii_case("lambda") {
                    continue;
                }
                let Some(port) = tg.port.as_ref().map(|p| p.value) else {
                    continue;
                };
                // IP targets not listed here are registered by another service (an ECS service in
                // `awsvpc` mode registers each task on its container port), on ports the target
                // group's own `Port` does not decide: only ports known statically are checked.
                let registered_elsewhere = ty.eq_ignore_ascii_case("ip") && tg.targets.is_empty();
                let mut need = Vec::new();
                if !registered_elsewhere {
                    need.push((port, "traffic port".to_string()));
                }
                for t in &tg.targets {
                    if let Some(p) = &t.port {
                        need.push((p.value, "target port".to_string()));
                    }
                }
                if let Some(hc) = &tg.health_check_port {
                    if let Ok(p) = hc.value.parse::<i64>() {
                        need.push((p, "health-check port".to_string()));
                    }
                }
                for (p, what) in need {
                    if subtract((p, p), &cover).is_empty() {
                        continue;
                    }
                    out.push(
                        Finding::new(
                            META.id,
                            META.severity,
                            file,
                            span,
                            format!(
                                "the security groups of {} allow no outbound tcp {p} ({what} of target group {}): the load balancer cannot reach its targets",
                                lb.origin.logical_id, tg.origin.logical_id
                            ),
                        )
                        .label("egress is restricted here")
                        .resource(Some(res.clone()))
                        .related(tg.origin.file, tg.port.as_ref().map_or(tg.origin.logical_id_span, |x| x.span), "target group port")
                        .help(format!(
                            "add to SecurityGroupEgress: {{ \"IpProtocol\": \"tcp\", \"FromPort\": {p}, \"ToPort\": {p}, \"DestinationSecurityGroupId\": <the targets' security group> }}"
                        )),
                    );
                }
            }
        }
    }
}
