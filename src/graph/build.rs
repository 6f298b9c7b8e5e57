//! Model → graph, in one pass over resources and policy statements.

use super::relations::{self, EndpointTarget, GroupRef, Peer};
use super::{EdgeKind, GEdge, GNode, NodeKind, TrustGraph};
use crate::model::arn::{is_account_id, s3_bucket_of, Arn};
use crate::model::ec2::SgRule;
use crate::model::origin::Origin;
use crate::model::symbolic::display;
use crate::model::{
    DocKind, Effect, Kind, Model, PolicyDoc, PrincipalKind, PrincipalValue, Statement,
};
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

    fn defined(
        &mut self,
        m: &Model,
        kind: Kind,
        i: usize,
        nk: NodeKind,
        label: String,
    ) -> NodeIndex {
        let o = m.origin_of(kind, i).expect("index in range");
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
        if self.g[n].account.is_none() {
            self.g[n].account = acct(o);
            self.g[n].region = o.region.clone();
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
    // Resource nodes.
    for (i, x) in m.roles.iter().enumerate() {
        let label = format!("role {}", display(&x.name).trim_start_matches('/'));
        b.defined(&m, Kind::Role, i, NodeKind::Role, label);
    }
    for (i, x) in m.buckets.iter().enumerate() {
        b.defined(
            &m,
            Kind::Bucket,
            i,
            NodeKind::Bucket,
            format!("bucket {}", display(&x.name)),
        );
    }
    for (i, x) in m.keys.iter().enumerate() {
        let label = match x.aliases.first().and_then(|a| m.aliases[*a].name.as_ref()) {
            Some(n) => format!("key {} ({})", x.origin.logical_id, display(&n.value)),
            None => format!("key {}", x.origin.logical_id),
        };
        b.defined(&m, Kind::Key, i, NodeKind::Key, label);
    }
    for (i, x) in m.aliases.iter().enumerate() {
        let label = x
            .name
            .as_ref()
            .map_or_else(|| x.origin.logical_id.clone(), |n| display(&n.value));
        let a = b.defined(&m, Kind::Alias, i, NodeKind::Alias, label);
        if let Some(k) = x
            .target
            .and_then(|k| b.resources.get(&(Kind::Key, k)).copied())
        {
            b.edge(
                a,
                k,
                edge(
                    EdgeKind::AliasOf,
                    "alias_of".into(),
                    &x.origin,
                    x.target_key_id.as_ref().map(|t| t.span),
                ),
            );
        }
    }
    for (i, x) in m.accelerators.iter().enumerate() {
        let label = x
            .name
            .as_ref()
            .map_or_else(|| x.origin.logical_id.clone(), |n| display(&n.value));
        b.defined(
            &m,
            Kind::Accelerator,
            i,
            NodeKind::Accelerator,
            format!("accelerator {label}"),
        );
    }
    for (i, x) in m.ga_listeners.iter().enumerate() {
        let proto = x
            .protocol
            .as_ref()
            .map_or("TCP".to_string(), |p| p.value.clone());
        let ports: Vec<String> = x
            .port_ranges
            .iter()
            .map(|r| match (r.from, r.to) {
                (Some(f), Some(t)) if f == t => f.to_string(),
                (Some(f), Some(t)) => format!("{f}-{t}"),
                _ => "?".into(),
            })
            .collect();
        let label = format!("listener {proto} {}", ports.join(","));
        let n = b.defined(&m, Kind::GaListener, i, NodeKind::Listener, label.clone());
        if let Some(a) = relations::accelerator_of_listener(&m, i)
            .and_then(|a| b.resources.get(&(Kind::Accelerator, a)).copied())
        {
            b.edge(
                a,
                n,
                edge(
                    EdgeKind::Fronts,
                    format!("fronts {}", label.trim_start_matches("listener ")),
                    &x.origin,
                    x.accelerator_arn.as_ref().map(|s| s.span),
                ),
            );
        }
    }
    for (i, x) in m.load_balancers.iter().enumerate() {
        let name = x
            .name
            .as_ref()
            .map_or_else(|| x.origin.logical_id.clone(), |n| display(&n.value));
        let t = match x.type_str() {
            "application" => "ALB",
            "network" => "NLB",
            "gateway" => "GWLB",
            other => other,
        };
        b.defined(
            &m,
            Kind::LoadBalancer,
            i,
            NodeKind::LoadBalancer,
            format!("{t} {name} ({})", x.scheme_str()),
        );
    }
    for (i, x) in m.vpcs.iter().enumerate() {
        let label = match &x.cidr {
            Some(c) => format!("vpc {} {}", x.origin.logical_id, display(&c.value)),
            None => format!("vpc {}", x.origin.logical_id),
        };
        b.defined(&m, Kind::Vpc, i, NodeKind::Vpc, label);
    }
    for (i, x) in m.security_groups.iter().enumerate() {
        let label = match &x.group_name {
            Some(n) => format!("sg {} ({})", x.origin.logical_id, display(&n.value)),
            None => format!("sg {}", x.origin.logical_id),
        };
        let n = b.defined(&m, Kind::SecurityGroup, i, NodeKind::SecurityGroup, label);
        if let Some(v) = x
            .vpc
            .and_then(|v| b.resources.get(&(Kind::Vpc, v)).copied())
        {
            b.edge(
                n,
                v,
                edge(
                    EdgeKind::InVpc,
                    "in_vpc".into(),
                    &x.origin,
                    x.vpc_id.as_ref().map(|s| s.span),
                ),
            );
        }
    }
    // Endpoint groups and the rest of the accelerator chain.
    for (i, x) in m.endpoint_groups.iter().enumerate() {
        let region = x
            .region
            .as_ref()
            .map_or("?".to_string(), |r| display(&r.value));
        let mut label = format!("endpoint group {region}");
        if let Some(d) = &x.traffic_dial {
            label.push_str(&format!(" (dial {}%)", d.value));
        }
        let n = b.defined(&m, Kind::EndpointGroup, i, NodeKind::EndpointGroup, label);
        if let Some(r) = &x.region {
            b.g[n].region = Some(display(&r.value));
        }
        if let Some(l) = relations::listener_of_group(&m, i)
            .and_then(|l| b.resources.get(&(Kind::GaListener, l)).copied())
        {
            b.edge(
                l,
                n,
                edge(
                    EdgeKind::Fronts,
                    format!("fronts {region}"),
                    &x.origin,
                    x.listener_arn.as_ref().map(|s| s.span),
                ),
            );
        }
        for (_, ep, target) in relations::fronted_endpoints(&m, i) {
            let target = match target {
                EndpointTarget::LoadBalancer(lb) => b.resources[&(Kind::LoadBalancer, lb)],
                EndpointTarget::Other(id) => {
                    let kind = if id.value.contains(":loadbalancer/") {
                        NodeKind::LoadBalancer
                    } else {
                        NodeKind::Endpoint
                    };
                    b.external(kind, &id.value, None)
                }
            };
            let mut parts = Vec::new();
            if let Some(w) = &ep.weight {
                parts.push(format!("weight {}", w.value));
            }
            match &ep.client_ip_preservation {
                Some(c) if c.value => parts.push("client IP preserved".into()),
                Some(_) => parts.push("client IP not preserved".into()),
                None => {}
            }
            let label = if parts.is_empty() {
                "fronts".to_string()
            } else {
                format!("fronts ({})", parts.join(", "))
            };
            b.edge(
                n,
                target,
                edge(EdgeKind::Fronts, label, &x.origin, Some(ep.span)),
            );
        }
    }
    // Load balancers → security groups, VPCs.
    for (i, x) in m.load_balancers.iter().enumerate() {
        let n = b.resources[&(Kind::LoadBalancer, i)];
        for (sg, link) in relations::protected_by(&m, i) {
            let t = match link {
                GroupRef::Defined(s) => b.resources[&(Kind::SecurityGroup, s)],
                GroupRef::Unresolved(v) => {
                    b.external_local(NodeKind::SecurityGroup, &v.value, &x.origin)
                }
            };
            b.edge(
                n,
                t,
                edge(
                    EdgeKind::ProtectedBy,
                    "protected_by".into(),
                    &x.origin,
                    Some(sg.span),
                ),
            );
        }
        let mut vpcs: Vec<usize> = x
            .subnets
            .iter()
            .filter_map(|s| m.resolve(Kind::Subnet, &s.value, &x.origin))
            .filter_map(|(s, _)| m.subnets[s].vpc)
            .collect();
        vpcs.sort_unstable();
        vpcs.dedup();
        for v in vpcs {
            let t = b.resources[&(Kind::Vpc, v)];
            b.edge(
                n,
                t,
                edge(EdgeKind::InVpc, "in_vpc".into(), &x.origin, None),
            );
        }
    }
    // Security group ingress → admits.
    for (i, x) in m.security_groups.iter().enumerate() {
        let n = b.resources[&(Kind::SecurityGroup, i)];
        for r in relations::admitting_rules(&m, i) {
            admits(&mut b, n, r, &x.origin);
        }
    }
    // Buckets: replication and encryption.
    for (i, x) in m.buckets.iter().enumerate() {
        let n = b.resources[&(Kind::Bucket, i)];
        for e in &x.encryption {
            let Some(k) = &e.kms_master_key_id else {
                continue;
            };
            let t = key_node(&mut b, e.kms_key, &k.value);
            let label = match e.bucket_key_enabled.as_ref().map(|v| v.value) {
                Some(true) => "encrypts_with (default SSE-KMS, bucket key)".to_string(),
                _ => "encrypts_with (default SSE-KMS)".to_string(),
            };
            b.edge(
                n,
                t,
                edge(EdgeKind::EncryptsWith, label, &x.origin, Some(k.span)),
            );
        }
        let Some(rep) = &x.replication else { continue };
        for rule in &rep.rules {
            let Some(d) = &rule.destination else { continue };
            let Some(db) = &d.bucket else { continue };
            let t = match d.bucket_target {
                Some(t) => b.resources[&(Kind::Bucket, t)],
                None => {
                    let name = s3_bucket_of(&db.value).unwrap_or(&db.value).to_string();
                    let arn = format!("arn:{}:s3:::{name}", x.origin.partition);
                    let acc = d.account.as_ref().map(|a| display(&a.value));
                    let nx = b.external(
                        NodeKind::Bucket,
                        &arn,
                        Some(format!("bucket {}", display(&name))),
                    );
                    if b.g[nx].account.is_none() {
                        b.g[nx].account = acc;
                    }
                    nx
                }
            };
            let status = if rule.enabled() { "" } else { ", disabled" };
            let mut e = edge(
                EdgeKind::ReplicatesTo,
                format!("replicates_to (rule {}{status})", rule.label()),
                &x.origin,
                Some(rule.span),
            );
            e.detail = Some(rule.label());
            b.edge(n, t, e);
            if let Some(k) = &d.replica_kms_key_id {
                let kn = key_node(&mut b, d.replica_key_target, &k.value);
                b.edge(
                    t,
                    kn,
                    edge(
                        EdgeKind::EncryptsWith,
                        format!("encrypts_with (replicas of rule {})", rule.label()),
                        &x.origin,
                        Some(k.span),
                    ),
                );
            }
        }
    }
    // Policies: trust, identity, bucket, key.
    for (i, r) in m.roles.iter().enumerate() {
        let n = b.resources[&(Kind::Role, i)];
        if let Some(t) = &r.trust {
            resource_policy(&mut b, &m, t, n, &r.origin, EdgeKind::Trusts);
        }
        for d in m.role_policies(i) {
            identity_policy(&mut b, &m, d, n, &r.origin);
        }
    }
    for p in &m.iam_policies {
        // Policies attached to users (by name) or to roles defined nowhere.
        let Some(d) = &p.doc else { continue };
        for role in &p.roles {
            if m.resolve_role_name(&role.value, &p.origin).is_none() {
                let arn = format!(
                    "arn:{}:iam::{}:role/{}",
                    p.origin.partition, p.origin.account, role.value
                );
                let n = b.external(
                    NodeKind::Role,
                    &arn,
                    Some(format!("role {}", display(&role.value))),
                );
                identity_policy(&mut b, &m, d, n, &p.origin);
            }
        }
        for user in &p.users {
            let arn = format!(
                "arn:{}:iam::{}:user/{}",
                p.origin.partition, p.origin.account, user.value
            );
            let n = b.external(
                NodeKind::User,
                &arn,
                Some(format!("user {}", display(&user.value))),
            );
            identity_policy(&mut b, &m, d, n, &p.origin);
        }
    }
    for p in &m.bucket_policies {
        let Some(d) = &p.doc else { continue };
        let target = match p.target {
            Some(t) => b.resources[&(Kind::Bucket, t)],
            None => {
                let name = p
                    .bucket
                    .as_ref()
                    .map_or("?".to_string(), |x| x.value.clone());
                let arn = format!("arn:{}:s3:::{name}", p.origin.partition);
                b.external(
                    NodeKind::Bucket,
                    &arn,
                    Some(format!("bucket {}", display(&name))),
                )
            }
        };
        resource_policy(&mut b, &m, d, target, &p.origin, EdgeKind::Grants);
    }
    for (i, k) in m.keys.iter().enumerate() {
        let n = b.resources[&(Kind::Key, i)];
        if let Some(d) = &k.policy {
            resource_policy(&mut b, &m, d, n, &k.origin, EdgeKind::Grants);
        }
    }
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

fn key_node(b: &mut B, target: Option<usize>, literal: &str) -> NodeIndex {
    match target {
        Some(k) => b.resources[&(Kind::Key, k)],
        None => {
            let kind = if literal.contains("alias/") {
                NodeKind::Alias
            } else {
                NodeKind::Key
            };
            b.external(kind, literal, Some(format!("key {}", short_name(literal))))
        }
    }
}

fn admits(b: &mut B, sg: NodeIndex, r: &SgRule, owner: &Origin) {
    let proto = r
        .protocol
        .as_ref()
        .map_or("?".to_string(), |p| p.value.to_ascii_lowercase());
    let ports = if r.all_protocols() {
        "all traffic".to_string()
    } else {
        match (&r.from_port, &r.to_port) {
            (Some(f), Some(t)) if f.value == t.value => format!("{proto} {}", f.value),
            (Some(f), Some(t)) => format!("{proto} {}-{}", f.value, t.value),
            _ => proto.clone(),
        }
    };
    let origin = r.standalone.as_ref().unwrap_or(owner);
    let sources: Vec<NodeIndex> = relations::peers(r)
        .into_iter()
        .map(|p| match p {
            Peer::Cidr(c) => b.external(NodeKind::Cidr, &c.value, None),
            Peer::PrefixList(p) => b.external(NodeKind::PrefixList, &p.value, None),
            Peer::Group(i) => b.resources[&(Kind::SecurityGroup, i)],
            Peer::UnresolvedGroup(g) => b.external_local(NodeKind::SecurityGroup, &g.value, origin),
        })
        .collect();
    for s in sources {
        let mut e = edge(
            EdgeKind::Admits,
            format!("admits {ports}"),
            origin,
            Some(r.span),
        );
        e.detail = Some(ports.clone());
        b.edge(s, sg, e);
    }
}

fn actions_label(st: &Statement) -> (Vec<String>, bool, String) {
    let (block, not) = match (&st.action, &st.not_action) {
        (Some(a), _) => (Some(a), false),
        (None, Some(a)) => (Some(a), true),
        _ => (None, false),
    };
    let actions: Vec<String> = block
        .map(|b| b.items.iter().map(|i| i.value.clone()).collect())
        .unwrap_or_default();
    let mut shown: Vec<String> = actions.iter().take(4).cloned().collect();
    if actions.len() > 4 {
        shown.push(format!("+{} more", actions.len() - 4));
    }
    let text = if not {
        format!("NotAction {}", shown.join(", "))
    } else {
        shown.join(", ")
    };
    (actions, not, text)
}

fn statement_edge(kind: EdgeKind, st: &Statement, doc: &PolicyDoc, o: &Origin) -> GEdge {
    let (actions, not_action, text) = actions_label(st);
    let effect = st.effect.as_ref().map(|e| e.value);
    let verb = match (kind, effect) {
        (EdgeKind::Trusts, _) => "trusts",
        (_, Some(Effect::Deny)) => "denies",
        _ => "grants",
    };
    let mut conditions: Vec<String> = st.conditions.iter().map(|c| c.key.value.clone()).collect();
    conditions.sort();
    conditions.dedup();
    let cond = if conditions.is_empty() {
        String::new()
    } else {
        " (conditional)".to_string()
    };
    let via = match (kind, doc.kind) {
        (EdgeKind::Grants, DocKind::Resource) => " [bucket policy]",
        (EdgeKind::Grants, DocKind::KeyPolicy) => " [key policy]",
        _ => "",
    };
    GEdge {
        kind: Some(kind),
        label: format!("{verb} {text}{cond}{via}"),
        effect,
        actions,
        not_action,
        resources: st
            .resource
            .as_ref()
            .map(|r| r.items.iter().map(|i| i.value.clone()).collect())
            .unwrap_or_default(),
        conditions,
        doc: Some(doc.kind),
        statement: Some(st.index),
        detail: st.sid.as_ref().map(|s| s.value.clone()),
        file: Some(o.file),
        span: Some(st.span),
    }
}

/// A principal value of a resource/trust/key policy → its node.
fn principal(b: &mut B, m: &Model, kind: PrincipalKind, v: &str, from: &Origin) -> NodeIndex {
    match kind {
        PrincipalKind::Service => b.external(NodeKind::Service, v, None),
        PrincipalKind::Federated => b.external(
            NodeKind::Principal,
            v,
            Some(format!("federated {}", display(v))),
        ),
        PrincipalKind::CanonicalUser => b.external(
            NodeKind::Principal,
            v,
            Some(format!("canonical user {}", display(v))),
        ),
        PrincipalKind::Aws => {
            if v == "*" {
                return anyone(b);
            }
            if is_account_id(v) {
                return b.account(v);
            }
            if let Some((r, _)) = m.resolve_role(v, from) {
                return b.resources[&(Kind::Role, r)];
            }
            match Arn::parse(v) {
                Some(a) if a.service == "iam" && a.resource == "root" => b.account(&a.account),
                Some(a) if a.service == "iam" && a.resource.starts_with("role/") => {
                    b.external(NodeKind::Role, v, Some(format!("role {}", short_name(v))))
                }
                Some(a) if a.service == "iam" && a.resource.starts_with("user/") => {
                    b.external(NodeKind::User, v, Some(format!("user {}", short_name(v))))
                }
                _ => b.external(NodeKind::Principal, v, None),
            }
        }
    }
}

fn anyone(b: &mut B) -> NodeIndex {
    b.node(GNode {
        id: "anyone:*".into(),
        kind: NodeKind::Anyone,
        label: "anyone (*)".into(),
        account: None,
        region: None,
        external: true,
        resource: None,
        file: None,
        span: None,
    })
}

/// Resource, trust and key policies: every principal of every statement → the resource.
fn resource_policy(
    b: &mut B,
    m: &Model,
    doc: &PolicyDoc,
    target: NodeIndex,
    o: &Origin,
    kind: EdgeKind,
) {
    for st in &doc.policy.statements {
        let e = statement_edge(kind, st, doc, o);
        let mut froms = Vec::new();
        if let Some(p) = &st.principal {
            match &p.value {
                PrincipalValue::Any => froms.push(anyone(b)),
                PrincipalValue::Map(_) => {
                    for (k, v) in p.entries() {
                        froms.push(principal(b, m, k, &v.value, o));
                    }
                }
            }
        }
        if st.not_principal.is_some() {
            // `NotPrincipal`: everyone but the listed principals.
            froms.push(anyone(b));
        }
        froms.sort();
        froms.dedup();
        for f in froms {
            b.edge(f, target, e.clone());
        }
    }
}

/// Identity policies: the principal → every resource the statement names.
fn identity_policy(b: &mut B, m: &Model, doc: &PolicyDoc, from: NodeIndex, o: &Origin) {
    for st in &doc.policy.statements {
        let e = statement_edge(EdgeKind::Grants, st, doc, o);
        let items: Vec<&str> = match (&st.resource, &st.not_resource) {
            (Some(r), _) => r.items.iter().map(|i| i.value.as_str()).collect(),
            (None, Some(_)) => vec!["*"],
            _ => Vec::new(),
        };
        let mut targets: Vec<(NodeIndex, Vec<String>)> = Vec::new();
        for it in items {
            let t = resource_target(b, m, it, o);
            match targets.iter_mut().find(|(n, _)| *n == t) {
                Some((_, v)) => v.push(it.to_string()),
                None => targets.push((t, vec![it.to_string()])),
            }
        }
        for (t, resources) in targets {
            let mut e = e.clone();
            e.resources = resources;
            b.edge(from, t, e);
        }
    }
}

/// A `Resource` entry of an identity policy → the node it names (bucket, key, role), or a pattern node.
fn resource_target(b: &mut B, m: &Model, r: &str, o: &Origin) -> NodeIndex {
    if let Some(name) = s3_bucket_of(r) {
        if !name.contains(['*', '?']) {
            if let Some((i, _)) = m.resolve_bucket(name, o) {
                return b.resources[&(Kind::Bucket, i)];
            }
            let arn = format!("arn:{}:s3:::{name}", o.partition);
            return b.external(
                NodeKind::Bucket,
                &arn,
                Some(format!("bucket {}", display(name))),
            );
        }
    }
    if let Some(a) = Arn::parse(r) {
        if a.service == "kms" && !r.contains(['*', '?']) {
            if let Some((i, _)) = m.resolve_key(r, o) {
                return b.resources[&(Kind::Key, i)];
            }
            let kind = if a.resource.starts_with("alias/") {
                NodeKind::Alias
            } else {
                NodeKind::Key
            };
            return b.external(kind, r, Some(format!("key {}", short_name(r))));
        }
        if a.service == "iam" && a.resource.starts_with("role/") && !r.contains(['*', '?']) {
            if let Some((i, _)) = m.resolve_role(r, o) {
                return b.resources[&(Kind::Role, i)];
            }
        }
    }
    b.external(NodeKind::Resource, r, None)
}
