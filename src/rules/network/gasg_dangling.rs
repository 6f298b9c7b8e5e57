//! GASG-DANGLING — a reference to the `GlobalAccelerator` security group that cannot exist yet: a lookup
//! that may run before the endpoint group creating it, or a reference in a VPC without accelerator
//! endpoints.

use super::rule_source::{rule_file, rule_resource};
use super::vpc::{lb_vpc, sg_vpc};
use super::Ctx;
use crate::graph::relations;
use crate::model::symbolic::display;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta, Severity};

pub const META: RuleMeta = rule_meta!(
    GasgDangling, "GASG-DANGLING",
    Error,
    "The referenced GlobalAccelerator security group cannot exist yet"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let net = &cx.net;
    let m = net.m;
    // Lookups that can run before the endpoint group exists.
    for (i, l) in m.sg_lookups.iter().enumerate() {
        if !net.lookups.values().any(|&x| x == i) {
            continue;
        }
        let deps = m.depends_on(&l.origin);
        let own: Vec<_> = m
            .endpoint_groups
            .iter()
            .filter(|g| g.origin.stack_key == l.origin.stack_key)
            .collect();
        if own.is_empty() {
            // The endpoint groups live in other stacks (or are not analysed): no `DependsOn` can cross
            // stacks, so the order is the deployment's, not a defect of this template.
            let mut others: Vec<&str> = m
                .endpoint_groups
                .iter()
                .map(|g| g.origin.stack.as_str())
                .collect();
            others.sort_unstable();
            others.dedup();
            let order = if others.is_empty() {
                "the stack that adds this VPC's load balancer to an accelerator endpoint group"
                    .to_string()
            } else {
                format!("stack {}", others.join(", "))
            };
            out.push(
                Finding::new(
                    META.id,
                    Severity::Info,
                    l.origin.file,
                    l.origin.logical_id_span,
                    format!(
                        "{} looks up the GlobalAccelerator security group, which exists only once an endpoint group adds a load balancer of this VPC: deploy {order} before stack {}",
                        l.origin.logical_id, l.origin.stack
                    ),
                )
                .resource(Some(l.origin.logical_id.clone())),
            );
            continue;
        }
        let ok = own
            .iter()
            .any(|g| deps.iter().any(|d| d.value == g.origin.logical_id));
        if !ok {
            let mut f = Finding::new(
                META.id,
                META.severity,
                l.origin.file,
                l.origin.logical_id_span,
                format!(
                    "{} looks up the GlobalAccelerator security group without depending on an endpoint group of this stack: Global Accelerator creates that group only once an endpoint with client IP preservation exists in the VPC, so the lookup can run first, find nothing and fail the deployment",
                    l.origin.logical_id
                ),
            )
            .resource(Some(l.origin.logical_id.clone()))
            .help("\"DependsOn\": [\"<the AWS::GlobalAccelerator::EndpointGroup that adds this VPC's load balancer>\"] on the lookup (CDK: `AcceleratorSecurityGroupPeer.fromVpc(scope, id, vpc, endpointGroup)` adds it)");
            if let Some(g) = own.first() {
                f = f.related(
                    g.origin.file,
                    g.origin.logical_id_span,
                    "endpoint group of this stack",
                );
            }
            out.push(f);
        }
    }
    // References to the accelerator group in a VPC where no accelerator endpoint exists.
    if m.accelerators.is_empty() {
        return;
    }
    let mut ep_vpcs = Vec::new();
    // Endpoint lists not known as a whole: any VPC may have an endpoint (UNPROVEN, naming them).
    let mut unknown: Vec<String> = Vec::new();
    for g in &m.endpoint_groups {
        if let Some(u) = &g.endpoints_unknown {
            unknown.push(format!(
                "the endpoints of {} ({})",
                g.origin.logical_id,
                display(&u.value)
            ));
        }
        for ep in &g.endpoints {
            match ep.load_balancer.map(|lb| lb_vpc(m, lb)) {
                Some(Some(k)) => ep_vpcs.push(k),
                _ => return, // an endpoint whose VPC is unknown: cannot tell
            }
        }
    }
    for (si, sg) in m.security_groups.iter().enumerate() {
        let Some(own) = sg_vpc(m, sg) else { continue };
        if ep_vpcs.iter().any(|k| !k.differs(&own)) {
            continue;
        }
        for r in relations::admitting_rules(m, si) {
            let Some(p) = &r.peer_group_id else { continue };
            if net.ga_sg(&p.value).is_none() {
                continue;
            }
            let file = rule_file(r, sg);
            if !unknown.is_empty() {
                out.push(
                    Finding::new(
                        crate::rules::unproven::META.id,
                        Severity::Info,
                        file,
                        p.span,
                        format!(
                            "cannot prove that the GlobalAccelerator security group admitted by {} exists in its VPC: it depends on {}",
                            sg.origin.logical_id,
                            unknown.join(", ")
                        ),
                    )
                    .resource(Some(rule_resource(r, sg))),
                );
                continue;
            }
            out.push(
                Finding::new(
                    META.id,
                    META.severity,
                    file,
                    p.span,
                    format!(
                        "{} admits the GlobalAccelerator security group, but no accelerator endpoint is in its VPC ({}): Global Accelerator creates that group only for VPCs with endpoints that preserve client IPs",
                        sg.origin.logical_id,
                        sg.vpc_id.as_ref().map_or("?".to_string(), |v| display(&v.value))
                    ),
                )
                .label("this group does not exist in this VPC")
                .resource(Some(rule_resource(r, sg)))
                .help("add this VPC's load balancer as an endpoint (with \"ClientIPPreservationEnabled\": true) before referencing the group, or remove the rule"),
            );
        }
    }
}

