//! The cross-account trust graph (petgraph): who can reach what, across templates and accounts.
//!
//! Edges point in the direction of access: a principal `trusts`→ into the role that trusts it (it may
//! assume the role), a principal `grants`→ the resource a policy statement lets it act on, a source bucket
//! `replicates_to`→ its destination, a bucket `encrypts_with`→ its key, an accelerator `fronts`→ its
//! listeners → endpoint groups → load balancers, a load balancer is `protected_by`→ its security groups, a
//! CIDR or security group source `admits`→ into the group whose rule admits it.
//!
//! The network edges (`fronts`, `protected_by`, `admits`) come from [`relations`], the same functions the
//! network rules walk, so the graph and the findings cannot disagree about them.
//!
//! Built from the [`Model`] in one pass over resources and policy statements (hash lookups, no all-pairs
//! loops). [`TrustGraph`] keeps the model, so rules can go from a node to the typed resource and back.

mod build;
pub mod export;
pub mod relations;
#[cfg(test)]
mod tests;

use crate::model::{DocKind, Effect, Kind, Model};
use crate::source::{FileId, Span};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    Account,
    Role,
    User,
    /// A service principal (`s3.amazonaws.com`).
    Service,
    /// `*` / `{"AWS": "*"}`.
    Anyone,
    /// Another principal (federated, canonical user, session, or an unknown value).
    Principal,
    Bucket,
    Key,
    Alias,
    Accelerator,
    Listener,
    EndpointGroup,
    /// A Global Accelerator endpoint that is not a known load balancer (instance, EIP, unknown).
    Endpoint,
    LoadBalancer,
    SecurityGroup,
    Vpc,
    Cidr,
    PrefixList,
    /// A resource pattern of an identity policy that names no modelled resource (`*`, `arn:aws:sqs:…`).
    Resource,
}

