//! POL-NOTPRINCIPAL-SESSION: a `Deny` + `NotPrincipal` statement meant to exempt a role lists the role ARN
//! but not the assumed-role session ARN (`arn:aws:sts::<account>:assumed-role/<role>/<session>`). Requests
//! made with the role carry the session ARN, session names cannot be wildcarded, so the role's sessions (the
//! S3 replication session, a CI job) are denied. AWS also says to list the exempted principal's account.

use super::arn_shape::role_name;
use super::notprincipal_statements::not_principal_statements;
use super::wording::{json_list, json_str, statement_name};
use super::Ctx;
use crate::eval::arn::split as split_arn;
use crate::model::arn::is_account_id;
use crate::model::{Effect, ListBlock, PrincipalKind, Statement};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use std::collections::HashSet;

pub const META: RuleMeta = rule_meta!(
    PolNotprincipalSession,
    "POL-NOTPRINCIPAL-SESSION",
    Error,
    "Deny with NotPrincipal exempts a role but not its sessions"
);

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (st, np) in not_principal_statements(ctx, Effect::Deny) {
        let values: Vec<&str> = np
            .entries()
            .into_iter()
            .filter(|(k, _)| *k == PrincipalKind::Aws)
            .map(|(_, v)| v.value.as_str())
            .collect();
        // A value trustlint cannot know (CloudFormation parameter, GetAtt) might be the session: cannot prove.
        if values.iter().any(|v| crate::model::symbolic::has_symbol(v)) {
            continue;
        }
        let mut accounts: HashSet<&str> = HashSet::new();
        let mut sessions: HashSet<(&str, &str)> = HashSet::new();
        for v in &values {
            if is_account_id(v) {
                accounts.insert(v);
                continue;
            }
            let Some(p) = split_arn(v) else { continue };
            match (p.service, p.resource) {
                ("iam", "root") => {
                    accounts.insert(p.account);
                }
                ("sts", r) if r.starts_with("assumed-role/") => {
                    let mut it = r["assumed-role/".len()..].split('/');
                    if let Some(role) = it.next() {
                        sessions.insert((p.account, role));
                    }
                }
                _ => {}
            }
        }
        let help_text = help(st, np_arns(np));
        for (kind, v) in np.entries() {
            if kind != PrincipalKind::Aws || v.value.contains('*') || v.value.contains('?') {
                continue;
            }
            let Some(p) = split_arn(&v.value) else {
                continue;
            };
            if p.service != "iam" {
                continue;
            }
            let is_role = p.resource.starts_with("role/");
            if !is_role && !p.resource.starts_with("user/") {
                continue;
            }
            let missing_account = !accounts.contains(p.account);
            let root = format!("arn:{}:iam::{}:root", p.partition, p.account);
            let message = match (is_role.then(|| role_name(p.resource)).flatten(), missing_account) {
                (Some(role), _) if !sessions.contains(&(p.account, role)) => {
                    let session = format!("arn:{}:sts::{}:assumed-role/{role}/<session-name>", p.partition, p.account);
                    let mut m = format!(
                        "{} denies everyone except the role {}, but requests made with the role come from its session {session}, which is not listed: the role's sessions are denied too",
                        statement_name(st),
                        json_str(&v.value)
                    );
                    if missing_account {
                        m.push_str(&format!("; the role's account ({root}) is not listed either"));
                    }
                    m
                }
                (_, true) => format!(
                    "{} exempts {} with NotPrincipal but not its account {root}; AWS may evaluate the account first and deny the request",
                    statement_name(st),
                    json_str(&v.value)
                ),
                _ => continue,
            };
            out.push(
                ctx.finding(&META, v.span, message)
                    .label("session ARN not exempted")
                    .help(help_text.clone()),
            );
        }
    }
}

