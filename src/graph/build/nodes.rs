//! A node for every resource the model defines (roles, buckets, keys, the accelerator chain,
//! load balancers, VPCs, security groups), with the edges known at definition (alias of, fronts, in VPC).

use super::{edge, B};
use crate::graph::relations;
use crate::graph::{EdgeKind, NodeKind};
use crate::model::symbolic::display;
use crate::model::{Kind, Model};

/// Resource nodes, in model order (node indices follow it).
pub(super) fn resources(b: &mut B, m: &Model) {
    // Resource nodes.
    for (i, x) in m.roles.iter().enumerate() {
        let label = format!("role {}", display(&x.name).trim_start_matches('/'));
        b.defined(&x.origin, Kind::Role, i, NodeKind::Role, label);
    }
    for (i, x) in m.buckets.iter().enumerate() {
        b.defined(
            &x.origin,
            Kind::Bucket,
            i,
            NodeKind::Bucket,
            format!("bucket {}", display(&x.name)),
        );
    }
    for (i, x) in m.keys.iter().enumerate() {
        let label = match x
            .aliases
            .first()
            .and_then(|a| m.aliases.get(*a)?.name.as_ref())
        {
            Some(n) => format!("key {} ({})", x.origin.logical_id, display(&n.value)),
            None => format!("key {}", x.origin.logical_id),
        };
        b.defined(&x.origin, Kind::Key, i, NodeKind::Key, label);
    }
    for (i, x) in m.aliases.iter().enumerate() {
        let label = x
            .name
            .as_ref()
            .map_or_else(|| x.origin.logical_id.clone(), |n| display(&n.value));
        let a = b.defined(&x.origin, Kind::Alias, i, NodeKind::Alias, label);
        if let Some(k) = x
            .target
            .and_then(|k| b.resources.get(&(Kind::Key, k)).copied())
        {
            b.edge(
                a,
                k,
                edge(
                    EdgeKind::AliasOf,
                    "alias_of".into(),
                    &x.origin,
                    x.target_key_id.as_ref().map(|t| t.span),
                ),
            );
        }
    }
    for (i, x) in m.accelerators.iter().enumerate() {
        let label = x
            .name
            .as_ref()
            .map_or_else(|| x.origin.logical_id.clone(), |n| display(&n.value));
        b.defined(
            &x.origin,
            Kind::Accelerator,
            i,
            NodeKind::Accelerator,
            format!("accelerator {label}"),
        );
    }
    for (i, x) in m.ga_listeners.iter().enumerate() {
        let proto = x
            .protocol
            .as_ref()
            .map_or("TCP".to_string(), |p| p.value.clone());
        let ports: Vec<String> = x
            .port_ranges
            .iter()
            .map(|r| match (r.from, r.to) {
                (Some(f), Some(t)) if f == t => f.to_string(),
                (Some(f), Some(t)) => format!("{f}-{t}"),
                _ => "?".into(),
            })
            .collect();
        let label = format!("listener {proto} {}", ports.join(","));
        let n = b.defined(
            &x.origin,
            Kind::GaListener,
            i,
            NodeKind::Listener,
            label.clone(),
        );
        if let Some(a) = relations::accelerator_of_listener(m, i)
            .and_then(|a| b.resources.get(&(Kind::Accelerator, a)).copied())
        {
            b.edge(
                a,
                n,
                edge(
                    EdgeKind::Fronts,
                    format!("fronts {}", label.trim_start_matches("listener ")),
                    &x.origin,
                    x.accelerator_arn.as_ref().map(|s| s.span),
                ),
            );
        }
    }
    for (i, x) in m.load_balancers.iter().enumerate() {
        let name = x
            .name
            .as_ref()
            .map_or_else(|| x.origin.logical_id.clone(), |n| display(&n.value));
        let t = match x.type_str() {
            "application" => "ALB",
            "network" => "NLB",
            "gateway" => "GWLB",
            other => other,
        };
        b.defined(
            &x.origin,
            Kind::LoadBalancer,
            i,
            NodeKind::LoadBalancer,
            format!("{t} {name} ({})", x.scheme_str()),
        );
    }
    for (i, x) in m.vpcs.iter().enumerate() {
        let label = match &x.cidr {
            Some(c) => format!("vpc {} {}", x.origin.logical_id, display(&c.value)),
            None => format!("vpc {}", x.origin.logical_id),
        };
        b.defined(&x.origin, Kind::Vpc, i, NodeKind::Vpc, label);
    }
    for (i, x) in m.security_groups.iter().enumerate() {
        let label = match &x.group_name {
            Some(n) => format!("sg {} ({})", x.origin.logical_id, display(&n.value)),
            None => format!("sg {}", x.origin.logical_id),
        };
        let n = b.defined(
            &x.origin,
            Kind::SecurityGroup,
            i,
            NodeKind::SecurityGroup,
            label,
        );
        if let Some(v) = x
            .vpc
            .and_then(|v| b.resources.get(&(Kind::Vpc, v)).copied())
        {
            b.edge(
                n,
                v,
                edge(
                    EdgeKind::InVpc,
                    "in_vpc".into(),
                    &x.origin,
                    x.vpc_id.as_ref().map(|s| s.span),
                ),
            );
        }
    }
}
