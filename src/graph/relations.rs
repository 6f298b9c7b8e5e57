//! The network relations of the trust graph, defined once over the model: `fronts` (accelerator →
//! listener → endpoint group → endpoint), `protected_by` (load balancer → security group) and `admits`
//! (source → security group, per ingress rule).
//!
//! Why this shape (issue 10, item 5): the graph's edges and the network rules must never disagree
//! about who fronts, protects or admits what. The rules need more than an edge can say — the typed rule
//! behind an `admits` edge (ports, peer span, standalone resource), the endpoint's client IP
//! preservation — so instead of encoding all of that into edge weights and traversing petgraph, each
//! relation is one function here: `build` turns its answers into edges for `trustlint graph`, and
//! `rules::network::reachability` walks the same functions. The layering stays load → model → graph →
//! rules: rules import this module, nothing here knows about rules.

use crate::model::ec2::SgRule;
use crate::model::ga::Endpoint;
use crate::model::Model;
use crate::source::Spanned;

/// `fronts`: the listener an endpoint group belongs to, when it is one of the templates'.
pub fn listener_of_group(m: &Model, group: usize) -> Option<usize> {
    m.endpoint_groups.get(group)?.listener
}

/// `fronts`: the accelerator a listener belongs to, when it is one of the templates'.
pub fn accelerator_of_listener(m: &Model, listener: usize) -> Option<usize> {
    m.ga_listeners.get(listener)?.accelerator
}

/// What an endpoint configuration points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndpointTarget<'m> {
    /// A load balancer of the templates (index into `Model::load_balancers`).
    LoadBalancer(usize),
    /// Anything else: an instance, an Elastic IP, a load balancer ARN no template defines, a symbol.
    Other(&'m Spanned<String>),
}

/// `fronts`: the endpoints of an endpoint group that name something, with their index in the group.
pub fn fronted_endpoints(
    m: &Model,
    group: usize,
) -> impl Iterator<Item = (usize, &Endpoint, EndpointTarget<'_>)> {
    m.endpoint_groups
        .get(group)
        .into_iter()
        .flat_map(|g| g.endpoints.iter().enumerate())
        .filter_map(|(i, ep)| {
            let t = match (ep.load_balancer, &ep.id) {
                (Some(lb), _) => EndpointTarget::LoadBalancer(lb),
                (None, Some(id)) => EndpointTarget::Other(id),
                (None, None) => return None,
            };
            Some((i, ep, t))
        })
}

/// A security group as a load balancer names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupRef<'m> {
    /// A group of the templates (index into `Model::security_groups`).
    Defined(usize),
    /// A value that names no group of the templates (a literal `sg-…`, a parameter).
    Unresolved(&'m Spanned<String>),
}

/// `protected_by`: the security groups of a load balancer, in the order written, with the value written.
pub fn protected_by(
    m: &Model,
    lb: usize,
) -> impl Iterator<Item = (&Spanned<String>, GroupRef<'_>)> {
    m.load_balancers.get(lb).into_iter().flat_map(|x| {
        x.security_groups
            .iter()
            .zip(&x.sg_links)
            .map(|(v, link)| match link {
                Some(s) => (v, GroupRef::Defined(*s)),
                None => (v, GroupRef::Unresolved(v)),
            })
    })
}

/// A source an ingress rule admits, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Peer<'m> {
    Cidr(&'m Spanned<String>),
    PrefixList(&'m Spanned<String>),
    /// A group of the templates.
    Group(usize),
    /// A group id or name that names no group of the templates.
    UnresolvedGroup(&'m Spanned<String>),
}

/// The sources one rule admits (a well-formed rule has exactly one).
pub fn peers(r: &SgRule) -> Vec<Peer<'_>> {
    let mut out = Vec::new();
    if let Some(c) = &r.cidr_ipv4 {
        out.push(Peer::Cidr(c));
    }
    if let Some(c) = &r.cidr_ipv6 {
        out.push(Peer::Cidr(c));
    }
    if let Some(p) = &r.prefix_list {
        out.push(Peer::PrefixList(p));
    }
    if let Some(g) = &r.peer_group_id {
        out.push(match r.peer_group {
            Some(i) => Peer::Group(i),
            None => Peer::UnresolvedGroup(g),
        });
    } else if let Some(g) = &r.peer_group_name {
        out.push(Peer::UnresolvedGroup(g));
    }
    out
}

/// `admits`: the ingress rules of a security group (inline and standalone), each an `admits` edge per
/// peer.
pub fn admitting_rules(m: &Model, sg: usize) -> Vec<&SgRule> {
    m.ingress(sg)
}

/// `protected_by`, when every group of the load balancer is one of the templates' (`None` when one is
/// not: what it admits is not known).
pub fn defined_groups(m: &Model, lb: usize) -> Option<Vec<usize>> {
    protected_by(m, lb)
        .map(|(_, r)| match r {
            GroupRef::Defined(s) => Some(s),
            GroupRef::Unresolved(_) => None,
        })
        .collect()
}
