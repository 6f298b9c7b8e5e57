//! `{"nodes": [{"id","kind","label","account","region"}], "edges": [{"from","to","kind","label"}]}`.

use crate::graph::TrustGraph;
use serde_json::{json, Value};

pub fn to_value(g: &TrustGraph) -> Value {
    let nodes: Vec<Value> = g
        .sorted_nodes()
        .into_iter()
        .map(|n| {
            let x = g.node(n);
            json!({
                "id": x.id,
                "kind": x.kind.name(),
                "label": x.label,
                "account": x.account,
                "region": x.region,
            })
        })
        .collect();
    let edges: Vec<Value> = g
        .sorted_edges()
        .into_iter()
        .map(|(a, b, e)| {
            json!({
                "from": g.node(a).id,
                "to": g.node(b).id,
                "kind": e.kind().name(),
                "label": e.label,
            })
        })
        .collect();
    json!({ "nodes": nodes, "edges": edges })
}

pub fn render(g: &TrustGraph) -> String {
    serde_json::to_string_pretty(&to_value(g)).unwrap_or_default() + "\n"
}
