//! POL-PRINCIPAL-WILDCARD: a principal value with a partial wildcard (`arn:aws:iam::111111111111:role/*`,
//! `arn:aws:iam::*:root`, a wildcarded session name) or that is not a principal at all. `"*"` alone and
//! `{"AWS": "*"}` are fine. Well-formed `AWS` values are a 12-digit account id, an IAM `root`, `user/` or
//! `role/` ARN, or an STS `assumed-role/<role>/<session>` or `federated-user/` ARN.

use super::arn_shape::PARTITIONS;
use super::wording::json_str;
use super::Ctx;
use crate::eval::arn::split as split_arn;
use crate::model::arn::is_account_id;
use crate::model::{DocKind, PrincipalKind, PrincipalValue};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta, Severity};

pub const META: RuleMeta = rule_meta!(
    PolPrincipalWildcard,
    "POL-PRINCIPAL-WILDCARD",
    Error,
    "Principal value has a partial wildcard or is not a valid principal"
);

struct Problem {
    severity: Severity,
    message: String,
    label: &'static str,
    help: String,
}

fn err(message: String, label: &'static str, help: String) -> Option<Problem> {
    Some(Problem {
        severity: Severity::Error,
        message,
        label,
        help,
    })
}

fn has_wildcard(s: &str) -> bool {
    s.contains('*') || s.contains('?')
}

