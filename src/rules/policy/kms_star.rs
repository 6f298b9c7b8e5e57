//! KMS-KEYPOLICY-STAR: a key-policy `Allow` for `"Principal": "*"` (or `{"AWS": "*"}`) without a condition
//! that limits who the caller is. Such a statement gives every identity in every AWS account the
//! permission, limited only by the callers' own IAM policies.
//!
//! A condition limits the caller when it is a positive `String…`/`Arn…`/`IpAddress` test (no `IfExists`,
//! no `ForAllValues`) on the caller's account, organization, ARN, user id, service, or request source
//! (VPC, VPC endpoint, address), with at least one value that is not just `*`. `kms:ViaService` alone
//! does not limit the caller (any account can call through the service).

use super::Ctx;
use crate::model::condition::Family;
use crate::model::{CondOp, DocKind, Effect, PrincipalKind, PrincipalValue, Statement};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use crate::source::Span;

pub const META: RuleMeta = rule_meta!(
    KmsKeypolicyStar,
    "KMS-KEYPOLICY-STAR",
    Warning,
    "Key policy allows every principal (\"*\") without a limiting condition"
);

const LIMITING_KEYS: &[&str] = &[
    "kms:CallerAccount",
    "aws:PrincipalAccount",
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalArn",
    "aws:PrincipalServiceName",
    "aws:userid",
    "aws:username",
    "aws:SourceAccount",
    "aws:SourceArn",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
    "aws:SourceVpc",
    "aws:SourceVpce",
    "aws:SourceIp",
    "kms:GranteePrincipal",
];

/// The span of the `*` that opens the statement to everyone.
fn star_span(st: &Statement) -> Option<Span> {
    let p = st.principal.as_ref()?;
    match &p.value {
        PrincipalValue::Any => Some(p.span),
        // Not known to be `*`: said by the decisions that depend on it.
        PrincipalValue::Unknown(_) => None,
        PrincipalValue::Map(es) => es
            .iter()
            .filter(|e| e.kind == PrincipalKind::Aws)
            .flat_map(|e| e.values.iter())
            .find(|v| v.value == "*")
            .map(|v| v.span),
    }
}

fn limits_caller(st: &Statement) -> bool {
    st.conditions.iter().any(|c| {
        let Some(op) = CondOp::parse(&c.operator.value) else {
            return false;
        };
        LIMITING_KEYS
            .iter()
            .any(|k| k.eq_ignore_ascii_case(&c.key.value))
            && matches!(op.op.family(), Family::String | Family::Arn | Family::Ip)
            && !op.op.is_negated()
            && !op.if_exists
            && op.set != Some(crate::model::SetOp::ForAllValues)
            && c.values
                .iter()
                .any(|v| !v.value.is_empty() && v.value.chars().any(|ch| ch != '*'))
    })
}

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if ctx.doc.kind != DocKind::KeyPolicy {
        return;
    }
    for st in &ctx.doc.policy.statements {
        if st.effect.as_ref().map(|e| e.value) != Some(Effect::Allow) {
            continue;
        }
        let Some(span) = star_span(st) else { continue };
        if limits_caller(st) {
            continue;
        }
        let actions = st
            .action
            .as_ref()
            .map(|a| {
                a.items
                    .iter()
                    .map(|i| i.value.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_else(|| "everything but its NotAction".to_string());
        out.push(
            ctx.finding(
                &META,
                span,
                format!(
                    "{} allows {actions} to every principal of every AWS account, and no condition \
                     limits the caller",
                    super::wording::statement_name(st)
                ),
            )
            .label("any identity in any account")
            .help(
                "name the principals (\"Principal\": {\"AWS\": \"arn:aws:iam::<account-id>:role/<name>\"}), \
                 or keep \"*\" and limit the caller with a condition, e.g.\n\"Condition\": { \"StringEquals\": \
                 { \"kms:CallerAccount\": \"<account-id>\" } } or { \"aws:PrincipalOrgID\": \"o-…\" }",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run_kind, spans};
    use super::*;

    const P: &str = r#"{"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"},
        {"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*",
         "Condition":{"StringEquals":{"kms:ViaService":"s3.eu-west-1.amazonaws.com"}}},
        {"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*",
         "Condition":{"StringEquals":{"kms:ViaService":"s3.eu-west-1.amazonaws.com","kms:CallerAccount":"111111111111"}}},
        {"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*",
         "Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc"}}},
        {"Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*"}]}"#;

    #[test]
    fn flags_unlimited_stars_only() {
        let fs = run_kind(check, DocKind::KeyPolicy, P);
        assert_eq!(spans(P, &fs), ["\"*\"", "\"*\"", "\"*\""]);
        assert!(run_kind(check, DocKind::Resource, P).is_empty());
    }
}
