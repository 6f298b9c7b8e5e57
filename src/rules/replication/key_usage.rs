//! More KMS rules over the model (rules-spec §7): KMS-MRK, KMS-THROTTLE, KMS-SOURCE-KEYS-COVERED,
//! KMS-XACCT-ROOT-ONLY-IAM, KMS-XACCT-NONCRYPTO.

use super::common::{bucket_key_on, s3_service, sites};
use super::Ctx;
use crate::eval::wildcard::{has_wildcard, matches_ci};
use crate::eval::{evaluate, NamedPolicy, PolicySet, Request, ResourceKind, Val, Verdict};
use crate::model::arn::{is_account_id, Arn};
use crate::model::symbolic::{display, has_symbol};
use crate::model::{CondOp, Effect, Operator, PrincipalKind, PrincipalValue};
use crate::rules::Finding;

/// The operations principals in other accounts can use with a key (KMS Developer Guide, "Allowing users in
/// other accounts to use a KMS key").
const XACCT_OPS: &[&str] = &[
    "kms:Decrypt",
    "kms:DeriveSharedSecret",
    "kms:Encrypt",
    "kms:GenerateDataKey",
    "kms:GenerateDataKeyPair",
    "kms:GenerateDataKeyPairWithoutPlaintext",
    "kms:GenerateDataKeyWithoutPlaintext",
    "kms:GenerateMac",
    "kms:ReEncryptFrom",
    "kms:ReEncryptTo",
    "kms:Sign",
    "kms:Verify",
    "kms:VerifyMac",
    "kms:CreateGrant",
    "kms:DescribeKey",
    "kms:GetKeyRotationStatus",
    "kms:GetPublicKey",
    "kms:ListGrants",
    "kms:RetireGrant",
    "kms:RevokeGrant",
];

/// The condition key S3 compares with the key of an SSE-KMS request.
const SSE_KEY_ID: &str = "s3:x-amz-server-side-encryption-aws-kms-key-id";

pub fn compute(ctx: &Ctx, out: &mut Vec<Finding>) {
    mrk_and_throttle(ctx, out);
    source_keys(ctx, out);
    external_grants(ctx, out);
}

fn is_mrk_arn(s: &str) -> bool {
    Arn::parse(s).is_some_and(|a| a.resource.starts_with("key/mrk-"))
}

fn mrk_and_throttle(ctx: &Ctx, out: &mut Vec<Finding>) {
    let m = &ctx.graph.model;
    let mut seen_src = Vec::new();
    for s in sites(m) {
        if let Some(k) = s.replica_key() {
            // A multi-Region replica key is XREG-MRK's finding.
            // Throttling: every replicated SSE-KMS object costs KMS requests unless Bucket Keys are on.
            let dst_bk = s.dst.is_some_and(bucket_key_on);
            if s.sse_kms_opt_in() && !bucket_key_on(s.src) && !dst_bk {
                let span = s
                    .rule
                    .sse_kms_encrypted_objects
                    .as_ref()
                    .map_or(k.span, |x| x.span);
                out.push(
                    s.finding(&super::kms_throttle::META, span, "SSE-KMS objects are replicated without S3 Bucket Keys: each object costs KMS Decrypt and Encrypt requests, and a high volume can exceed the KMS request quotas (requests are throttled and replication is delayed)")
                        .label("one KMS call per object and operation")
                        .help("enable S3 Bucket Keys (\"BucketKeyEnabled\": true in the default encryption of the source and destination buckets) or request a KMS quota increase for high volumes"),
                );
            }
        }
        // The source bucket's default key.
        if s.sse_kms_opt_in() && !seen_src.contains(&s.b) {
            seen_src.push(s.b);
            for e in &s.src.encryption {
                let Some(kid) = &e.kms_master_key_id else {
                    continue;
                };
                let key = e.kms_key.map(|i| &m.keys[i]);
                if key.is_some_and(|k| k.is_multi_region()) || is_mrk_arn(&kid.value) {
                    out.push(
                        s.finding(&super::kms_mrk::META, kid.span, format!("the source bucket's default key `{}` is a multi-Region key: S3 treats it as a single-Region key; the role must be granted on this key's ARN in the source Region", display(&kid.value)))
                            .label("multi-Region key")
                            .help("grant kms:Decrypt on this key's own ARN (its related multi-Region keys have their own ARNs and key policies)"),
                    );
                }
            }
        }
    }
}

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

fn source_keys(ctx: &Ctx, out: &mut Vec<Finding>) {
    let m = &ctx.graph.model;
    let mut done: Vec<(usize, String)> = Vec::new();
    for s in sites(m) {
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
            .filter_map(|e| match e.kms_key {
                Some(i) => Some(m.keys[i].arn.clone()),
                None => e.kms_master_key_id.as_ref().map(|k| k.value.clone()),
            })
            .collect();
        let role = &m.roles[role_i];
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
                    super::kms_source_keys_covered::META.id,
                    super::kms_source_keys_covered::META.severity,
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
                if let Some((k, _)) = m.resolve_key(&item.value, from) {
                    let arn = &m.keys[k].arn;
                    if !has_symbol(arn) {
                        item.value = arn.clone();
                    }
                }
            }
        }
    }
    p
}

