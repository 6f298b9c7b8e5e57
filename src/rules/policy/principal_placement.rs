//! POL-PRINCIPAL-PLACEMENT: `Principal`/`NotPrincipal` where the policy type forbids them (identity
//! policies, SCPs; `NotPrincipal` in trust policies and RCPs; anything but `"*"` in RCPs), a missing
//! `Principal` where the policy type requires one (resource, trust, key policies, RCPs), and `Id` in an
//! identity policy.

use super::head;
use super::wording::statement_name;
use super::Ctx;
use crate::model::{DocKind, PrincipalBlock, PrincipalValue, Statement};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta, Severity};

pub const META: RuleMeta = rule_meta!(
    PolPrincipalPlacement,
    "POL-PRINCIPAL-PLACEMENT",
    Error,
    "Principal, NotPrincipal or Id is not allowed, or Principal is missing, for this policy type"
);

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let kind = ctx.doc.kind;
    if kind == DocKind::Identity {
        if let Some(id) = &ctx.doc.policy.id {
            // Documented as not allowed in identity policies; that IAM rejects it is not verified, and an
            // `Id` never changes what an identity policy grants: a warning.
            out.push(
                ctx.finding_with(
                    &META,
                    Severity::Warning,
                    id.span,
                    "`Id` is not allowed in an identity policy; only resource-based policies take a policy `Id`",
                )
                .label("policy Id in an identity policy")
                .help("remove the \"Id\" element; to name a statement use \"Sid\": \"AlphaNumeric1\""),
            );
        }
    }
    for st in &ctx.doc.policy.statements {
        match kind {
            DocKind::Identity => forbidden(ctx, st, out, "an identity policy", IDENTITY_HELP),
            DocKind::Scp => forbidden(ctx, st, out, "a service control policy", SCP_HELP),
            DocKind::Rcp => rcp(ctx, st, out),
            DocKind::Trust => {
                if let Some(np) = &st.not_principal {
                    out.push(
                        ctx.finding(
                            &META,
                            np.key_span,
                            format!("{} of a role trust policy uses `NotPrincipal`, which trust policies do not support", statement_name(st)),
                        )
                        .label("NotPrincipal in a trust policy")
                        .help("name who may assume the role: \"Principal\": {\"AWS\": \"arn:aws:iam::<account-id>:role/<role-name>\"} or \"Principal\": {\"Service\": \"<service>.amazonaws.com\"}"),
                    );
                } else if st.principal.is_none() {
                    out.push(missing(
                        ctx,
                        st,
                        "a role trust policy",
                        "add who may assume the role, e.g. \"Principal\": {\"Service\": \"s3.amazonaws.com\"} or \"Principal\": {\"AWS\": \"arn:aws:iam::<account-id>:root\"}",
                    ));
                }
            }
            DocKind::Resource | DocKind::KeyPolicy => {
                if st.principal.is_none() && st.not_principal.is_none() {
                    let (what, help) = if kind == DocKind::KeyPolicy {
                        (
                            "a key policy",
                            "every key policy statement names principals, e.g. \"Principal\": {\"AWS\": \"arn:aws:iam::<account-id>:root\"}",
                        )
                    } else {
                        (
                            "a resource-based policy",
                            "add the principals the statement applies to, e.g. \"Principal\": {\"AWS\": \"arn:aws:iam::<account-id>:role/<role-name>\"}, or \"Principal\": \"*\" narrowed by a Condition",
                        )
                    };
                    out.push(missing(ctx, st, what, help));
                }
            }
        }
    }
}

const IDENTITY_HELP: &str = "remove it: an identity policy applies to the user, group or role it is attached to (IAM answers \"Has prohibited field Principal\"). To let another principal use a resource, put this statement in the resource's policy (bucket policy, key policy, role trust policy) instead";
const SCP_HELP: &str = "remove it: an SCP applies to every IAM principal of the accounts it is attached to. To exempt principals use a Condition, e.g. \"Condition\": {\"ArnNotLike\": {\"aws:PrincipalArn\": \"arn:aws:iam::*:role/<admin-role>\"}}";

