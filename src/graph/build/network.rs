//! Network edges: the accelerator chain to its endpoints, load balancers to their security groups
//! and VPCs, and the sources each security group admits.

use super::{edge, B};
use crate::graph::relations::{self, EndpointTarget, GroupRef, Peer};
use crate::graph::{EdgeKind, NodeKind};
use crate::model::ec2::SgRule;
use crate::model::origin::Origin;
use crate::model::symbolic::display;
use crate::model::{Kind, Model};
use petgraph::graph::NodeIndex;

/// Endpoint groups and the rest of the accelerator chain.
pub(super) fn accelerator_chain(b: &mut B, m: &Model) {
    // Endpoint groups and the rest of the accelerator chain.
    for (i, x) in m.endpoint_groups.iter().enumerate() {
        let region = x
            .region
            .as_ref()
            .map_or("?".to_string(), |r| display(&r.value));
        let mut label = format!("endpoint group {region}");
        if let Some(d) = &x.traffic_dial {
            label.push_str(&format!(" (dial {}%)", d.value));
        }
        let n = b.defined(
            &x.origin,
            Kind::EndpointGroup,
            i,
            NodeKind::EndpointGroup,
            label,
        );
        if let Some(r) = &x.region {
            if let Some(x) = b.g.node_weight_mut(n) {
                x.region = Some(display(&r.value));
            }
        }
        if let Some(l) = relations::listener_of_group(m, i)
            .and_then(|l| b.resources.get(&(Kind::GaListener, l)).copied())
        {
            b.edge(
                l,
                n,
                edge(
                    EdgeKind::Fronts,
                    format!("fronts {region}"),
                    &x.origin,
                    x.listener_arn.as_ref().map(|s| s.span),
                ),
            );
        }
        for (_, ep, target) in relations::fronted_endpoints(m, i) {
            let target = match target {
                EndpointTarget::LoadBalancer(lb) => {
                    let Some(n) = b.res(Kind::LoadBalancer, lb) else {
                        continue;
                    };
                    n
                }
                EndpointTarget::Other(id) => {
                    let kind = if id.value.contains(":loadbalancer/") {
                        NodeKind::LoadBalancer
                    } else {
                        NodeKind::Endpoint
                    };
                    b.external(kind, &id.value, None)
                }
            };
            let mut parts = Vec::new();
            if let Some(w) = &ep.weight {
                parts.push(format!("weight {}", w.value));
            }
            match &ep.client_ip_preservation {
                Some(c) if c.value => parts.push("client IP preserved".into()),
                Some(_) => parts.push("client IP not preserved".into()),
                None => {}
            }
            let label = if parts.is_empty() {
                "fronts".to_string()
            } else {
                format!("fronts ({})", parts.join(", "))
            };
            b.edge(
                n,
                target,
                edge(EdgeKind::Fronts, label, &x.origin, Some(ep.span)),
            );
        }
    }
}

/// Load balancers → security groups, VPCs.
pub(super) fn load_balancer_links(b: &mut B, m: &Model) {
    // Load balancers → security groups, VPCs.
    for (i, x) in m.load_balancers.iter().enumerate() {
        let Some(n) = b.res(Kind::LoadBalancer, i) else {
            continue;
        };
        for (sg, link) in relations::protected_by(m, i) {
            let t = match link {
                GroupRef::Defined(s) => {
                    let Some(n) = b.res(Kind::SecurityGroup, s) else {
                        continue;
                    };
                    n
                }
                GroupRef::Unresolved(v) => {
                    b.external_local(NodeKind::SecurityGroup, &v.value, &x.origin)
                }
            };
            b.edge(
                n,
                t,
                edge(
                    EdgeKind::ProtectedBy,
                    "protected_by".into(),
                    &x.origin,
                    Some(sg.span),
                ),
            );
        }
        let mut vpcs: Vec<usize> = x
            .subnets
            .iter()
            .filter_map(|s| m.resolve(Kind::Subnet, &s.value, &x.origin))
            .filter_map(|(s, _)| m.subnets.get(s)?.vpc)
            .collect();
        vpcs.sort_unstable();
        vpcs.dedup();
        for v in vpcs {
            let Some(t) = b.res(Kind::Vpc, v) else {
                continue;
            };
            b.edge(
                n,
                t,
                edge(EdgeKind::InVpc, "in_vpc".into(), &x.origin, None),
            );
        }
    }
}

/// Security group ingress → admits.
pub(super) fn ingress(b: &mut B, m: &Model) {
    // Security group ingress → admits.
    for (i, x) in m.security_groups.iter().enumerate() {
        let Some(n) = b.res(Kind::SecurityGroup, i) else {
            continue;
        };
        for r in relations::admitting_rules(m, i) {
            admits(b, n, r, &x.origin);
        }
    }
}

fn admits(b: &mut B, sg: NodeIndex, r: &SgRule, owner: &Origin) {
    let proto = r
        .protocol
        .as_ref()
        .map_or("?".to_string(), |p| p.value.to_ascii_lowercase());
    let ports = if r.all_protocols() {
        "all traffic".to_string()
    } else {
        match (&r.from_port, &r.to_port) {
            (Some(f), Some(t)) if f.value == t.value => format!("{proto} {}", f.value),
            (Some(f), Some(t)) => format!("{proto} {}-{}", f.value, t.value),
            _ => proto.clone(),
        }
    };
    let origin = r.standalone.as_ref().unwrap_or(owner);
    let sources: Vec<NodeIndex> = relations::peers(r)
        .into_iter()
        .filter_map(|p| match p {
            Peer::Cidr(c) => Some(b.external(NodeKind::Cidr, &c.value, None)),
            Peer::PrefixList(p) => Some(b.external(NodeKind::PrefixList, &p.value, None)),
            Peer::Group(i) => b.res(Kind::SecurityGroup, i),
            Peer::UnresolvedGroup(g) => {
                Some(b.external_local(NodeKind::SecurityGroup, &g.value, origin))
            }
        })
        .collect();
    for s in sources {
        let mut e = edge(
            EdgeKind::Admits,
            format!("admits {ports}"),
            origin,
            Some(r.span),
        );
        e.detail = Some(ports.clone());
        b.edge(s, sg, e);
    }
}
