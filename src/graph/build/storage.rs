//! Storage edges: a bucket's default encryption key and its replication destinations.

use super::{edge, short_name, B};
use crate::graph::{EdgeKind, NodeKind};
use crate::model::arn::s3_bucket_of;
use crate::model::symbolic::display;
use crate::model::{Kind, Model};
use petgraph::graph::NodeIndex;

/// Buckets: replication and encryption.
pub(super) fn buckets(b: &mut B, m: &Model) {
    // Buckets: replication and encryption.
    for (i, x) in m.buckets.iter().enumerate() {
        let Some(n) = b.res(Kind::Bucket, i) else {
            continue;
        };
        for e in &x.encryption {
            let Some(k) = &e.kms_master_key_id else {
                continue;
            };
            let t = key_node(b, e.kms_key, &k.value);
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
                Some(t) => {
                    let Some(n) = b.res(Kind::Bucket, t) else {
                        continue;
                    };
                    n
                }
                None => {
                    let name = s3_bucket_of(&db.value).unwrap_or(&db.value).to_string();
                    let arn = format!("arn:{}:s3:::{name}", x.origin.partition);
                    let acc = d.account.as_ref().map(|a| display(&a.value));
                    let nx = b.external(
                        NodeKind::Bucket,
                        &arn,
                        Some(format!("bucket {}", display(&name))),
                    );
                    if let Some(x) = b.g.node_weight_mut(nx).filter(|x| x.account.is_none()) {
                        x.account = acc;
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
                let kn = key_node(b, d.replica_key_target, &k.value);
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
}

fn key_node(b: &mut B, target: Option<usize>, literal: &str) -> NodeIndex {
    match target.and_then(|k| b.res(Kind::Key, k)) {
        Some(n) => n,
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