fn forbidden(ctx: &Ctx, st: &Statement, out: &mut Vec<Finding>, what: &str, help: &str) {
    for (name, block) in [
        ("Principal", &st.principal),
        ("NotPrincipal", &st.not_principal),
    ] {
        if let Some(b) = block {
            out.push(
                ctx.finding(
                    &META,
                    b.key_span,
                    format!(
                        "{} of {what} uses `{name}`, which {what} cannot contain",
                        statement_name(st)
                    ),
                )
                .label(format!("{name} in {what}"))
                .help(help),
            );
        }
    }
}

fn rcp(ctx: &Ctx, st: &Statement, out: &mut Vec<Finding>) {
    if let Some(np) = &st.not_principal {
        out.push(
            ctx.finding(
                &META,
                np.key_span,
                format!("{} of a resource control policy uses `NotPrincipal`, which RCPs do not support", statement_name(st)),
            )
            .label("NotPrincipal in an RCP")
            .help(RCP_HELP),
        );
    }
    match &st.principal {
        None if st.not_principal.is_none() => out.push(missing(ctx, st, "a resource control policy", RCP_HELP)),
        Some(PrincipalBlock {
            value: PrincipalValue::Map(_),
            span,
            ..
        }) => out.push(
            ctx.finding(
                &META,
                *span,
                format!("{} of a resource control policy names specific principals; RCPs accept only \"Principal\": \"*\"", statement_name(st)),
            )
            .label("RCP principal other than \"*\"")
            .help(RCP_HELP),
        ),
        _ => {}
    }
}

const RCP_HELP: &str = "write \"Principal\": \"*\" and select principals with a Condition, e.g. \"Condition\": {\"StringNotEqualsIfExists\": {\"aws:PrincipalOrgID\": \"<o-org-id>\"}, \"BoolIfExists\": {\"aws:PrincipalIsAWSService\": \"false\"}}";

fn missing(ctx: &Ctx, st: &Statement, what: &str, help: &str) -> Finding {
    ctx.finding(
        &META,
        head(st.span),
        format!("{} of {what} has no `Principal`", statement_name(st)),
    )
    .label("statement without Principal")
    .help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(kind: DocKind, text: &str) -> Vec<Finding> {
        super::super::testing::run_kind(check, kind, text)
    }

    #[test]
    fn principal_in_identity_policy_points_at_the_key() {
        let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"s3:GetObject","Resource":"*"}]}"#;
        let f = run(DocKind::Identity, text);
        assert_eq!(f.len(), 1);
        assert_eq!(
            &text[f[0].span.start as usize..f[0].span.end as usize],
            "\"Principal\""
        );
        assert_eq!(f[0].severity, Severity::Error);
    }

    #[test]
    fn id_in_identity_policy_is_a_warning_and_fine_elsewhere() {
        let text = r#"{"Version":"2012-10-17","Id":"p1","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}}"#;
        let f = run(DocKind::Identity, text);
        assert!(f
            .iter()
            .any(|x| x.severity == Severity::Warning && x.message.contains("`Id`")));
        assert!(run(DocKind::Resource, text).is_empty());
    }

    #[test]
    fn rcp_needs_star_principal_and_no_not_principal() {
        let ok = r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}}"#;
        assert!(run(DocKind::Rcp, ok).is_empty());
        let named = r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":{"AWS":"111111111111"},"Action":"s3:*","Resource":"*"}}"#;
        assert_eq!(run(DocKind::Rcp, named).len(), 1);
        let none = r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:*","Resource":"*"}}"#;
        assert!(run(DocKind::Rcp, none)[0]
            .message
            .contains("has no `Principal`"));
        // And SCPs are the opposite.
        assert_eq!(run(DocKind::Scp, ok).len(), 1);
        assert!(run(DocKind::Scp, none).is_empty());
    }

    #[test]
    fn trust_policy_not_principal_and_missing_principal() {
        let np = r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotPrincipal":{"AWS":"111111111111"},"Action":"sts:AssumeRole"}}"#;
        let f = run(DocKind::Trust, np);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("NotPrincipal"));
        let none =
            r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole"}}"#;
        assert_eq!(
            run(DocKind::Trust, none)[0].span.start,
            none.find("{\"Effect").unwrap() as u32
        );
    }
}
