//! ALB-TARGET-SG — the security groups of an instance target of an Application Load
//! Balancer should admit the target port only from the load balancer's security groups. Reported (info)
//! at each ingress rule of a target's group that admits the target port from another source (a CIDR,
//! a prefix list, another group). Skipped when the load balancer's or the instance's groups, a rule's
//! ports or the target's port are not known statically.

use super::ports::{tcp_ports, Ports};
use super::rule_source::{rule_file, rule_resource, Net, Source};
use super::Ctx;
use crate::graph::relations;
use crate::model::build::Kind;
use crate::model::symbolic::has_symbol;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use std::collections::HashSet;

pub const META: RuleMeta = rule_meta!(
    AlbTargetSg, "ALB-TARGET-SG",
    Info,
    "A target's security group admits the target port from more than the load balancer's security groups"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for (lbi, lb) in m.load_balancers.iter().enumerate() {
        if !lb.type_str().eq_ignore_ascii_case("application") || lb.sg_links.is_empty() {
            continue;
        }
        // Every group of the load balancer must be known, else "only from the ALB" cannot be judged.
        let Some(lb_sgs) = relations::defined_groups(m, lbi) else {
            continue;
        };
        let lb_sgs: HashSet<usize> = lb_sgs.into_iter().collect();
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
                if !ty.eq_ignore_ascii_case("instance") {
                    continue;
                }
                for t in &tg.targets {
                    let Some(id) = &t.id else { continue };
                    let Some(inst) = m.instances.iter().find(|i| i.instance_id == id.value) else {
                        continue;
                    };
                    let Some(port) = t.port.as_ref().or(tg.port.as_ref()).map(|p| p.value) else {
                        continue;
                    };
                    let Some(sgs) = inst
                        .security_groups
                        .iter()
                        .map(|s| m.resolve_sg(&s.value, &inst.origin, None).map(|x| x.0))
                        .collect::<Option<Vec<usize>>>()
                    else {
                        continue;
                    };
                    for si in sgs {
                        let Some(sg) = m.security_groups.get(si) else {
                            continue;
                        };
                        for r in relations::admitting_rules(m, si) {
                            let covers = match tcp_ports(r) {
                                Ports::Tcp((a, b)) => a <= port && port <= b,
                                Ports::All => true,
                                Ports::NotTcp | Ports::Unknown => false,
                            };
                            if !covers {
                                continue;
                            }
                            let source = cx.net.source(r);
                            let from_lb = matches!(source, Source::Group(g) | Source::SelfMade(g) if lb_sgs.contains(&g));
                            if from_lb || matches!(source, Source::None) {
                                continue;
                            }
                            if let Source::Unknown(s) = &source {
                                if has_symbol(s) {
                                    continue;
                                }
                            }
                            out.push(
                                Finding::new(
                                    META.id,
                                    META.severity,
                                    rule_file(r, sg),
                                    Net::peer_span(r),
                                    format!(
                                        "instance {} is a target of {} (tcp {port}, behind load balancer {}), but its security group {} also admits that port from {}, not only from the load balancer's security groups",
                                        inst.origin.logical_id,
                                        tg.origin.logical_id,
                                        lb.origin.logical_id,
                                        sg.origin.logical_id,
                                        source.describe(m)
                                    ),
                                )
                                .resource(Some(rule_resource(r, sg)))
                                .label("admits the target port from outside the load balancer")
                                .related(tg.origin.file, t.span, "the target")
                                .help(format!(
                                    "admit tcp {port} only from the load balancer's security group: {{ \"IpProtocol\": \"tcp\", \"FromPort\": {port}, \"ToPort\": {port}, \"SourceSecurityGroupId\": {{ \"Fn::GetAtt\": [\"{}\", \"GroupId\"] }} }}",
                                    lb_sgs.iter().min().and_then(|g| m.security_groups.get(*g)).map_or("<alb security group>", |g| g.origin.logical_id.as_str())
                                )),
                            );
                        }
                    }
                }
            }
        }
    }
}