impl NodeKind {
    pub fn name(self) -> &'static str {
        match self {
            NodeKind::Account => "account",
            NodeKind::Role => "role",
            NodeKind::User => "user",
            NodeKind::Service => "service",
            NodeKind::Anyone => "anyone",
            NodeKind::Principal => "principal",
            NodeKind::Bucket => "bucket",
            NodeKind::Key => "key",
            NodeKind::Alias => "alias",
            NodeKind::Accelerator => "accelerator",
            NodeKind::Listener => "listener",
            NodeKind::EndpointGroup => "endpoint_group",
            NodeKind::Endpoint => "endpoint",
            NodeKind::LoadBalancer => "load_balancer",
            NodeKind::SecurityGroup => "security_group",
            NodeKind::Vpc => "vpc",
            NodeKind::Cidr => "cidr",
            NodeKind::PrefixList => "prefix_list",
            NodeKind::Resource => "resource",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EdgeKind {
    Trusts,
    Grants,
    ReplicatesTo,
    EncryptsWith,
    Fronts,
    ProtectedBy,
    Admits,
    /// Alias → the key it names.
    AliasOf,
    /// Security group / load balancer → its VPC.
    InVpc,
}

impl EdgeKind {
    pub fn name(self) -> &'static str {
        match self {
            EdgeKind::Trusts => "trusts",
            EdgeKind::Grants => "grants",
            EdgeKind::ReplicatesTo => "replicates_to",
            EdgeKind::EncryptsWith => "encrypts_with",
            EdgeKind::Fronts => "fronts",
            EdgeKind::ProtectedBy => "protected_by",
            EdgeKind::Admits => "admits",
            EdgeKind::AliasOf => "alias_of",
            EdgeKind::InVpc => "in_vpc",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GNode {
    /// Stable, readable id: `bucket:source/SourceBucket` for a defined resource,
    /// `bucket:arn:aws:s3:::other` for an external one, `account:111111111111`, `cidr:0.0.0.0/0`, ….
    pub id: String,
    pub kind: NodeKind,
    pub label: String,
    /// Account key in display form (`111111111111`, `‹AWS::AccountId of stack x›`), when known.
    pub account: Option<String>,
    pub region: Option<String>,
    /// Referenced but defined in none of the analysed templates.
    pub external: bool,
    /// The typed resource behind the node.
    pub resource: Option<(Kind, usize)>,
    pub file: Option<FileId>,
    pub span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GEdge {
    pub kind: Option<EdgeKind>,
    pub label: String,
    /// `grants`/`trusts`: the statement's effect.
    pub effect: Option<Effect>,
    /// `grants`/`trusts`: `Action` (or `NotAction`, with `not_action`).
    pub actions: Vec<String>,
    pub not_action: bool,
    /// `grants`: the `Resource` patterns of the statement that led to this target.
    pub resources: Vec<String>,
    /// Condition keys of the statement (`aws:SourceAccount`, …): non-empty = conditional.
    pub conditions: Vec<String>,
    pub doc: Option<DocKind>,
    pub statement: Option<usize>,
    /// `replicates_to`: the rule's `Id`; `admits`: `tcp 443`, …
    pub detail: Option<String>,
    /// Where the edge was written.
    pub file: Option<FileId>,
    pub span: Option<Span>,
}

impl GEdge {
    pub fn kind(&self) -> EdgeKind {
        self.kind.unwrap_or(EdgeKind::Grants)
    }
}

#[derive(Debug)]
pub struct TrustGraph {
    pub model: Model,
    pub graph: DiGraph<GNode, GEdge>,
    ids: HashMap<String, NodeIndex>,
    resources: HashMap<(Kind, usize), NodeIndex>,
}

impl TrustGraph {
    /// Build the graph of a model.
    pub fn new(model: Model) -> TrustGraph {
        build::build(model)
    }

    pub fn node(&self, n: NodeIndex) -> &GNode {
        &self.graph[n]
    }

    /// A node by its id (`role:source/ReplicationRole`, `account:222222222222`, …).
    pub fn by_id(&self, id: &str) -> Option<NodeIndex> {
        self.ids.get(id).copied()
    }

    /// The node of a typed resource of the model.
    pub fn of(&self, kind: Kind, index: usize) -> Option<NodeIndex> {
        self.resources.get(&(kind, index)).copied()
    }

    /// The node of a role by ARN.
    pub fn role_by_arn(&self, arn: &str) -> Option<NodeIndex> {
        match self.model.lookup(Kind::Role, arn) {
            Some(i) => self.of(Kind::Role, i),
            None => self.by_id(&format!("role:{}", crate::model::symbolic::display(arn))),
        }
    }

    /// Edges of `kind` into `n`, with their source node.
    pub fn edges_into(&self, n: NodeIndex, kind: EdgeKind) -> Vec<(NodeIndex, &GEdge)> {
        self.edges(n, kind, Direction::Incoming)
    }

    /// Edges of `kind` out of `n`, with their target node.
    pub fn edges_from(&self, n: NodeIndex, kind: EdgeKind) -> Vec<(NodeIndex, &GEdge)> {
        self.edges(n, kind, Direction::Outgoing)
    }

    fn edges(&self, n: NodeIndex, kind: EdgeKind, dir: Direction) -> Vec<(NodeIndex, &GEdge)> {
        let mut v: Vec<(NodeIndex, &GEdge)> = self
            .graph
            .edges_directed(n, dir)
            .filter(|e| e.weight().kind() == kind)
            .map(|e| {
                let other = if dir == Direction::Incoming {
                    e.source()
                } else {
                    e.target()
                };
                (other, e.weight())
            })
            .collect();
        v.sort_by(|a, b| (&self.graph[a.0].id, &a.1.label).cmp(&(&self.graph[b.0].id, &b.1.label)));
        v
    }

    /// Principals a role's trust policy admits (the `trusts` edges into it).
    pub fn trusts_into(&self, role: NodeIndex) -> Vec<(NodeIndex, &GEdge)> {
        self.edges_into(role, EdgeKind::Trusts)
    }

    /// What a principal is granted (by identity policies, and by resource policies naming it).
    pub fn grants_from(&self, principal: NodeIndex) -> Vec<(NodeIndex, &GEdge)> {
        self.edges_from(principal, EdgeKind::Grants)
    }

    /// Security groups protecting a load balancer.
    pub fn security_groups_of(&self, lb: NodeIndex) -> Vec<NodeIndex> {
        self.edges_from(lb, EdgeKind::ProtectedBy)
            .into_iter()
            .map(|(n, _)| n)
            .collect()
    }

    /// Sources admitted into a security group, with the rule (ports/protocol in `detail`).
    pub fn admitted_into(&self, sg: NodeIndex) -> Vec<(NodeIndex, &GEdge)> {
        self.edges_into(sg, EdgeKind::Admits)
    }

    /// Nodes in a deterministic order (by id).
    pub fn sorted_nodes(&self) -> Vec<NodeIndex> {
        let mut v: Vec<NodeIndex> = self.graph.node_indices().collect();
        v.sort_by(|a, b| self.graph[*a].id.cmp(&self.graph[*b].id));
        v
    }

    /// Edges in a deterministic order: (from id, to id, kind, label).
    pub fn sorted_edges(&self) -> Vec<(NodeIndex, NodeIndex, &GEdge)> {
        let mut v: Vec<(NodeIndex, NodeIndex, &GEdge)> = self
            .graph
            .edge_references()
            .map(|e| (e.source(), e.target(), e.weight()))
            .collect();
        v.sort_by(|a, b| {
            (
                &self.graph[a.0].id,
                &self.graph[a.1].id,
                a.2.kind(),
                &a.2.label,
                a.2.span,
            )
                .cmp(&(
                    &self.graph[b.0].id,
                    &self.graph[b.1].id,
                    b.2.kind(),
                    &b.2.label,
                    b.2.span,
                ))
        });
        v
    }
}
