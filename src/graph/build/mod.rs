//! Model → graph, in one pass over resources and policy statements: nodes for every defined resource
//! first, then the edges of the network chain, of storage, and of policies.

mod network;
mod nodes;
mod policies;
mod storage;

use super::{EdgeKind, GEdge, GNode, NodeKind, TrustGraph};
use crate::model::arn::{is_account_id, Arn};
use crate::model::origin::Origin;
use crate::model::symbolic::display;
use crate::model::{Kind, Model};
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::HashMap;

struct B {
    g: DiGraph<GNode, GEdge>,
    ids: HashMap<String, NodeIndex>,
    resources: HashMap<(Kind, usize), NodeIndex>,
}

fn acct(o: &Origin) -> Option<String> {
    Some(display(&o.account))
}

impl B {
    fn node(&mut self, n: GNode) -> NodeIndex {
        if let Some(i) = self.ids.get(&n.id) {
            return *i;
        }
        let id = n.id.clone();
        let i = self.g.add_node(n);
        self.ids.insert(id, i);
        i
    }

    /// The node of the model's `i`-th resource of `kind`, defined at `o` (its origin).
    fn defined(
        &mut self,
        o: &Origin,
        kind: Kind,
        i: usize,
        nk: NodeKind,
        label: String,
    ) -> NodeIndex {
        let mut id = format!("{}:{}/{}", nk.name(), o.stack, o.logical_id);
        let mut n = 2;
        while self.ids.contains_key(&id) {
            id = format!("{}:{}/{}#{n}", nk.name(), o.stack, o.logical_id);
            n += 1;
        }
        let x = self.node(GNode {
            id,
            kind: nk,
            label,
            account: acct(o),
            region: o.region.clone(),
            external: false,
            resource: Some((kind, i)),
            file: Some(o.file),
            span: Some(o.logical_id_span),
        });
        self.resources.insert((kind, i), x);
        x
    }

    /// The node of a defined resource (every resource of the model has one, made by
    /// [`nodes::resources`] before any edge).
    fn res(&self, kind: Kind, i: usize) -> Option<NodeIndex> {
        self.resources.get(&(kind, i)).copied()
    }

    /// A node for something no template defines, keyed by its identifier.
    fn external(&mut self, kind: NodeKind, ident: &str, label: Option<String>) -> NodeIndex {
        let arn = Arn::parse(ident);
        let account = arn
            .as_ref()
            .filter(|a| !a.account.is_empty())
            .map(|a| display(&a.account))
            .or_else(|| is_account_id(ident).then(|| ident.to_string()));
        let region = arn
            .as_ref()
            .filter(|a| !a.region.is_empty())
            .map(|a| display(&a.region));
        self.node(GNode {
            id: format!("{}:{}", kind.name(), display(ident)),
            kind,
            label: label.unwrap_or_else(|| display(ident)),
            account,
            region,
            external: true,
            resource: None,
            file: None,
            span: None,
        })
    }

    /// An external node for an identifier that only makes sense where it is written (a security group
    /// id, a parameter): placed in the referring template's account and region.
    fn external_local(&mut self, kind: NodeKind, ident: &str, o: &Origin) -> NodeIndex {
        let n = self.external(kind, ident, Some(format!("sg {}", display(ident))));
        if let Some(x) = self.g.node_weight_mut(n).filter(|x| x.account.is_none()) {
            x.account = acct(o);
            x.region = o.region.clone();
        }
        n
    }

    fn account(&mut self, key: &str) -> NodeIndex {
        let d = display(key);
        self.node(GNode {
            id: format!("account:{d}"),
            kind: NodeKind::Account,
            label: format!("account {d}"),
            account: Some(d),
            region: None,
            external: false,
            resource: None,
            file: None,
            span: None,
        })
    }

    fn edge(&mut self, a: NodeIndex, b: NodeIndex, e: GEdge) {
        self.g.add_edge(a, b, e);
    }
}

fn short_name(s: &str) -> String {
    // Last path segment of an ARN-ish identifier, for labels.
    let d = display(s);
    match Arn::parse(s) {
        Some(a) if !a.resource.is_empty() => {
            display(a.resource.rsplit('/').next().unwrap_or(&a.resource))
        }
        _ => d,
    }
}

pub(super) fn build(m: Model) -> TrustGraph {
    let mut b = B {
        g: DiGraph::new(),
        ids: HashMap::new(),
        resources: HashMap::new(),
    };
    for a in &m.accounts {
        b.account(&a.key);
    }
    nodes::resources(&mut b, &m);
    network::accelerator_chain(&mut b, &m);
    network::load_balancer_links(&mut b, &m);
    network::ingress(&mut b, &m);
    storage::buckets(&mut b, &m);
    policies::attach(&mut b, &m);
    TrustGraph {
        model: m,
        graph: b.g,
        ids: b.ids,
        resources: b.resources,
    }
}

fn edge(kind: EdgeKind, label: String, o: &Origin, span: Option<crate::source::Span>) -> GEdge {
    GEdge {
        kind: Some(kind),
        label,
        file: Some(o.file),
        span,
        ..GEdge::default()
    }
}
