//! KMS-SOURCE-KEYS-COVERED — a KMS key the source bucket policy requires is not among the role's kms:Decrypt resources.

use super::common::s3_service;
use super::Ctx;
use crate::eval::wildcard::has_wildcard;
use crate::eval::{evaluate, NamedPolicy, PolicySet, Request, ResourceKind, Val, Verdict};
use crate::model::arn::Arn;
use crate::model::symbolic::{display, has_symbol};
use crate::model::{CondOp, Effect, Operator};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(KmsSourceKeysCovered, "KMS-SOURCE-KEYS-COVERED", Warning, "A KMS key the source bucket policy requires is not among the role's kms:Decrypt resources");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = &cx.graph.model;
    let mut done: Vec<(usize, String)> = Vec::new();
    for s in cx.sites() {
        if !s.sse_kms_opt_in() {
            continue;
        }
        let (Some(role_i), Some(region)) = (s.role, s.src_region()) else {
            continue;
        };
        if !m.external_managed_policies(role_i).is_empty() {
            continue; // AWS managed policies are not modelled: cannot prove.
        }
        let Some(pol) = m.bucket_policy(s.b) else {
            continue;
        };
        let default_keys: Vec<String> = s
            .src
            .encryption
            .iter()
            .filter_map(|e| match e.kms_key.and_then(|i| m.keys.get(i)) {
                Some(k) => Some(k.arn.clone()),
                None => e.kms_master_key_id.as_ref().map(|k| k.value.clone()),
            })
            .collect();
        let Some(role) = m.roles.get(role_i) else {
            continue;
        };
        // A policy document not known statically may grant it: cannot prove.
        if m.role_policies(role_i)
            .into_iter()
            .chain(m.role_boundary(role_i))
            .any(super::statements::doc_unknown)
        {
            continue;
        }
        let docs: Vec<(String, crate::model::Policy)> = m
            .role_policies(role_i)
            .into_iter()
            .map(|d| {
                let name = d.name.clone().unwrap_or_else(|| "identity policy".into());
                (name, with_key_arns(m, &role.origin, &d.policy))
            })
            .collect();
        let identity: Vec<NamedPolicy> = docs
            .iter()
            .map(|(name, policy)| NamedPolicy { name, policy })
            .collect();
        let boundary = m.role_boundary(role_i);
        for k in required_keys(pol) {
            // The default key is KMS-SRC-DECRYPT's question.
            if default_keys.contains(&k.value) || done.contains(&(role_i, k.value.clone())) {
                continue;
            }
            done.push((role_i, k.value.clone()));
            let mut req = Request::new(
                Val::from_text(&role.arn),
                "kms:Decrypt",
                Val::from_text(&k.value),
            );
            // The identity side only: would the role's policies allow Decrypt with this key?
            req.resource_kind = Some(ResourceKind::Other);
            req.resource_account = Some(Val::from_text(&role.origin.account));
            req.context.set(
                "kms:ViaService",
                Val::known(s3_service(region, &s.src.origin.partition)),
            );
            req.context.set(
                "kms:EncryptionContext:aws:s3:arn",
                Val::unknown(format!("the ARN of an object of {}", display(&s.src.name))),
            );
            let set = PolicySet {
                identity: identity.clone(),
                boundary: boundary.map(|b| NamedPolicy {
                    name: "permissions boundary",
                    policy: &b.policy,
                }),
                ..Default::default()
            };
            let Ok(d) = evaluate(&req, &set) else {
                continue;
            };
            if matches!(d.verdict, Verdict::Allowed | Verdict::Depends(_)) {
                continue;
            }
            out.push(
                Finding::new(
                    META.id,
                    META.severity,
                    pol.file,
                    k.span,
                    format!(
                        "the bucket policy of {} accepts SSE-KMS uploads with key `{}`, but the replication role {} is not allowed kms:Decrypt with it: objects encrypted with this key fail to replicate",
                        s.src.origin.logical_id,
                        display(&k.value),
                        role.origin.logical_id
                    ),
                )
                .resource(Some(s.src.origin.logical_id.clone()))
                .label("objects may be encrypted with this key")
                .related(role.origin.file, role.origin.logical_id_span, "the replication role")
                .help(format!(
                    "add the key to the role's kms:Decrypt statement:\n{{ \"Effect\": \"Allow\", \"Action\": \"kms:Decrypt\", \"Resource\": \"{}\",\n  \"Condition\": {{ \"StringLike\": {{ \"kms:ViaService\": \"{}\" }} }} }}\n(and let the key's policy grant or delegate it)",
                    display(&k.value),
                    s3_service(region, &s.src.origin.partition)
                )),
            );
        }
    }
}

/// The condition key S3 compares with the key of an SSE-KMS request.
const SSE_KEY_ID: &str = "s3:x-amz-server-side-encryption-aws-kms-key-id";


/// Key ARNs a bucket policy requires for SSE-KMS uploads (`s3:x-amz-server-side-encryption-aws-kms-key-id`
/// in a `Deny` with a negated operator, or an `Allow` with a positive one), with their spans.
fn required_keys(doc: &crate::model::PolicyDoc) -> Vec<&crate::source::Spanned<String>> {
    let mut out = Vec::new();
    for st in &doc.policy.statements {
        let Some(effect) = st.effect.as_ref().map(|e| e.value) else {
            continue;
        };
        for c in &st.conditions {
            if !c.key.value.eq_ignore_ascii_case(SSE_KEY_ID) {
                continue;
            }
            let Some(op) = CondOp::parse(&c.operator.value) else {
                continue;
            };
            if op.op == Operator::Null || op.set.is_some() {
                continue;
            }
            let wanted = match effect {
                Effect::Deny => op.op.is_negated(),
                Effect::Allow => !op.op.is_negated(),
                Effect::Unknown { .. } => false,
            };
            if !wanted {
                continue;
            }
            out.extend(c.values.iter().filter(|v| {
                !has_symbol(&v.value)
                    && !has_wildcard(&v.value)
                    && Arn::parse(&v.value).is_some_and(|a| a.resource.starts_with("key/"))
            }));
        }
    }
    out
}

/// A copy of an identity policy whose `Resource` values that name a modelled KMS key by a template
/// reference (`Fn::GetAtt Key.Arn`, a symbol) carry that key's ARN when it is known (pinned): the engine
/// can then tell that key from another key ARN.
fn with_key_arns(
    m: &crate::model::Model,
    from: &crate::model::origin::Origin,
    p: &crate::model::Policy,
) -> crate::model::Policy {
    let mut p = p.clone();
    for st in &mut p.statements {
        for block in [&mut st.resource, &mut st.not_resource]
            .into_iter()
            .flatten()
        {
            for item in &mut block.items {
                if !has_symbol(&item.value) {
                    continue;
                }
                if let Some(key) = m
                    .resolve_key(&item.value, from)
                    .and_then(|(k, _)| m.keys.get(k))
                {
                    if !has_symbol(&key.arn) {
                        item.value = key.arn.clone();
                    }
                }
            }
        }
    }
    p
}
