//! ROLE-DELETED-RECREATED — policies in other stacks name the replication role by ARN.

use crate::model::arn::Arn;
use crate::model::symbolic::display;
use crate::model::{PolicyDoc, PrincipalKind};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use crate::source::Span;
use std::collections::HashSet;
use super::Ctx;
use super::common::Site;

pub const META: RuleMeta = rule_meta!(RoleDeletedRecreated, "ROLE-DELETED-RECREATED", Info, "Policies in other stacks name the replication role by ARN");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let mut docs_seen = HashSet::new();
    for s in cx.sites().iter().filter(|s| s.rule.enabled()) {
        deleted_recreated(s, &mut docs_seen, out);
    }
}

fn names_role(d: &PolicyDoc, arn: &str) -> Option<Span> {
    d.policy.statements.iter().find_map(|st| {
        st.principal
            .as_ref()?
            .entries()
            .into_iter()
            .find_map(|(k, v)| (k == PrincipalKind::Aws && v.value == arn).then_some(v.span))
    })
}

fn deleted_recreated(s: &Site, seen: &mut HashSet<(u32, u32)>, out: &mut Vec<Finding>) {
    let Some(r) = s.role else { return };
    let Some(role) = s.model.roles.get(r) else {
        return;
    };
    let mut docs: Vec<(&PolicyDoc, &str, &str)> = Vec::new();
    if let Some(dst) = s.dst {
        if let Some(d) = dst
            .policy
            .and_then(|p| s.model.bucket_policies.get(p)?.doc.as_ref())
        {
            docs.push((d, "bucket policy", dst.origin.stack_key.as_str()));
        }
    }
    if let Some(key) = s
        .dest
        .and_then(|d| d.replica_key_target)
        .and_then(|k| s.model.keys.get(k))
    {
        if let Some(p) = &key.policy {
            docs.push((p, "key policy", key.origin.stack_key.as_str()));
        }
    }
    for (d, what, stack) in docs {
        if stack == role.origin.stack_key || !seen.insert((d.file.0, d.span().start)) {
            continue;
        }
        let Some(span) = names_role(d, &role.arn) else {
            continue;
        };
        out.push(
            Finding::new(META.id, META.severity, d.file, span, format!(
                "this {what} names replication role {} by ARN from another stack: IAM stores the role's unique id, so if the role is deleted and recreated (e.g. a stack replacement), the grant no longer matches it",
                display(&role.arn)
            ))
            .related(role.origin.file, role.origin.logical_id_span, "the role")
            .help(format!("after recreating the role, re-save this policy; or grant \"AWS\": \"{}\" (the account) with a Condition {{\"ArnEquals\": {{\"aws:PrincipalArn\": \"{}\"}}}}", Arn::parse(&role.arn).map_or("<account>".to_string(), |a| a.account), display(&role.arn))),
        );
    }
}
