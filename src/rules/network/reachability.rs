//! Reachability of load balancers fronted by an accelerator (rules-spec §11): for every Application
//! Load Balancer endpoint, which sources the union of the load balancer's security groups admits on each
//! port the accelerator sends to (listener ports, or port-override endpoint ports).
//!
//! It walks the relations of [`crate::graph::relations`] — `fronts` (listener → endpoint group →
//! endpoint), `protected_by` (load balancer → security groups), `admits` (ingress rules) — the same
//! functions the trust graph's edges are built from, so every path a finding names is a path of
//! `trustlint graph`. Computed once per run ([`super::Ctx::reach`]); it returns facts, and the rule
//! files (GASG-*, GA-EP-ALB-LISTENER, and the SG-* rules through [`Reachability::claimed`]) turn the
//! facts of their kind into findings. This module walks the paths and checks the listeners;
//! [`admission`] says what the load balancer's groups admit on the ports, and the verdict.

use super::ports::{subtract, Range};
use super::rule_source::Net;
use crate::graph::relations::{self, EndpointTarget, GroupRef};
use crate::model::ga::GaListener;
use crate::model::symbolic::{display, has_symbol};
use crate::model::Model;
use crate::rules::Finding;
use crate::source::{FileId, Span};
use std::collections::HashSet;

mod admission;
pub use admission::{rule_json, Admission, Place, RuleAt, RuleFact, Verdict, GA_PARAM_JSON};

/// The outcome, computed once per run.
#[derive(Debug, Default)]
pub struct Reachability {
    /// One entry per accelerator → ALB endpoint of a TCP listener with ports, in model order.
    pub endpoints: Vec<AlbEndpoint>,
    /// Rule peers already reported by GASG-BYPASS-OPEN (the SG-* rules skip them: one defect, one
    /// finding).
    pub claimed: HashSet<(FileId, Span)>,
}

/// The `fronts` path from the accelerator to the load balancer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointPath {
    pub accelerator: Option<usize>,
    pub listener: usize,
    pub group: usize,
    /// Index into the endpoint group's `endpoints`.
    pub endpoint: usize,
    pub lb: usize,
    /// `protected_by`: the load balancer's groups of the templates.
    pub security_groups: Vec<usize>,
}

