//! `trustlint graph --format dot|mermaid|json`: the trust graph for people (and scripts).
//!
//! Every exporter walks nodes sorted by id and edges sorted by (from, to, kind, label), so the output is
//! deterministic whatever the file order.

pub mod dot;
pub mod json;
pub mod mermaid;

use super::TrustGraph;
use petgraph::graph::NodeIndex;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    Dot,
    Mermaid,
    Json,
}

/// A finding drawn on the graph: a failing requirement from `from` to `to` (a red dashed edge
/// labelled with the rule id), or, without `to`, a mark on `from`. Computed by the caller from the
/// findings' locations (the graph layer knows no rules).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Overlay {
    pub from: NodeIndex,
    pub to: Option<NodeIndex>,
    pub rule: String,
    /// An error (red); else a warning (orange).
    pub error: bool,
}

pub fn render(g: &TrustGraph, format: GraphFormat) -> String {
    render_with(g, format, &[])
}

/// Render with findings overlaid (DOT draws them; Mermaid and JSON ignore them).
pub fn render_with(g: &TrustGraph, format: GraphFormat, overlays: &[Overlay]) -> String {
    match format {
        GraphFormat::Dot => dot::render(g, overlays),
        GraphFormat::Mermaid => mermaid::render(g),
        GraphFormat::Json => json::render(g),
    }
}

/// Nodes grouped for drawing: account → region ("" when none) → nodes; nodes without an account last.
pub(crate) struct Clusters {
    pub accounts: BTreeMap<String, BTreeMap<String, Vec<NodeIndex>>>,
    pub loose: Vec<NodeIndex>,
}

pub(crate) fn clusters(g: &TrustGraph) -> Clusters {
    let mut c = Clusters {
        accounts: BTreeMap::new(),
        loose: Vec::new(),
    };
    for n in g.sorted_nodes() {
        let node = g.node(n);
        match &node.account {
            Some(a) => c
                .accounts
                .entry(a.clone())
                .or_default()
                .entry(node.region.clone().unwrap_or_default())
                .or_default()
                .push(n),
            None => c.loose.push(n),
        }
    }
    c
}