/// The account an `AWS` principal value stands for when it names a whole account (`111111111111` or
/// `arn:aws:iam::111111111111:root`).
fn account_root(v: &str) -> Option<&str> {
    if is_account_id(v) {
        return Some(v);
    }
    let rest = v.strip_prefix("arn:")?;
    let mut it = rest.splitn(5, ':');
    let (_part, svc, _region, acct, res) =
        (it.next()?, it.next()?, it.next()?, it.next()?, it.next()?);
    (svc == "iam" && res == "root" && is_account_id(acct)).then_some(acct)
}

/// The account of an `AWS` principal value (account id, or the account of an IAM/STS ARN).
pub(super) fn principal_account(v: &str) -> Option<&str> {
    if is_account_id(v) {
        return Some(v);
    }
    let rest = v.strip_prefix("arn:")?;
    let mut it = rest.splitn(5, ':');
    let (_part, svc, _region, acct) = (it.next()?, it.next()?, it.next()?, it.next()?);
    (matches!(svc, "iam" | "sts") && is_account_id(acct)).then_some(acct)
}

fn external_grants(ctx: &Ctx, out: &mut Vec<Finding>) {
    let m = &ctx.graph.model;
    for key in &m.keys {
        let Some(doc) = &key.policy else { continue };
        let own = key.origin.account.as_str();
        if !is_account_id(own) {
            continue;
        }
        for st in &doc.policy.statements {
            if st.effect.as_ref().map(|e| e.value) != Some(Effect::Allow) {
                continue;
            }
            let Some(p) = &st.principal else { continue };
            let PrincipalValue::Map(entries) = &p.value else {
                continue;
            };
            let mut external = false;
            for e in entries.iter().filter(|e| e.kind == PrincipalKind::Aws) {
                for v in &e.values {
                    if principal_account(&v.value).is_some_and(|a| a != own) {
                        external = true;
                    }
                    let Some(acct) = account_root(&v.value) else {
                        continue;
                    };
                    if acct == own {
                        continue;
                    }
                    out.push(
                        Finding::new(
                            super::kms_xacct_root_only_iam::META.id,
                            super::kms_xacct_root_only_iam::META.severity,
                            doc.file,
                            v.span,
                            format!(
                                "the key policy of {} grants account {acct} as a whole: the key can be used by whichever principals that account's administrators allow in IAM",
                                key.origin.logical_id
                            ),
                        )
                        .resource(Some(key.origin.logical_id.clone()))
                        .label("external account")
                        .help(format!(
                            "to restrict it further, name the principal itself, e.g. \"AWS\": \"arn:aws:iam::{acct}:role/<role-name>\" (the role must exist when the key policy is set)"
                        )),
                    );
                }
            }
            if !external {
                continue;
            }
            let Some(actions) = &st.action else { continue };
            for a in &actions.items {
                if has_symbol(&a.value) || !a.value.to_ascii_lowercase().starts_with("kms:") {
                    continue;
                }
                if XACCT_OPS.iter().any(|op| matches_ci(&a.value, op)) {
                    continue;
                }
                out.push(
                    Finding::new(
                        super::kms_xacct_noncrypto::META.id,
                        super::kms_xacct_noncrypto::META.severity,
                        doc.file,
                        a.span,
                        format!(
                            "`{}` is granted to another account, but it cannot be used across accounts: only cryptographic operations, CreateGrant, DescribeKey, GetKeyRotationStatus, GetPublicKey, ListGrants, RetireGrant and RevokeGrant work with a key in another account",
                            a.value
                        ),
                    )
                    .resource(Some(key.origin.logical_id.clone()))
                    .label("ineffective for the external principal")
                    .help("remove it from the cross-account statement; key management stays with the key's own account"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principal_forms() {
        assert_eq!(account_root("222222222222"), Some("222222222222"));
        assert_eq!(
            account_root("arn:aws:iam::222222222222:root"),
            Some("222222222222")
        );
        assert_eq!(account_root("arn:aws:iam::222222222222:role/r"), None);
        assert_eq!(
            principal_account("arn:aws:iam::222222222222:role/r"),
            Some("222222222222")
        );
        assert!(is_mrk_arn(
            "arn:aws:kms:eu-west-1:111111111111:key/mrk-1234abcd"
        ));
        assert!(XACCT_OPS.iter().any(|op| matches_ci("kms:*", op)));
        assert!(!XACCT_OPS
            .iter()
            .any(|op| matches_ci("kms:ScheduleKeyDeletion", op)));
    }
}
