//! ROLE-TRUST-BATCH — Batch Replication role does not trust batchoperations.s3.amazonaws.com.

use crate::eval::{evaluate, NamedPolicy, PolicySet, Request, Val, Verdict};
use crate::model::PolicyDoc;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use std::collections::HashSet;
use super::Ctx;
use super::common::Site;
use super::requirements::Conc;
use super::statements::{allows, grants_any};

pub const META: RuleMeta = rule_meta!(RoleTrustBatch, "ROLE-TRUST-BATCH", Warning, "Batch Replication role does not trust batchoperations.s3.amazonaws.com");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let model = &cx.graph.model;
    let mut roles_seen = HashSet::new();
    for s in cx.sites() {
        let Some(r) = s.role else { continue };
        if roles_seen.insert(r) {
            trust_batch(s, r, &model.role_policies(r), cx.conc(), out);
        }
    }
}

fn trust_batch(s: &Site, r: usize, docs: &[&PolicyDoc], conc: &Conc, out: &mut Vec<Finding>) {
    let Some(role) = s.model.roles.get(r) else {
        return;
    };
    let batch = docs.iter().find_map(|d| {
        d.policy
            .statements
            .iter()
            .find(|st| allows(st) && grants_any(st, &["s3:InitiateReplication"]))
            .map(|st| (d.file, st.span))
    });
    let Some((file, span)) = batch else { return };
    let Some(trust) = &role.trust else { return };
    if super::statements::doc_unknown(trust) {
        return;
    }
    let policy = conc.policy(&trust.policy);
    let mut req = Request::new(
        Val::known("batchoperations.s3.amazonaws.com"),
        "sts:AssumeRole",
        conc.val(&role.arn),
    );
    req.resource_account = Some(conc.val(&role.origin.account));
    let set = PolicySet {
        resource: Some(NamedPolicy {
            name: "trust policy",
            policy: &policy,
        }),
        ..Default::default()
    };
    let Ok(d) = evaluate(&req, &set) else { return };
    if d.verdict != Verdict::ImplicitlyDenied && d.verdict != Verdict::ExplicitlyDenied {
        return;
    }
    out.push(
        Finding::new(META.id, META.severity, trust.file, trust.span(), format!(
            "role {} is granted s3:InitiateReplication for S3 Batch Replication, but its trust policy does not let batchoperations.s3.amazonaws.com assume it: Batch Replication jobs with this role fail",
            role.origin.logical_id
        ))
        .resource(Some(role.origin.logical_id.clone()))
        .related(file, span, "Batch Replication permission")
        .help("add to the trust policy: {\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"batchoperations.s3.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}"),
    );
}
