//! ROLE-SCP — a service control policy blocks the replication role.

use crate::eval::{evaluate, NamedPolicy, PolicySet, Request, Verdict};
use crate::model::arn::is_account_id;
use crate::model::org::OrgPolicy;
use crate::model::symbolic::display;
use crate::rule_meta;
use crate::rules::unproven::META as UNPROVEN;
use crate::rules::{Finding, RuleMeta};
use std::collections::HashSet;
use super::Ctx;
use super::common::Site;
use super::org_policies::{applies, org_policies, OrgPolicies};
use super::requirements::Conc;

pub const META: RuleMeta = rule_meta!(RoleScp, "ROLE-SCP", Error, "A service control policy blocks the replication role");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    scp(cx, cx.sites(), cx.conc(), out);
}

/// The requests replication makes with the role: (action, resource, Region the call goes to).
fn role_requests(s: &Site) -> Vec<(&'static str, String, Option<String>)> {
    let src_region = s.src_region().map(str::to_string);
    let dst_region = s.dst_region();
    let objects = format!("{}/{}trustlint-sample/object", s.src.arn, s.prefix());
    let mut v = vec![
        (
            "s3:GetReplicationConfiguration",
            s.src.arn.clone(),
            src_region.clone(),
        ),
        ("s3:ListBucket", s.src.arn.clone(), src_region.clone()),
        (
            "s3:GetObjectVersionForReplication",
            objects.clone(),
            src_region.clone(),
        ),
        (
            "s3:GetObjectVersionAcl",
            objects.clone(),
            src_region.clone(),
        ),
        ("s3:GetObjectVersionTagging", objects, src_region.clone()),
    ];
    if let Some(d) = s.dst_arn() {
        let dobj = format!("{d}/{}trustlint-sample/object", s.prefix());
        v.push(("s3:ReplicateObject", dobj.clone(), dst_region.clone()));
        v.push(("s3:ReplicateTags", dobj.clone(), dst_region.clone()));
        if s.replicates_delete_markers() {
            v.push(("s3:ReplicateDelete", dobj, dst_region.clone()));
        }
    }
    if s.sse_kms_opt_in() {
        if let Some(k) = s
            .src
            .default_kms_key()
            .filter(|k| k.value.contains(":key/"))
        {
            v.push(("kms:Decrypt", k.value.clone(), src_region));
        }
        if let Some(k) = s.replica_key().filter(|k| k.value.contains(":key/")) {
            v.push(("kms:Encrypt", k.value.clone(), dst_region.clone()));
            v.push(("kms:GenerateDataKey", k.value.clone(), dst_region));
        }
    }
    v
}

fn scp(ctx: &Ctx, all: &[Site], conc: &Conc, out: &mut Vec<Finding>) {
    let model = &ctx.graph.model;
    let Some(OrgPolicies {
        policies: scps,
        allow_all: full,
        anyone,
    }) = org_policies(model, conc, OrgPolicy::is_scp)
    else {
        return;
    };
    let mut seen = HashSet::new();
    for s in all {
        if !s.rule.enabled() {
            continue;
        }
        let account = s.src_account();
        if !is_account_id(account) {
            continue;
        }
        let Some(role) = s.role_arn() else { continue };
        for (p, policy) in &scps {
            // The management account is not bound by SCPs; the account that defines them is assumed to be it.
            if p.origin.account == account {
                continue;
            }
            let Some(applies) = Some(applies(p, account)).filter(|a| *a != Some(false)) else {
                continue;
            };
            let set = PolicySet {
                identity: vec![NamedPolicy {
                    name: "identity",
                    policy: &full,
                }],
                resource: Some(NamedPolicy {
                    name: "resource",
                    policy: &anyone,
                }),
                scps: vec![vec![
                    NamedPolicy {
                        name: "scp",
                        policy,
                    },
                    NamedPolicy {
                        name: "FullAWSAccess",
                        policy: &full,
                    },
                ]],
                ..Default::default()
            };
            let mut denied: Vec<&str> = Vec::new();
            for (action, resource, region) in role_requests(s) {
                let mut req = Request::new(conc.val(&role), action, conc.val(&resource));
                if action.starts_with("s3:") {
                    let owner = if resource.starts_with(&s.src.arn) {
                        Some(account.to_string())
                    } else {
                        s.dst_account()
                    };
                    req.resource_account = owner.map(|o| conc.val(&o));
                }
                if let Some(r) = &region {
                    req.context.set("aws:RequestedRegion", conc.val(r));
                }
                req.management_account =
                    Some(p.origin.account.clone()).filter(|a| is_account_id(a));
                let Ok(d) = evaluate(&req, &set) else {
                    continue;
                };
                if d.verdict == Verdict::ExplicitlyDenied && !denied.contains(&action) {
                    denied.push(action);
                }
            }
            if denied.is_empty()
                || !seen.insert((s.b, p.origin.logical_id.clone(), p.origin.stack_key.clone()))
            {
                continue;
            }
            let actions = denied.join(", ");
            let label_span = p.content_span.unwrap_or(p.origin.logical_id_span);
            let help = format!("exempt the role in the SCP's Deny statement, e.g. \"Condition\": {{\"ArnNotLike\": {{\"aws:PrincipalArn\": \"{}\"}}}}", display(&role));
            match applies {
                Some(true) => out.push(
                    s.finding(&META, s.role_span(), format!(
                        "service control policy {} (attached to account {account} or its root) denies {actions} to the replication role: replication fails for rule {}",
                        p.origin.logical_id, s.rule.label()
                    ))
                    .related(p.origin.file, label_span, "the SCP that denies it")
                    .help(help),
                ),
                _ => out.push(
                    s.finding(&UNPROVEN, s.role_span(), format!(
                        "service control policy {} denies {actions} to the replication role if account {account} is in one of its target OUs (OU membership is not in the templates): ROLE-SCP when it is",
                        p.origin.logical_id
                    ))
                    .related(p.origin.file, label_span, "the SCP")
                    .help(help),
                ),
            }
        }
    }
}
