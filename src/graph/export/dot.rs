//! Graphviz DOT: accounts as `cluster_…` subgraphs (regions nested), labelled edges.

use super::clusters;
use crate::graph::{EdgeKind, NodeKind, TrustGraph};
use std::fmt::Write;

fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn shape(k: NodeKind) -> &'static str {
    match k {
        NodeKind::Account => "house",
        NodeKind::Role | NodeKind::User | NodeKind::Principal => "ellipse",
        NodeKind::Service | NodeKind::Anyone => "octagon",
        NodeKind::Bucket => "cylinder",
        NodeKind::Key | NodeKind::Alias => "component",
        NodeKind::Accelerator | NodeKind::Listener | NodeKind::EndpointGroup => "hexagon",
        NodeKind::LoadBalancer | NodeKind::Endpoint => "box3d",
        NodeKind::SecurityGroup => "shield",
        NodeKind::Vpc => "tab",
        NodeKind::Cidr | NodeKind::PrefixList => "diamond",
        NodeKind::Resource => "note",
    }
}

fn color(k: EdgeKind) -> &'static str {
    match k {
        EdgeKind::Trusts => "darkorange",
        EdgeKind::Grants => "gray35",
        EdgeKind::ReplicatesTo => "blue",
        EdgeKind::EncryptsWith => "darkgreen",
        EdgeKind::Fronts => "purple",
        EdgeKind::ProtectedBy => "firebrick",
        EdgeKind::Admits => "red",
        EdgeKind::AliasOf | EdgeKind::InVpc => "gray60",
    }
}

pub fn render(g: &TrustGraph) -> String {
    let mut s = String::new();
    s.push_str("digraph trustlint {\n");
    s.push_str("  rankdir=LR;\n  compound=true;\n");
    s.push_str("  node [fontname=\"Helvetica\", fontsize=11, style=filled, fillcolor=white];\n");
    s.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    let node_line = |s: &mut String, n, indent: &str| {
        let x = g.node(n);
        let style = if x.external {
            ", style=\"filled,dashed\""
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "{indent}{} [label={}, shape={}{style}];",
            q(&x.id),
            q(&x.label),
            shape(x.kind)
        );
    };
    let c = clusters(g);
    for (ai, (account, regions)) in c.accounts.iter().enumerate() {
        let _ = writeln!(s, "  subgraph cluster_{ai} {{");
        let _ = writeln!(
            s,
            "    label={};\n    style=rounded;\n    color=gray40;",
            q(&format!("account {account}"))
        );
        for (ri, (region, nodes)) in regions.iter().enumerate() {
            if region.is_empty() {
                for n in nodes {
                    node_line(&mut s, *n, "    ");
                }
            } else {
                let _ = writeln!(s, "    subgraph cluster_{ai}_{ri} {{");
                let _ = writeln!(s, "      label={};\n      style=dashed;", q(region));
                for n in nodes {
                    node_line(&mut s, *n, "      ");
                }
                s.push_str("    }\n");
            }
        }
        s.push_str("  }\n");
    }
    for n in &c.loose {
        node_line(&mut s, *n, "  ");
    }
    for (a, b, e) in g.sorted_edges() {
        let _ = writeln!(
            s,
            "  {} -> {} [label={}, color={}];",
            q(&g.node(a).id),
            q(&g.node(b).id),
            q(&e.label),
            color(e.kind())
        );
    }
    s.push_str("}\n");
    s
}
