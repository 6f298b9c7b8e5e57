//! SG-CIRCULAR-INLINE — security groups of one stack that reference each other in inline rules make a
//! CloudFormation circular dependency.

use super::Ctx;
use crate::model::symbolic::has_symbol;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use std::collections::HashMap;

pub const META: RuleMeta = rule_meta!(
    SgCircularInline, "SG-CIRCULAR-INLINE",
    Error,
    "Security groups reference each other in inline rules"
);

/// SG-CIRCULAR-INLINE: strongly connected components of the "inline rule references" graph within a stack.
pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    let mut g: petgraph::graph::DiGraph<usize, ()> = petgraph::graph::DiGraph::new();
    let nodes: Vec<_> = (0..m.security_groups.len())
        .map(|i| g.add_node(i))
        .collect();
    let mut first_ref: HashMap<(usize, usize), crate::source::Span> = HashMap::new();
    for (si, sg) in m.security_groups.iter().enumerate() {
        for r in sg.ingress.iter().chain(&sg.egress) {
            let (Some(p), Some(peer)) = (&r.peer_group_id, r.peer_group) else {
                continue;
            };
            // Only a `Ref`/`GetAtt` in the same template creates a CloudFormation dependency.
            let other_stack = m.security_groups.get(peer).map(|o| &o.origin.stack_key);
            if !has_symbol(&p.value) || other_stack != Some(&sg.origin.stack_key) {
                continue;
            }
            if first_ref.insert((si, peer), p.span).is_none() {
                if let (Some(&a), Some(&b)) = (nodes.get(si), nodes.get(peer)) {
                    g.add_edge(a, b, ());
                }
            }
        }
    }
    for scc in petgraph::algo::tarjan_scc(&g) {
        let mut members: Vec<usize> = scc.iter().map(|n| g[*n]).collect();
        members.sort_unstable();
        let Some(&a) = members.first() else { continue };
        let cyclic = members.len() > 1 || first_ref.contains_key(&(a, a));
        if !cyclic {
            continue;
        }
        let Some(sg) = m.security_groups.get(a) else {
            continue;
        };
        let Some((&(_, to), span)) = first_ref
            .iter()
            .filter(|((x, y), _)| *x == a && members.contains(y))
            .min_by_key(|(_, s)| s.start)
            .map(|(k, s)| (k, *s))
        else {
            continue;
        };
        let Some(to) = m.security_groups.get(to) else {
            continue;
        };
        let names: Vec<&str> = members
            .iter()
            .filter_map(|i| m.security_groups.get(*i))
            .map(|g| g.origin.logical_id.as_str())
            .collect();
        let mut fnd = Finding::new(
            META.id,
            META.severity,
            sg.origin.file,
            span,
            format!("security groups {} reference each other in inline rules: CloudFormation fails with a circular dependency", names.join(" and ")),
        )
        .resource(Some(sg.origin.logical_id.clone()))
        .label("inline reference")
        .help(format!(
            "move one direction into a standalone rule: {{ \"Type\": \"AWS::EC2::SecurityGroupIngress\", \"Properties\": {{ \"GroupId\": {{ \"Fn::GetAtt\": [\"{}\", \"GroupId\"] }}, \"SourceSecurityGroupId\": {{ \"Fn::GetAtt\": [\"{}\", \"GroupId\"] }}, \"IpProtocol\": \"tcp\", \"FromPort\": …, \"ToPort\": … }} }}",
            to.origin.logical_id, sg.origin.logical_id
        ));
        for ((x, y), s) in &first_ref {
            if *x == a || !members.contains(x) || !members.contains(y) {
                continue;
            }
            if let (Some(gx), Some(gy)) = (m.security_groups.get(*x), m.security_groups.get(*y)) {
                fnd = fnd.related(
                    gx.origin.file,
                    *s,
                    format!(
                        "{} references {}",
                        gx.origin.logical_id, gy.origin.logical_id
                    ),
                );
            }
        }
        fnd.related.sort_by_key(|r| r.span.start);
        out.push(fnd);
    }
}