/// An IAM unique id (`AROA…` role, `AIDA…` user): what AWS shows in place of a deleted principal.
fn is_unique_id(s: &str) -> bool {
    (s.starts_with("AROA") || s.starts_with("AIDA"))
        && s.len() >= 16
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

fn aws_problem(v: &str) -> Option<Problem> {
    if v == "*" || is_account_id(v) {
        return None;
    }
    let q = json_str(v);
    if is_unique_id(v) {
        return Some(Problem {
            severity: Severity::Warning,
            message: format!(
                "{q} is an IAM unique id, not an ARN: AWS shows a principal this way after the role or user it named was deleted, and the statement no longer applies to anyone"
            ),
            label: "deleted principal",
            help: "remove the entry, or write the ARN of the re-created role or user (a re-created role with the same name has a new id, so the old grant does not come back by itself); policies submitted with a unique id fail with \"Invalid principal in policy\"".into(),
        });
    }
    let Some(p) = split_arn(v) else {
        if v.ends_with(".amazonaws.com") || v.ends_with(".amazonaws.com.cn") {
            return err(
                format!("{q} is a service principal, but it is listed under `AWS`"),
                "service under AWS",
                format!("write \"Principal\": {{\"Service\": {q}}}"),
            );
        }
        if has_wildcard(v) {
            return err(
                format!("{q} uses a wildcard; a principal is `*` alone or an exact account id or ARN"),
                "partial wildcard in principal",
                "write \"*\" alone and narrow it with a Condition on aws:PrincipalArn / aws:PrincipalAccount, or list the exact principals".into(),
            );
        }
        return err(
            format!("{q} is not a valid AWS principal: expected a 12-digit account id, an IAM user/role ARN or `*`"),
            "not a principal",
            "write an account id (\"111111111111\"), \"arn:aws:iam::111111111111:root\", \"arn:aws:iam::111111111111:role/<role-name>\" or \"arn:aws:iam::111111111111:user/<user-name>\"".into(),
        );
    };
    let known_partition = PARTITIONS.contains(&p.partition);
    if has_wildcard(p.account) {
        let by_arn = if p.resource == "root" {
            String::new()
        } else {
            format!(", \"ArnLike\": {{\"aws:PrincipalArn\": {q}}}")
        };
        return err(
            format!("{q} has a wildcard in the account; principals cannot be wildcarded (not even the account)"),
            "wildcard account in principal",
            format!(
                "list the accounts (\"111111111111\", …), or write \"Principal\": {{\"AWS\": \"*\"}} with \"Condition\": {{\"StringEquals\": {{\"aws:PrincipalOrgID\": \"<o-org-id>\"}}{by_arn}}}"
            ),
        );
    }
    if has_wildcard(v) {
        if let Some(rest) = p.resource.strip_prefix("assumed-role/") {
            let role = rest.split('/').next().unwrap_or("");
            if !has_wildcard(role) {
                let role_arn = format!("arn:{}:iam::{}:role/{role}", p.partition, p.account);
                return err(
                    format!("{q} wildcards the session name; a session principal must name one exact session"),
                    "wildcard session name",
                    format!("to cover every session of the role, name the role itself: {}", json_str(&role_arn)),
                );
            }
        }
        let account_root = format!("arn:{}:iam::{}:root", p.partition, p.account);
        return err(
            format!("{q} uses a partial wildcard; IAM does not match principal names or ARNs against wildcards"),
            "partial wildcard in principal",
            format!(
                "name the principals exactly, or write \"Principal\": {{\"AWS\": {}}} with \"Condition\": {{\"ArnLike\": {{\"aws:PrincipalArn\": {q}}}}}",
                json_str(&account_root)
            ),
        );
    }
    let resource_ok = match p.service {
        "iam" => {
            p.resource == "root"
                || p.resource
                    .strip_prefix("user/")
                    .is_some_and(|r| !r.is_empty())
                || p.resource
                    .strip_prefix("role/")
                    .is_some_and(|r| !r.is_empty())
        }
        "sts" => {
            p.resource
                .strip_prefix("assumed-role/")
                .is_some_and(|r| r.split('/').filter(|x| !x.is_empty()).count() == 2)
                || p.resource
                    .strip_prefix("federated-user/")
                    .is_some_and(|r| !r.is_empty())
        }
        _ => false,
    };
    if known_partition && resource_ok && is_account_id(p.account) {
        return None;
    }
    let why = if p.service == "iam" && p.resource.starts_with("group/") {
        "IAM groups cannot be principals".to_string()
    } else if p.service == "sts" && p.resource.starts_with("assumed-role/") {
        "a session ARN is arn:aws:sts::<account-id>:assumed-role/<role-name>/<session-name> (no role path)".to_string()
    } else if !is_account_id(p.account) {
        format!("`{}` is not a 12-digit account id", p.account)
    } else if !known_partition {
        format!("`{}` is not an AWS partition", p.partition)
    } else {
        "principal ARNs are IAM `root`, `user/…` or `role/…` ARNs or STS `assumed-role/…` / `federated-user/…` ARNs".to_string()
    };
    err(
        format!("{q} is not a valid AWS principal: {why}"),
        "not a principal",
        "write \"arn:aws:iam::<account-id>:role/<role-name>\", \"arn:aws:iam::<account-id>:user/<user-name>\", \"arn:aws:iam::<account-id>:root\" or the account id".into(),
    )
}

fn other_problem(kind: PrincipalKind, v: &str) -> Option<Problem> {
    let q = json_str(v);
    let key = kind.key();
    if has_wildcard(v) {
        return err(
            format!("{q} uses a wildcard under `{key}`; wildcards are not supported for {key} principals"),
            "wildcard in principal",
            format!("name the exact {key} principal"),
        );
    }
    if kind == PrincipalKind::Service && (is_account_id(v) || v.starts_with("arn:")) {
        return err(
            format!("{q} is listed under `Service`, which takes service principals such as \"s3.amazonaws.com\""),
            "not a service principal",
            format!("write \"Principal\": {{\"AWS\": {q}}}"),
        );
    }
    None
}

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    // Identity policies and SCPs take no principals and RCPs only "*" (POL-PRINCIPAL-PLACEMENT).
    if matches!(
        ctx.doc.kind,
        DocKind::Identity | DocKind::Scp | DocKind::Rcp
    ) {
        return;
    }
    for st in &ctx.doc.policy.statements {
        for block in [&st.principal, &st.not_principal].into_iter().flatten() {
            let PrincipalValue::Map(entries) = &block.value else {
                continue;
            };
            for e in entries {
                for v in &e.values {
                    // A value trustlint cannot know (CloudFormation parameter, GetAtt): cannot prove.
                    if crate::model::symbolic::has_symbol(&v.value) {
                        continue;
                    }
                    let p = match e.kind {
                        PrincipalKind::Aws => aws_problem(&v.value),
                        k => other_problem(k, &v.value),
                    };
                    if let Some(p) = p {
                        out.push(
                            ctx.finding_with(&META, p.severity, v.span, p.message)
                                .label(p.label)
                                .help(p.help),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_aws_principals() {
        for ok in [
            "*",
            "111111111111",
            "arn:aws:iam::111111111111:root",
            "arn:aws:iam::111111111111:role/service-role/s3-replication",
            "arn:aws:iam::111111111111:user/ci",
            "arn:aws:sts::111111111111:assumed-role/s3-replication/s3-replication-session",
            "arn:aws-cn:sts::111111111111:federated-user/alice",
        ] {
            assert!(aws_problem(ok).is_none(), "{ok}");
        }
    }

    #[test]
    fn wildcards_and_malformed_principals() {
        let m = |v: &str| aws_problem(v).unwrap();
        assert!(m("arn:aws:iam::111111111111:role/*")
            .message
            .contains("partial wildcard"));
        assert!(m("arn:aws:iam::111111111111:role/*")
            .help
            .contains("aws:PrincipalArn"));
        assert!(m("arn:aws:iam::*:root").message.contains("account"));
        let s = m("arn:aws:sts::111111111111:assumed-role/s3-replication/*");
        assert!(s
            .help
            .contains("\"arn:aws:iam::111111111111:role/s3-replication\""));
        assert!(m("arn:aws:iam::111111111111:group/admins")
            .message
            .contains("groups"));
        assert!(m("s3.amazonaws.com").help.contains("\"Service\""));
        assert!(m("11111111111")
            .message
            .contains("not a valid AWS principal"));
        let deleted = m("AROAEXAMPLEID12345678");
        assert_eq!(deleted.severity, Severity::Warning);
    }

    #[test]
    fn service_principals() {
        assert!(other_problem(PrincipalKind::Service, "s3.amazonaws.com").is_none());
        assert!(other_problem(PrincipalKind::Service, "*.amazonaws.com").is_some());
        assert!(other_problem(PrincipalKind::Service, "111111111111").is_some());
    }
}
