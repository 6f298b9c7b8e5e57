//! ROLE-PASSROLE — who applies the replication configuration cannot pass the role.

use crate::eval::{evaluate, NamedPolicy, PolicySet, Request, Val, Verdict};
use crate::model::symbolic::display;
use crate::model::{Policy, PolicyDoc};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use std::collections::{HashMap, HashSet};
use super::Ctx;
use super::common::Site;
use super::requirements::Conc;

pub const META: RuleMeta = rule_meta!(RolePassrole, "ROLE-PASSROLE", Info, "Who applies the replication configuration cannot pass the role");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    passrole(cx, cx.sites(), cx.conc(), out);
}

fn passrole(ctx: &Ctx, all: &[Site], conc: &Conc, out: &mut Vec<Finding>) {
    let model = &ctx.graph.model;
    let mut configs = HashSet::new();
    // Concretized identity policies per role, computed once.
    let mut cache: HashMap<usize, Vec<(Policy, &PolicyDoc)>> = HashMap::new();
    for s in all {
        if !configs.insert(s.b) {
            continue;
        }
        let Some(repl_role) = s.role_arn() else {
            continue;
        };
        for (ri, r) in model.roles.iter().enumerate() {
            if Some(ri) == s.role || r.origin.account != s.src.origin.account {
                continue;
            }
            let pols = cache.entry(ri).or_insert_with(|| {
                model
                    .role_policies(ri)
                    .into_iter()
                    .map(|d| (conc.policy(&d.policy), d))
                    .collect()
            });
            if pols.is_empty() {
                continue;
            }
            let set = PolicySet {
                identity: pols
                    .iter()
                    .map(|(p, _)| NamedPolicy {
                        name: "identity policy",
                        policy: p,
                    })
                    .collect(),
                ..Default::default()
            };
            let mut put = Request::new(
                conc.val(&r.arn),
                "s3:PutReplicationConfiguration",
                conc.val(&s.src.arn),
            );
            put.resource_account = Some(conc.val(s.src_account()));
            if !evaluate(&put, &set).is_ok_and(|d| d.is_allowed()) {
                continue;
            }
            let mut pass = Request::new(conc.val(&r.arn), "iam:PassRole", conc.val(&repl_role));
            pass.context
                .set("iam:PassedToService", Val::known("s3.amazonaws.com"));
            let Ok(d) = evaluate(&pass, &set) else {
                continue;
            };
            if d.is_allowed() || matches!(d.verdict, Verdict::Depends(_)) {
                continue;
            }
            let Some((_, doc)) = pols.first() else {
                continue;
            };
            out.push(
                Finding::new(META.id, META.severity, doc.file, doc.span(), format!(
                    "role {} may apply the replication configuration of {} (s3:PutReplicationConfiguration) but may not pass its role {}: PutBucketReplication fails with AccessDenied for it",
                    r.origin.logical_id, display(&s.src.name), display(&repl_role)
                ))
                .resource(Some(r.origin.logical_id.clone()))
                .related(s.file(), s.role_span(), "the replication role")
                .help(format!("add {{\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\", \"Resource\": \"{}\", \"Condition\": {{\"StringEquals\": {{\"iam:PassedToService\": \"s3.amazonaws.com\"}}}}}}", display(&repl_role))),
            );
        }
    }
}