/// The IAM role and user ARNs a NotPrincipal exempts, sessions mapped to their role ARN.
fn np_arns(np: &crate::model::PrincipalBlock) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (kind, v) in np.entries() {
        if kind != PrincipalKind::Aws {
            continue;
        }
        let Some(p) = split_arn(&v.value) else {
            continue;
        };
        let arn = match (p.service, p.resource) {
            ("iam", r) if r.starts_with("role/") || r.starts_with("user/") => v.value.clone(),
            ("sts", r) if r.starts_with("assumed-role/") => {
                match r["assumed-role/".len()..].split('/').next() {
                    Some(role) => format!("arn:{}:iam::{}:role/{role}", p.partition, p.account),
                    None => continue,
                }
            }
            _ => continue,
        };
        if !out.contains(&arn) {
            out.push(arn);
        }
    }
    out
}

fn list_json(b: &Option<ListBlock>) -> Option<String> {
    b.as_ref()
        .map(|b| json_list(b.items.iter().map(|i| i.value.as_str())))
}

/// The exact replacement statement: `Principal: "*"` + `ArnNotEquals aws:PrincipalArn`.
fn help(st: &Statement, arns: Vec<String>) -> String {
    let mut parts = vec![
        "\"Effect\": \"Deny\"".to_string(),
        "\"Principal\": \"*\"".to_string(),
    ];
    if let Some(a) = list_json(&st.action) {
        parts.push(format!("\"Action\": {a}"));
    } else if let Some(a) = list_json(&st.not_action) {
        parts.push(format!("\"NotAction\": {a}"));
    }
    if let Some(r) = list_json(&st.resource) {
        parts.push(format!("\"Resource\": {r}"));
    } else if let Some(r) = list_json(&st.not_resource) {
        parts.push(format!("\"NotResource\": {r}"));
    }
    let arns: Vec<String> = arns.iter().map(|a| json_str(a)).collect();
    parts.push(format!(
        "\"Condition\": {{\"ArnNotEquals\": {{\"aws:PrincipalArn\": [{}]}}}}",
        arns.join(", ")
    ));
    let mut h = format!(
        "replace NotPrincipal with Principal \"*\" and exempt the principals by aws:PrincipalArn (for a session it is the role's ARN, so every session is covered): {{{}}}",
        parts.join(", ")
    );
    if !st.conditions.is_empty() {
        h.push_str(" (keep the statement's existing Condition operators next to ArnNotEquals)");
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocKind;

    fn run(text: &str) -> Vec<Finding> {
        super::super::testing::run_kind(check, DocKind::Resource, text)
    }

    fn policy(principals: &str) -> String {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Deny","NotPrincipal":{{"AWS":[{principals}]}},"Action":"s3:*","Resource":["arn:aws:s3:::acme-replica","arn:aws:s3:::acme-replica/*"]}}]}}"#
        )
    }

    #[test]
    fn role_without_session_is_denied() {
        let t = policy(
            r#""arn:aws:iam::111111111111:role/service-role/s3-replication","111111111111""#,
        );
        let f = run(&t);
        assert_eq!(f.len(), 1);
        assert_eq!(
            &t[f[0].span.start as usize..f[0].span.end as usize],
            "\"arn:aws:iam::111111111111:role/service-role/s3-replication\""
        );
        assert!(f[0]
            .message
            .contains("arn:aws:sts::111111111111:assumed-role/s3-replication/<session-name>"));
        let help = f[0].help.as_deref().unwrap();
        assert!(help.contains(r#"{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::acme-replica", "arn:aws:s3:::acme-replica/*"], "Condition": {"ArnNotEquals": {"aws:PrincipalArn": ["arn:aws:iam::111111111111:role/service-role/s3-replication"]}}}"#), "{help}");
    }

    #[test]
    fn role_with_session_and_account_is_fine() {
        let t = policy(
            r#""arn:aws:iam::111111111111:role/s3-replication","arn:aws:sts::111111111111:assumed-role/s3-replication/s3-replication","arn:aws:iam::111111111111:root""#,
        );
        assert!(run(&t).is_empty());
        let no_account = policy(
            r#""arn:aws:iam::111111111111:role/s3-replication","arn:aws:sts::111111111111:assumed-role/s3-replication/s3-replication""#,
        );
        assert!(run(&no_account)[0].message.contains("not its account"));
        assert!(run(&policy(r#""111111111111""#)).is_empty());
    }
}
