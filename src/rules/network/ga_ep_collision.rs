//! GA-EP-COLLISION — the same load balancer is an endpoint of several accelerators on the same ports.

use super::endpoints::{by_load_balancer, id_span, LbKey, LbUse};
use super::{finding, Ctx};
use crate::model::symbolic::display;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    GaEpCollision, "GA-EP-COLLISION",
    Warning,
    "The same load balancer is an endpoint of several accelerators without port overrides"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = &cx.graph.model;
    for (key, us) in by_load_balancer(cx) {
        let mut accs: Vec<usize> = us.iter().filter_map(|u| u.accelerator).collect();
        accs.sort_unstable();
        accs.dedup();
        if accs.len() < 2 {
            continue;
        }
        // Port overrides on every group but one keep the connections apart.
        let without: Vec<&LbUse> = us
            .iter()
            .filter(|u| {
                m.endpoint_groups
                    .get(u.group)
                    .is_some_and(|g| g.port_overrides.is_empty() && g.port_overrides_unknown.is_none())
            })
            .collect();
        let mut acc_without: Vec<usize> = without.iter().filter_map(|u| u.accelerator).collect();
        acc_without.sort_unstable();
        acc_without.dedup();
        if acc_without.len() < 2 {
            continue;
        }
        let name = match &key {
            LbKey::Idx(i) => match m.load_balancers.get(*i) {
                Some(lb) => lb.origin.logical_id.clone(),
                None => continue,
            },
            LbKey::Lit(s) => display(s),
        };
        let names: Vec<String> = acc_without
            .iter()
            .filter_map(|a| m.accelerators.get(*a))
            .map(|acc| {
                acc.name
                    .as_ref()
                    .map_or_else(|| acc.origin.logical_id.clone(), |n| display(&n.value))
            })
            .collect();
        let Some((first, rest)) = without.split_first() else {
            continue;
        };
        let Some(fg) = m.endpoint_groups.get(first.group) else {
            continue;
        };
        for u in rest {
            if u.accelerator == first.accelerator {
                continue;
            }
            let Some(g) = m.endpoint_groups.get(u.group) else {
                continue;
            };
            out.push(
                finding(
                    &META,
                    META.severity,
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
