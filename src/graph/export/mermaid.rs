//! Mermaid `flowchart LR`: accounts (and regions) as subgraphs, labelled edges.

use super::clusters;
use crate::graph::{NodeKind, TrustGraph};
use petgraph::graph::NodeIndex;
use std::collections::HashMap;
use std::fmt::Write;

/// Mermaid labels are quoted; `"` and the characters Mermaid treats specially become entity codes.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '#' => out.push_str("#35;"),
            '|' => out.push_str("#124;"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn shaped(k: NodeKind, label: &str) -> String {
    let l = text(label);
    match k {
        NodeKind::Bucket => format!("[(\"{l}\")]"),
        NodeKind::Role | NodeKind::User | NodeKind::Principal => format!("([\"{l}\"])"),
        NodeKind::Service | NodeKind::Anyone => format!("{{{{\"{l}\"}}}}"),
        NodeKind::Cidr | NodeKind::PrefixList => format!("{{\"{l}\"}}"),
        NodeKind::SecurityGroup => format!("[/\"{l}\"/]"),
        _ => format!("[\"{l}\"]"),
    }
}

pub fn render(g: &TrustGraph) -> String {
    let ids: HashMap<NodeIndex, String> = g
        .sorted_nodes()
        .into_iter()
        .enumerate()
        .map(|(i, n)| (n, format!("n{i}")))
        .collect();
    // Every node has an id: `ids` is built from all of the graph's nodes.
    let id = |n: &NodeIndex| ids.get(n).map_or("", String::as_str);
    let mut s = String::from("flowchart LR\n");
    let node_line = |s: &mut String, n: NodeIndex, indent: &str| {
        let x = g.node(n);
        let _ = writeln!(s, "{indent}{}{}", id(&n), shaped(x.kind, &x.label));
    };
    let c = clusters(g);
    for (ai, (account, regions)) in c.accounts.iter().enumerate() {
        let _ = writeln!(s, "  subgraph a{ai}[\"account {}\"]", text(account));
        for (ri, (region, nodes)) in regions.iter().enumerate() {
            if region.is_empty() {
                for n in nodes {
                    node_line(&mut s, *n, "    ");
                }
            } else {
                let _ = writeln!(s, "    subgraph a{ai}r{ri}[\"{}\"]", text(region));
                for n in nodes {
                    node_line(&mut s, *n, "      ");
                }
                s.push_str("    end\n");
            }
        }
        s.push_str("  end\n");
    }
    for n in &c.loose {
        node_line(&mut s, *n, "  ");
    }
    for (a, b, e) in g.sorted_edges() {
        let _ = writeln!(s, "  {} -->|\"{}\"| {}", id(&a), text(&e.label), id(&b));
    }
    s
}