/// Whether the load balancer listens where the accelerator sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListenerCover {
    /// None of the load balancer's listeners is in the analysed templates.
    NoneAnalysed,
    Covered,
    /// Ports are missing, but a listener's port is not known statically: it may be one of them.
    PortUnknown {
        missing: Vec<Range>,
    },
    Missing {
        missing: Vec<Range>,
        have: Vec<Range>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlbEndpoint {
    pub path: EndpointPath,
    /// The ports the endpoint receives on.
    pub ports: Vec<Range>,
    /// Client IP preservation (stated, or the ALB default: on).
    pub cip: bool,
    pub listeners: ListenerCover,
    /// `None` for an internal load balancer with client IP preservation off (GA-EP-CIP-INTERNAL says it).
    pub admission: Option<Admission>,
}

impl Reachability {
    pub fn compute(net: &Net) -> Reachability {
        let mut out = Reachability::default();
        let m = net.m;
        // A listener whose load balancer is not known statically may be any load balancer's.
        let unlinked_listener = m.elb_listeners.iter().any(|l| {
            l.load_balancer.is_none()
                && l.load_balancer_arn
                    .as_ref()
                    .is_some_and(|a| has_symbol(&a.value))
        });
        for gi in 0..m.endpoint_groups.len() {
            let Some(li) = relations::listener_of_group(m, gi) else {
                continue;
            };
            let (Some(g), Some(l)) = (m.endpoint_groups.get(gi), m.ga_listeners.get(li)) else {
                continue;
            };
            if l.protocol
                .as_ref()
                .is_some_and(|p| p.value.eq_ignore_ascii_case("UDP"))
            {
                continue;
            }
            let ports = endpoint_ports(l, g);
            if ports.is_empty() {
                continue;
            }
            for (ei, ep, target) in relations::fronted_endpoints(m, gi) {
                let EndpointTarget::LoadBalancer(lbi) = target else {
                    continue;
                };
                let Some(lb) = m.load_balancers.get(lbi) else {
                    continue;
                };
                if lb.type_str() != "application" {
                    continue;
                }
                let path = EndpointPath {
                    accelerator: relations::accelerator_of_listener(m, li),
                    listener: li,
                    group: gi,
                    endpoint: ei,
                    lb: lbi,
                    security_groups: relations::protected_by(m, lbi)
                        .filter_map(|(_, r)| match r {
                            GroupRef::Defined(s) => Some(s),
                            GroupRef::Unresolved(_) => None,
                        })
                        .collect(),
                };
                let cip = ep.client_ip_preservation.as_ref().is_none_or(|c| c.value);
                let listeners = listener_cover(m, lbi, &ports, unlinked_listener);
                let internal = lb.scheme_str() == "internal";
                let admit = |cip: bool, claimed: &mut HashSet<(FileId, Span)>| {
                    (!internal || cip)
                        .then(|| admission::compute(net, &path, lb, cip, &ports, claimed))
                };
                let mut admission = admit(cip, &mut out.claimed);
                // A setting that is written but not known statically: the verdict holds only if it is
                // the same with preservation on and off; otherwise it depends on the setting.
                if ep.client_ip_preservation_written && ep.client_ip_preservation.is_none() {
                    let other = admit(!cip, &mut out.claimed.clone());
                    let kind = |a: &Option<Admission>| a.as_ref().map(|a| a.verdict.kind());
                    if kind(&admission) != kind(&other) {
                        let missing = [&admission, &other]
                            .into_iter()
                            .flatten()
                            .find_map(|a| a.verdict.missing().map(<[Range]>::to_vec))
                            .unwrap_or_else(|| ports.clone());
                        let rules = admission.map(|a| a.rules).unwrap_or_default();
                        admission = Some(Admission {
                            rules,
                            verdict: Verdict::Unknown {
                                missing,
                                unknowns: vec![format!(
                                    "ClientIPPreservationEnabled of endpoint {}",
                                    ep.id.as_ref().map_or("?", |i| i.value.as_str())
                                )],
                            },
                        });
                    }
                }
                // A scheme not known statically may be `internal`, where preservation is always on:
                // a verdict that holds only with preservation off depends on the scheme.
                if let Some(s) = lb.scheme.as_ref().filter(|s| !cip && has_symbol(&s.value)) {
                    if let Some(a) = admission.as_mut() {
                        if let Some(missing) = a.verdict.missing().map(<[Range]>::to_vec) {
                            a.verdict = Verdict::Unknown {
                                missing,
                                unknowns: vec![format!(
                                    "the Scheme of {} ({})",
                                    lb.origin.logical_id,
                                    display(&s.value)
                                )],
                            };
                        }
                    }
                }
                out.endpoints.push(AlbEndpoint {
                    path,
                    ports: ports.clone(),
                    cip,
                    listeners,
                    admission,
                });
            }
        }
        out
    }
}

/// The ports an endpoint of group `g` receives on: the listener's ranges with port overrides applied.
pub fn endpoint_ports(l: &GaListener, g: &crate::model::ga::EndpointGroup) -> Vec<Range> {
    let mut out = Vec::new();
    // Overrides not known as a whole may move any port.
    if g.port_overrides_unknown.is_some() {
        return out;
    }
    for r in &l.port_ranges {
        let (Some(f), Some(t)) = (r.from, r.to.or(r.from)) else {
            continue;
        };
        if f > t || f < 0 {
            continue;
        }
        let ovs: Vec<(i64, Option<i64>)> = g
            .port_overrides
            .iter()
            .filter_map(|o| o.listener_port.map(|lp| (lp, o.endpoint_port)))
            .filter(|(lp, _)| f <= *lp && *lp <= t)
            .collect();
        let holes: Vec<Range> = ovs.iter().map(|(lp, _)| (*lp, *lp)).collect();
        out.extend(subtract((f, t), &holes));
        out.extend(ovs.iter().filter_map(|(_, ep)| ep.map(|p| (p, p))));
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn listener_cover(m: &Model, lbi: usize, ports: &[Range], unlinked: bool) -> ListenerCover {
    let listeners = m.listeners_of_load_balancer(lbi);
    if listeners.is_empty() {
        return ListenerCover::NoneAnalysed;
    }
    let have: Vec<Range> = listeners
        .iter()
        .filter_map(|&x| {
            m.elb_listeners
                .get(x)?
                .port
                .as_ref()
                .map(|p| (p.value, p.value))
        })
        .collect();
    let missing: Vec<Range> = ports.iter().flat_map(|p| subtract(*p, &have)).collect();
    let unknown_port = unlinked
        || listeners
            .iter()
            .any(|&x| m.elb_listeners.get(x).is_some_and(|l| l.port.is_none()));
    if missing.is_empty() {
        ListenerCover::Covered
    } else if unknown_port {
        ListenerCover::PortUnknown { missing }
    } else {
        ListenerCover::Missing { missing, have }
    }
}

impl AlbEndpoint {
    /// The endpoint's `EndpointId` (else the endpoint configuration).
    #[expect(
        clippy::indexing_slicing,
        reason = "an EndpointPath is built only by Reachability::compute, from indices it has just looked up in this same model"
    )]
    pub fn id_span(&self, m: &Model) -> Span {
        let ep = &m.endpoint_groups[self.path.group].endpoints[self.path.endpoint];
        ep.id.as_ref().map_or(ep.span, |i| i.span)
    }

    /// Add the path to a finding: the endpoint, and the accelerator listener's port range.
    pub fn with_path(&self, m: &Model, f: Finding) -> Finding {
        let (Some(g), Some(lb), Some(l)) = (
            m.endpoint_groups.get(self.path.group),
            m.load_balancers.get(self.path.lb),
            m.ga_listeners.get(self.path.listener),
        ) else {
            return f;
        };
        let Some(ep) = g.endpoints.get(self.path.endpoint) else {
            return f;
        };
        let f = f.related(
            g.origin.file,
            ep.span,
            format!(
                "endpoint of {} in endpoint group {} ({})",
                lb.origin.logical_id,
                g.origin.logical_id,
                g.region
                    .as_ref()
                    .map_or("?".to_string(), |r| display(&r.value)),
            ),
        );
        match l.port_ranges.first() {
            Some(r) => f.related(
                l.origin.file,
                r.span,
                "the accelerator listener's port range",
            ),
            None => f,
        }
    }

    /// The admission facts of this endpoint (none for an internal load balancer without client IP
    /// preservation).
    pub fn rules(&self) -> &[RuleFact] {
        self.admission.as_ref().map_or(&[], |a| &a.rules)
    }
}

#[cfg(test)]
mod tests;
