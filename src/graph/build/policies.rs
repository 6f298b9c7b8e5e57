//! Policy edges: trust, identity, bucket and key policies, from each principal to what it may reach.

use super::{short_name, B};
use crate::graph::{EdgeKind, GEdge, GNode, NodeKind};
use crate::model::arn::{is_account_id, s3_bucket_of, Arn};
use crate::model::origin::Origin;
use crate::model::symbolic::display;
use crate::model::{
    DocKind, Effect, Kind, Model, PolicyDoc, PrincipalKind, PrincipalValue, Statement,
};
use petgraph::graph::NodeIndex;

/// Policies: trust, identity, bucket, key.
pub(super) fn attach(b: &mut B, m: &Model) {
    // Policies: trust, identity, bucket, key.
    for (i, r) in m.roles.iter().enumerate() {
        let Some(n) = b.res(Kind::Role, i) else {
            continue;
        };
        if let Some(t) = &r.trust {
            resource_policy(b, m, t, n, &r.origin, EdgeKind::Trusts);
        }
        for d in m.role_policies(i) {
            identity_policy(b, m, d, n, &r.origin);
        }
    }
    for p in &m.iam_policies {
        // Policies attached to users (by name) or to roles defined nowhere.
        let Some(d) = &p.doc else { continue };
        let unresolved_roles = p
            .roles
            .iter()
            .filter(|r| m.resolve_role_name(&r.value, &p.origin).is_none())
            .map(|r| (NodeKind::Role, "role", r));
        let users = p.users.iter().map(|u| (NodeKind::User, "user", u));
        for (kind, word, name) in unresolved_roles.chain(users) {
            let arn = format!(
                "arn:{}:iam::{}:{word}/{}",
                p.origin.partition, p.origin.account, name.value
            );
            let n = b.external(kind, &arn, Some(format!("{word} {}", display(&name.value))));
            identity_policy(b, m, d, n, &p.origin);
        }
    }
    for p in &m.bucket_policies {
        let Some(d) = &p.doc else { continue };
        let target = match p.target {
            Some(t) => {
                let Some(n) = b.res(Kind::Bucket, t) else {
                    continue;
                };
                n
            }
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
        resource_policy(b, m, d, target, &p.origin, EdgeKind::Grants);
    }
    for (i, k) in m.keys.iter().enumerate() {
        let Some(n) = b.res(Kind::Key, i) else {
            continue;
        };
        if let Some(d) = &k.policy {
            resource_policy(b, m, d, n, &k.origin, EdgeKind::Grants);
        }
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
                if let Some(n) = b.res(Kind::Role, r) {
                    return n;
                }
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
                // Not known statically: one unknown principal named by its text.
                PrincipalValue::Unknown(t) => {
                    froms.push(principal(b, m, PrincipalKind::Aws, t, o));
                }
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
                if let Some(n) = b.res(Kind::Bucket, i) {
                    return n;
                }
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
                if let Some(n) = b.res(Kind::Key, i) {
                    return n;
                }
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
                if let Some(n) = b.res(Kind::Role, i) {
                    return n;
                }
            }
        }
    }
    b.external(NodeKind::Resource, r, None)
}
