//! What an accelerator endpoint is: a load balancer or not, its Region, and which endpoint
//! configurations use each load balancer (shared by the GA-EG-*, GA-PO-* and GA-EP-* rules).

use super::Ctx;
use crate::graph::relations;
use crate::model::arn::Arn;
use crate::model::ga::Endpoint;
use crate::model::symbolic::has_symbol;
use crate::model::Model;
use crate::source::Span;
use std::collections::BTreeMap;

/// Whether an endpoint is a load balancer (linked, or an ELB ARN).
pub fn is_lb(ep: &Endpoint) -> bool {
    ep.load_balancer.is_some()
        || ep
            .id
            .as_ref()
            .and_then(|i| Arn::parse(&i.value))
            .is_some_and(|a| a.service == "elasticloadbalancing")
}

/// The Region of an endpoint, when known: its load balancer's binding, else its ARN.
pub fn endpoint_region(m: &Model, ep: &Endpoint) -> Option<String> {
    if let Some(lb) = ep.load_balancer {
        if let Some(r) = m
            .load_balancers
            .get(lb)
            .and_then(|l| l.origin.region.as_ref())
        {
            return Some(r.clone());
        }
    }
    let a = Arn::parse(&ep.id.as_ref()?.value)?;
    (!a.region.is_empty() && !has_symbol(&a.region)).then_some(a.region)
}

/// The endpoint's `EndpointId`, else the whole endpoint configuration.
pub fn id_span(ep: &Endpoint) -> Span {
    ep.id.as_ref().map_or(ep.span, |i| i.span)
}

/// Load balancer identity: the modelled resource, else the literal ARN.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum LbKey {
    Idx(usize),
    Lit(String),
}

/// One endpoint configuration naming a load balancer.
pub struct LbUse<'a> {
    pub group: usize,
    pub ep: &'a Endpoint,
    pub accelerator: Option<usize>,
}

/// The endpoint configurations of every load balancer, in model order.
pub fn by_load_balancer<'a>(cx: &Ctx<'a>) -> BTreeMap<LbKey, Vec<LbUse<'a>>> {
    let m = cx.net.m;
    let mut by_lb: BTreeMap<LbKey, Vec<LbUse>> = BTreeMap::new();
    for (gi, g) in m.endpoint_groups.iter().enumerate() {
        let accelerator = relations::listener_of_group(m, gi)
            .and_then(|l| relations::accelerator_of_listener(m, l));
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
            by_lb.entry(key).or_default().push(LbUse {
                group: gi,
                ep,
                accelerator,
            });
        }
    }
    by_lb
}
