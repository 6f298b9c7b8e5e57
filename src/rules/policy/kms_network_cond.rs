//! KMS-KEYPOLICY-NETWORK-COND: a key-policy statement that makes the S3 data operations (`kms:Decrypt`,
//! `kms:Encrypt`, `kms:GenerateDataKey`) depend on the network the call comes from — `aws:SourceIp`,
//! `aws:SourceVpce`, `aws:SourceVpc`, `aws:VpcSourceIp` or S3 access-point keys — without an exception for
//! calls that an AWS service such as S3 makes on the principal's behalf. S3 (replication, SSE-KMS
//! uploads) calls KMS from its own network, so such a `Deny` blocks it, and such an `Allow` never grants it.
//!
//! Read from the policy AST: a `Deny` for every principal with a negated network condition (true for the
//! service's address and for a missing key), or an `Allow` whose only grant of the operation requires a
//! network value (`IpAddress`, `StringEquals`, … without `IfExists`). A condition on `kms:ViaService`,
//! `aws:ViaAWSService`, `aws:CalledVia*` or on the calling principal in the same statement is taken as the
//! exception (which principals it exempts is not decidable from the key policy alone).

use super::Ctx;
use crate::eval::wildcard::matches_ci;
use crate::model::{CondOp, DocKind, Effect, PrincipalKind, PrincipalValue, Statement};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    KmsKeypolicyNetworkCond, "KMS-KEYPOLICY-NETWORK-COND",
    Error,
    "Key policy restricts S3's KMS calls by network origin (source IP, VPC, VPC endpoint, access point)"
);

/// Condition keys whose value is the caller's network origin (or an S3 access point).
const NETWORK_KEYS: &[&str] = &[
    "aws:SourceIp",
    "aws:SourceVpce",
    "aws:SourceVpc",
    "aws:VpcSourceIp",
    "s3:DataAccessPointArn",
    "s3:DataAccessPointAccount",
    "s3:AccessPointNetworkOrigin",
];

/// Condition keys that single out calls made through an AWS service, or the calling principal: the
/// statement then carries an exception whose reach the key policy alone does not decide.
const EXCEPTION_KEYS: &[&str] = &[
    "kms:ViaService",
    "aws:ViaAWSService",
    "aws:CalledVia",
    "aws:CalledViaFirst",
    "aws:CalledViaLast",
    "aws:PrincipalIsAWSService",
    "aws:PrincipalServiceName",
    "aws:PrincipalArn",
    "aws:PrincipalAccount",
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalTag",
    "aws:userid",
    "aws:username",
    "kms:CallerAccount",
];

/// The KMS operations S3 performs with a key for SSE-KMS objects and their replicas.
const S3_OPS: &[&str] = &["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"];

fn key_in(key: &str, list: &[&str]) -> bool {
    list.iter().any(|k| {
        key.eq_ignore_ascii_case(k)
            || (k.eq_ignore_ascii_case("aws:PrincipalTag")
                && key
                    .get(..k.len() + 1)
                    .is_some_and(|h| h.eq_ignore_ascii_case("aws:PrincipalTag/")))
    })
}

/// The S3 operations the statement's `Action`/`NotAction` covers.
fn s3_ops(st: &Statement) -> Vec<&'static str> {
    S3_OPS
        .iter()
        .copied()
        .filter(|op| match (&st.action, &st.not_action) {
            (Some(a), _) => a.items.iter().any(|i| matches_ci(&i.value, op)),
            (None, Some(na)) => !na.items.iter().any(|i| matches_ci(&i.value, op)),
            _ => false,
        })
        .collect()
}

/// `"Principal": "*"` or `{"AWS": "*"}`: the statement applies to every caller.
fn everyone(st: &Statement) -> bool {
    st.principal.as_ref().is_some_and(|p| match &p.value {
        PrincipalValue::Any => true,
        PrincipalValue::Unknown(_) => false,
        PrincipalValue::Map(es) => es
            .iter()
            .any(|e| e.kind == PrincipalKind::Aws && e.values.iter().any(|v| v.value == "*")),
    })
}

fn has_exception(st: &Statement) -> bool {
    st.conditions
        .iter()
        .any(|c| key_in(&c.key.value, EXCEPTION_KEYS))
}

