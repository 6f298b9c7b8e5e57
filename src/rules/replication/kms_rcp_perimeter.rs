//! KMS-RCP-PERIMETER: a resource control policy on the account (or OU/root) that owns a key replication
//! uses denies `kms:*` to principals outside the owner's organization (the AWS "identity perimeter"
//! example: `StringNotEqualsIfExists aws:PrincipalOrgID <own org>`), and the replication role belongs to
//! another organization. Each KMS request of the replication requirement (`kms:Decrypt` on the source
//! key, `kms:Encrypt` on the replica key) is evaluated by the engine with the RCP (next to
//! `RCPFullAWSAccess`) as the key owner's RCPs. The role's organization comes from `trustlint.toml`
//! (`[accounts."<id>"] org = "o-…"`); unknown, or an RCP attached to an OU, gives UNPROVEN.
//! RCPs do not apply to AWS managed keys or to the management account's resources.

use super::common::sites;
use super::requirements::Conc;
use super::org_policies::{applies, org_policies, OrgPolicies};
use super::Ctx;
use crate::eval::{evaluate, NamedPolicy, PolicySet, Request, Val, Verdict};
use crate::model::arn::{is_account_id, Arn};
use crate::model::org::OrgPolicy;
use crate::model::symbolic::{display, has_symbol};
use crate::rule_meta;
use crate::rules::unproven::META as UNPROVEN;
use crate::rules::{Finding, RuleMeta};
use std::collections::HashSet;

pub const META: RuleMeta = rule_meta!(
    KmsRcpPerimeter, "KMS-RCP-PERIMETER",
    Error,
    "A resource control policy on the key owner denies KMS to the replication role of another organization"
);

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let model = &ctx.graph.model;
    let conc = Conc::new(model);
    let Some(OrgPolicies {
        policies: rcps,
        allow_all: identity,
        anyone,
    }) = org_policies(model, &conc, OrgPolicy::is_rcp)
    else {
        return;
    };
    let mut seen = HashSet::new();
    for s in sites(model) {
        if !s.rule.enabled() || !s.sse_kms_opt_in() {
            continue;
        }
        let role_account = s.src_account().to_string();
        let Some(role) = s.role_arn() else { continue };
        if !is_account_id(&role_account) {
            continue;
        }
        let mut requests = Vec::new();
        if let Some(k) = s.src.default_kms_key() {
            requests.push(("kms:Decrypt", k, s.src_region().map(str::to_string)));
        }
        if let Some(k) = s.replica_key() {
            requests.push(("kms:Encrypt", k, s.dst_region()));
        }
        for (action, key, region) in requests {
            // Key ARNs only: AWS managed keys (alias/aws/…) are not subject to RCPs.
            let Some(arn) = Arn::parse(&key.value).filter(|a| a.resource.starts_with("key/"))
            else {
                continue;
            };
            let owner = arn.account.clone();
            if !is_account_id(&owner) || owner == role_account {
                continue;
            }
            for (p, policy) in &rcps {
                // RCPs do not apply to the management account; the account defining them is assumed to be it.
                if p.origin.account == owner {
                    continue;
                }
                let applies = applies(p, &owner);
                if applies == Some(false) {
                    continue;
                }
                let org = ctx.cfg.account_orgs.get(&role_account);
                let set = PolicySet {
                    identity: vec![NamedPolicy {
                        name: "identity",
                        policy: &identity,
                    }],
                    resource: Some(NamedPolicy {
                        name: "key policy",
                        policy: &anyone,
                    }),
                    rcps: vec![vec![
                        NamedPolicy {
                            name: "rcp",
                            policy,
                        },
                        NamedPolicy {
                            name: "RCPFullAWSAccess",
                            policy: &anyone,
                        },
                    ]],
                    ..Default::default()
                };
                let mut req = Request::new(conc.val(&role), action, conc.val(&key.value));
                req.resource_account = Some(conc.val(&owner));
                req.management_account =
                    Some(p.origin.account.clone()).filter(|a| is_account_id(a));
                req.context.set(
                    "aws:PrincipalOrgID",
                    match org {
                        Some(o) => Val::known(o.clone()),
                        None => Val::unknown(format!("the organization of account {role_account}")),
                    },
                );
                req.context
                    .set("kms:CallerAccount", conc.val(&role_account));
                if let Some(r) = region.as_ref().filter(|r| !has_symbol(r)) {
                    req.context
                        .set("aws:RequestedRegion", Val::known(r.clone()));
                    req.context.set(
                        "kms:ViaService",
                        Val::known(format!("s3.{r}.amazonaws.com")),
                    );
                }
                let Ok(d) = evaluate(&req, &set) else {
                    continue;
                };
                let proven = match d.verdict {
                    Verdict::ExplicitlyDenied => applies == Some(true),
                    Verdict::Depends(_) => false,
                    _ => continue,
                };
                if !seen.insert((
                    s.b,
                    key.value.clone(),
                    p.origin.logical_id.clone(),
                    p.origin.stack_key.clone(),
                )) {
                    continue;
                }
                let rcp_span = p.content_span.unwrap_or(p.origin.logical_id_span);
                let org_text = org.map_or_else(
                    || "an organization trustlint does not know".to_string(),
                    |o| format!("organization {o}"),
                );
                let f = if proven {
                    s.finding(&META, key.span, format!(
                        "resource control policy {} (on account {owner} or its root) denies {action} on this key to principals outside its organization, and the replication role {} is in account {role_account} of {org_text}: replication of rule {} fails",
                        p.origin.logical_id, display(&role), s.rule.label()
                    ))
                    .label("key owned by an account under the RCP")
                } else {
                    let why = if org.is_none() {
                        format!("account {role_account}'s organization is not known (trustlint.toml [accounts.\"{role_account}\"] org = \"o-…\")")
                    } else {
                        format!("account {owner} may be in one of its target OUs (OU membership is not in the templates)")
                    };
                    s.finding(&UNPROVEN, key.span, format!(
                        "resource control policy {} may deny {action} on this key to the replication role {}: {why}; KMS-RCP-PERIMETER when it does",
                        p.origin.logical_id, display(&role)
                    ))
                };
                out.push(
                    f.related(p.origin.file, rcp_span, "the resource control policy")
                        .help(format!(
                            "exempt the replication role in the RCP's Deny statement, e.g. add \"ArnNotLike\": {{\"aws:PrincipalArn\": \"{}\"}} to its Condition, or use a key of an account outside the perimeter; state the role account's organization with [accounts.\"{role_account}\"] org = \"o-…\"",
                            display(&role)
                        )),
                );
            }
        }
    }
}
