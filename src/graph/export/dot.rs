//! Graphviz DOT: accounts as `cluster_…` subgraphs (regions nested), labelled edges.

use super::{clusters, Overlay};
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
        NodeKind::SecurityGroup => "doubleoctagon",
        NodeKind::Vpc => "tab",
        NodeKind::Cidr | NodeKind::PrefixList => "diamond",
        NodeKind::Resource => "note",
    }
}

/// Where access comes from the open internet (a bypass when an accelerator is the intended path).
fn is_internet(k: NodeKind) -> bool {
    matches!(k, NodeKind::Cidr | NodeKind::PrefixList | NodeKind::Anyone)
}

fn color(k: EdgeKind) -> &'static str {
    match k {
        EdgeKind::Trusts => "darkorange",
        EdgeKind::Grants => "gray35",
        EdgeKind::ReplicatesTo => "blue",
        EdgeKind::EncryptsWith => "darkgreen",
        EdgeKind::Fronts => "purple",
        EdgeKind::ProtectedBy => "firebrick",
        EdgeKind::Admits => "purple",
        EdgeKind::AliasOf | EdgeKind::InVpc => "gray60",
    }
}

pub fn render(g: &TrustGraph, overlays: &[Overlay]) -> String {
    let mut s = String::new();
    s.push_str("digraph trustlint {\n");
    s.push_str("  rankdir=LR;\n  compound=true;\n");
    s.push_str("  node [fontname=\"Helvetica\", fontsize=11, style=filled, fillcolor=white];\n");
    s.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    if g.graph.node_count() == 0 {
        // Say why instead of drawing nothing.
        s.push_str(&format!("  empty [shape=note, label={}];\n}}\n", q(EMPTY)));
        return s;
    }
    // Nodes a finding marks without a second node: red (error) or orange (warning) outline.
    let mut marked: std::collections::BTreeMap<petgraph::graph::NodeIndex, (bool, Vec<&str>)> =
        Default::default();
    for o in overlays.iter().filter(|o| o.to.is_none_or(|t| t == o.from)) {
        let m = marked.entry(o.from).or_insert((false, Vec::new()));
        m.0 |= o.error;
        if !m.1.contains(&o.rule.as_str()) {
            m.1.push(&o.rule);
        }
    }
    let node_line = |s: &mut String, n, indent: &str| {
        let x = g.node(n);
        let mut style = if x.external {
            ", style=\"filled,dashed\"".to_string()
        } else {
            String::new()
        };
        if let Some((error, rules)) = marked.get(&n) {
            let c = if *error { "red" } else { "darkorange" };
            style.push_str(&format!(
                ", color={c}, penwidth=2, xlabel={}",
                q(&rules.join("\n"))
            ));
        }
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
    let mut kinds = std::collections::BTreeSet::new();
    let mut bypass = false;
    for (a, b, e) in g.sorted_edges() {
        let internet = e.kind() == EdgeKind::Admits && is_internet(g.node(a).kind);
        bypass |= internet;
        kinds.insert(e.kind());
        let style = if internet {
            "red, style=bold, penwidth=2".to_string()
        } else {
            color(e.kind()).to_string()
        };
        let _ = writeln!(
            s,
            "  {} -> {} [label={}, color={style}];",
            q(&g.node(a).id),
            q(&g.node(b).id),
            q(&e.label),
        );
    }
    let mut drawn = std::collections::BTreeSet::new();
    for o in overlays {
        let Some(to) = o.to.filter(|t| *t != o.from) else {
            continue;
        };
        if !drawn.insert((o.from, to, &o.rule)) {
            continue;
        }
        let c = if o.error { "red" } else { "darkorange" };
        let _ = writeln!(
            s,
            "  {} -> {} [label={}, color={c}, fontcolor={c}, style=dashed, penwidth=2, constraint=false];",
            q(&g.node(o.from).id),
            q(&g.node(to).id),
            q(&o.rule),
        );
    }
    legend(&mut s, &kinds, bypass, !overlays.is_empty());
    s.push_str("}\n");
    s
}

/// What an empty graph means.
pub const EMPTY: &str =
    "no resources to draw: the graph is built from CloudFormation templates (JSON, \
YAML, CDK output) and Terraform plan JSON; raw policies name no resources to link";

/// A table of the edge styles the picture uses.
fn legend(
    s: &mut String,
    kinds: &std::collections::BTreeSet<EdgeKind>,
    bypass: bool,
    findings: bool,
) {
    let mut rows = String::new();
    let mut row = |color: &str, line: &str, text: &str| {
        let _ = write!(
            rows,
            "<TR><TD><FONT COLOR=\"{color}\">{line}</FONT></TD><TD ALIGN=\"LEFT\">{text}</TD></TR>"
        );
    };
    for k in kinds {
        let text = if *k == EdgeKind::Admits {
            "admits (from a security group)"
        } else {
            k.name()
        };
        row(color(*k), "&#8212;&#8212;&#9654;", text);
    }
    if bypass {
        row(
            "red",
            "&#9473;&#9473;&#9654;",
            "admits from the internet (bypass)",
        );
    }
    if findings {
        row("red", "- - &#9654;", "failing requirement (error), rule id");
        row("darkorange", "- - &#9654;", "failing requirement (warning)");
    }
    let _ = writeln!(
        s,
        "  subgraph cluster_legend {{\n    label=\"legend\";\n    style=rounded;\n    color=gray70;\n    legend [shape=plaintext, label=<<TABLE BORDER=\"0\" CELLSPACING=\"2\">{rows}</TABLE>>];\n  }}"
    );
}