/// The network conditions of the statement that S3-originated calls fail (for an Allow) or match (for a
/// Deny), with their parsed operator.
fn blocking(st: &Statement, effect: Effect) -> Vec<&crate::model::Condition> {
    st.conditions
        .iter()
        .filter(|c| key_in(&c.key.value, NETWORK_KEYS))
        .filter(|c| {
            let Some(op) = CondOp::parse(&c.operator.value) else {
                return false;
            };
            if op.op == crate::model::Operator::Null {
                return false;
            }
            match effect {
                // Negated operators match S3's own address and a missing key.
                Effect::Deny => op.op.is_negated(),
                // Positive operators without IfExists fail for S3's address and a missing key.
                Effect::Allow => !op.op.is_negated() && !op.if_exists && op.set.is_none(),
                // Neither finding holds for every effect the statement may have.
                Effect::Unknown { .. } => false,
            }
        })
        .collect()
}

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if ctx.doc.kind != DocKind::KeyPolicy {
        return;
    }
    let statements = &ctx.doc.policy.statements;
    // Operations some Allow grants without any network condition (an alternative path for S3).
    let mut unconditioned: Vec<&str> = Vec::new();
    for st in statements {
        if st.effect.as_ref().map(|e| e.value) == Some(Effect::Allow)
            && !st
                .conditions
                .iter()
                .any(|c| key_in(&c.key.value, NETWORK_KEYS))
        {
            unconditioned.extend(s3_ops(st));
        }
    }
    for st in statements {
        let Some(effect) = st.effect.as_ref().map(|e| e.value) else {
            continue;
        };
        if has_exception(st) {
            continue;
        }
        let ops = s3_ops(st);
        if ops.is_empty() {
            continue;
        }
        let conds = blocking(st, effect);
        let Some(c) = conds.first() else { continue };
        let ops_text = ops.join(", ");
        let name = super::wording::statement_name(st);
        match effect {
            Effect::Deny if everyone(st) => out.push(
                ctx.finding(
                    &META,
                    c.key.span,
                    format!(
                        "{name} denies {ops_text} unless `{}` matches: S3 calls KMS from its own network on the \
                         principal's behalf (SSE-KMS uploads, replication), so these calls are denied and \
                         replication of SSE-KMS objects fails",
                        c.key.value
                    ),
                )
                .label("S3's calls to KMS never match this network condition")
                .help(
                    "exempt calls made through AWS services in this Deny, e.g. add\n\"Bool\": { \"aws:ViaAWSService\": \"false\" }\n\
                     to its Condition block, or exempt S3 explicitly:\n\"StringNotLike\": { \"kms:ViaService\": \"s3.*.amazonaws.com\" }"
                ),
            ),
            Effect::Allow if ops.iter().any(|o| !unconditioned.contains(o)) => {
                let only: Vec<&str> = ops
                    .iter()
                    .copied()
                    .filter(|o| !unconditioned.contains(o))
                    .collect();
                out.push(
                    ctx.finding(
                        &META,
                        c.key.span,
                        format!(
                            "{name} is the key policy's only grant of {} and requires `{}`: calls S3 makes \
                             to KMS on the principal's behalf do not come from that network, so S3 (SSE-KMS \
                             uploads, replication) cannot use the key",
                            only.join(", "),
                            c.key.value
                        ),
                    )
                    .label("S3's calls to KMS never match this network condition")
                    .help(
                        "grant S3-originated calls separately, e.g. a statement for the same principals and \
                         actions with \"Condition\": { \"StringLike\": { \"kms:ViaService\": \"s3.*.amazonaws.com\" } }, \
                         or use `…IfExists` / an `aws:ViaAWSService` exception",
                    ),
                )
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run_kind, spans};
    use super::*;

    const DENY: &str = r#"{"Version":"2012-10-17","Statement":[
        {"Sid":"Enable IAM policies","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"kms:*","Resource":"*"},
        {"Sid":"Corp only","Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*",
         "Condition":{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}},
        {"Sid":"Corp only, services exempt","Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*",
         "Condition":{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"},"Bool":{"aws:ViaAWSService":"false"}}},
        {"Sid":"Admin ops","Effect":"Deny","Principal":"*","Action":"kms:ScheduleKeyDeletion","Resource":"*",
         "Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}]}"#;

    #[test]
    fn flags_the_deny_without_exception() {
        let fs = run_kind(check, DocKind::KeyPolicy, DENY);
        assert_eq!(spans(DENY, &fs), ["\"aws:SourceIp\""]);
        assert!(run_kind(check, DocKind::Resource, DENY).is_empty());
    }

    const ALLOW: &str = r#"{"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:role/app"},"Action":["kms:Decrypt","kms:DescribeKey"],"Resource":"*",
         "Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}]}"#;

    #[test]
    fn flags_an_allow_that_is_the_only_grant() {
        let fs = run_kind(check, DocKind::KeyPolicy, ALLOW);
        assert_eq!(spans(ALLOW, &fs), ["\"aws:SourceVpce\""]);
        let with_root = ALLOW.replace(
            r#"{"Effect""#,
            r#"{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"kms:*","Resource":"*"},{"Effect""#,
        );
        assert!(run_kind(check, DocKind::KeyPolicy, &with_root).is_empty());
    }
}
