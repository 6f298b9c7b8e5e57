//! The organization levels of a request: the SCPs that apply to the replication role's account and the
//! RCPs that apply to the account owning the key it uses, added to the request's policy set next to
//! `FullAWSAccess` / `RCPFullAWSAccess` (as AWS attaches them by default), and the engine's answer about
//! them turned into ROLE-SCP / KMS-RCP-PERIMETER outcomes (or UNPROVEN when it depends on something the
//! templates do not say: OU membership, the role's organization, an unbound Region).
//!
//! Which requests get the levels: the role's own calls (a requirement that asks the role's identity
//! policies; one checked against a resource policy alone is a convention of that policy, not a call);
//! SCPs when the role's account is a known account id; RCPs for customer managed keys (a `key/` ARN:
//! RCPs do not apply to AWS managed keys) owned by another known account (the role's own account is in
//! the RCP's organization, which the perimeter admits). An SCP or RCP defined in the account it would
//! govern is skipped: the account that defines organization policies is taken to be the management
//! account, which they do not bind.

use super::outcomes::{Acc, Group, Help, Wording};
use super::requests::Assembled;
use super::resources::{anchor, Res};
use super::table::{PolSel, PrincipalSel, Requirement, ResForm};
use super::Conc;
use crate::config::Config;
use crate::eval::{Applies, Decision, NamedPolicy, PolicyRole, PolicySet, Request, Val};
use crate::model::arn::{is_account_id, Arn};
use crate::model::org::OrgPolicy;
use crate::model::symbolic::display;
use crate::model::{Effect, Model, Policy};
use crate::rules::replication::common::Site;
use crate::rules::replication::kms_rcp_perimeter::META as KMS_RCP_PERIMETER;
use crate::rules::replication::org_policies::{applies, org_policies};
use crate::rules::replication::role_scp::META as ROLE_SCP;
use crate::rules::unproven::META as UNPROVEN;
use crate::source::Span;

/// SCP or RCP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum OrgKind {
    Scp,
    Rcp,
}

/// The organization policies of the run, ready for the engine (computed once).
pub(super) struct OrgLevels<'m> {
    scps: Vec<(&'m OrgPolicy, Policy)>,
    rcps: Vec<(&'m OrgPolicy, Policy)>,
    /// `FullAWSAccess`: allows everything at an SCP level.
    full: Option<Policy>,
    /// `RCPFullAWSAccess`: allows anyone everything at an RCP level.
    anyone: Option<Policy>,
}

/// One organization policy that applies to a request.
pub(super) struct OrgRef<'p> {
    pub(super) kind: OrgKind,
    pub(super) policy: &'p OrgPolicy,
    doc: &'p Policy,
    /// The AWS managed policy attached at the same level (`FullAWSAccess` / `RCPFullAWSAccess`).
    default: &'p Policy,
    /// Whether its targets name the governed account or the root (`false`: only an OU may hold it).
    pub(super) definite: bool,
    /// The account it governs: the role's (SCP) or the key owner's (RCP).
    pub(super) account: String,
    /// The replication role's account.
    pub(super) role_account: String,
}

impl<'m> OrgLevels<'m> {
    pub(super) fn new(model: &'m Model, conc: &Conc) -> OrgLevels<'m> {
        let scps = org_policies(model, conc, OrgPolicy::is_scp);
        let rcps = org_policies(model, conc, OrgPolicy::is_rcp);
        let (full, anyone) = match scps.as_ref().or(rcps.as_ref()) {
            Some(o) => (Some(o.allow_all.clone()), Some(o.anyone.clone())),
            None => (None, None),
        };
        OrgLevels {
            scps: scps.map(|o| o.policies).unwrap_or_default(),
            rcps: rcps.map(|o| o.policies).unwrap_or_default(),
            full,
            anyone,
        }
    }

    /// The SCPs and RCPs that apply to `request` (see the module docs); when there are any, the
    /// request gets the context they read: `aws:RequestedRegion` and the role's `aws:PrincipalOrgID`.
    pub(super) fn levels(
        &self,
        site: &Site,
        req: &Requirement,
        role_account: Option<&str>,
        res: &Res,
        cfg: &Config,
        request: &mut Request,
    ) -> Vec<OrgRef<'_>> {
        let mut v = Vec::new();
        if req.principal != PrincipalSel::Role || !req.policies.contains(&PolSel::Identity) {
            return v;
        }
        let (Some(full), Some(anyone)) = (&self.full, &self.anyone) else {
            return v;
        };
        let Some(role_account) = role_account.filter(|a| is_account_id(a)) else {
            return v;
        };
        push_applying(
            &mut v,
            OrgKind::Scp,
            &self.scps,
            role_account,
            role_account,
            full,
        );
        let customer_key = req.resource.is_key()
            && Arn::parse(&res.value).is_some_and(|a| a.resource.starts_with("key/"));
        let owner = res
            .account
            .as_deref()
            .filter(|o| is_account_id(o) && *o != role_account);
        if let (true, Some(owner)) = (customer_key, owner) {
            push_applying(
                &mut v,
                OrgKind::Rcp,
                &self.rcps,
                owner,
                role_account,
                anyone,
            );
        }
        if v.is_empty() {
            return v;
        }
        let region = super::resources::region_for(site, req.resource);
        request.context.set(
            "aws:RequestedRegion",
            match region {
                Some(r) => Val::known(r),
                None => Val::unknown(format!("the Region of the request to {}", res.label)),
            },
        );
        if v.iter().any(|o| o.kind == OrgKind::Rcp) {
            request.context.set(
                "aws:PrincipalOrgID",
                match cfg.account_orgs.get(role_account) {
                    Some(o) => Val::known(o.clone()),
                    None => Val::unknown(format!("the organization of account {role_account}")),
                },
            );
        }
        v
    }
}

/// Pushes the policies of `list` that may govern `account` (see the module docs).
fn push_applying<'p>(
    v: &mut Vec<OrgRef<'p>>,
    kind: OrgKind,
    list: &'p [(&'p OrgPolicy, Policy)],
    account: &str,
    role_account: &str,
    default: &'p Policy,
) {
    for (p, doc) in list {
        if p.origin.account == account {
            continue;
        }
        let a = applies(p, account);
        if a == Some(false) {
            continue;
        }
        v.push(OrgRef {
            kind,
            policy: p,
            doc,
            default,
            definite: a == Some(true),
            account: account.to_string(),
            role_account: role_account.to_string(),
        });
    }
}

/// Adds the SCP level and the RCP level of `org` to `set`.
pub(super) fn add_levels<'a>(set: &mut PolicySet<'a>, org: &'a [OrgRef<'_>], names: &'a [String]) {
    for (kind, default_name) in [
        (OrgKind::Scp, "FullAWSAccess"),
        (OrgKind::Rcp, "RCPFullAWSAccess"),
    ] {
        let mut level: Vec<NamedPolicy<'a>> = org
            .iter()
            .zip(names)
            .filter(|(o, _)| o.kind == kind)
            .map(|(o, name)| NamedPolicy {
                name,
                policy: o.doc,
            })
            .collect();
        let Some(default) = org.iter().find(|o| o.kind == kind).map(|o| o.default) else {
            continue;
        };
        level.push(NamedPolicy {
            name: default_name,
            policy: default,
        });
        match kind {
            OrgKind::Scp => set.scps.push(level),
            OrgKind::Rcp => set.rcps.push(level),
        }
    }
}

/// How an organization policy answered one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum OrgAnswer {
    /// A Deny statement matches and the policy governs the account: the request fails.
    Denies,
    /// A Deny statement matches, but the policy is attached to OUs only.
    DeniesIfInOu,
    /// Whether a Deny statement matches depends on these values.
    MayDeny(String),
}

/// The organization policies whose Deny statements match (or may match) the request of `d`, with how:
/// `(index into the request's org refs, answer)`, one per policy, in policy order.
pub(super) fn answers(asm: &Assembled, d: &Decision) -> Vec<(usize, OrgAnswer)> {
    let mut out: Vec<(usize, OrgAnswer)> = Vec::new();
    for s in &d.statements {
        let Some(p) = d.policies.get(s.policy) else {
            continue;
        };
        if !matches!(p.role, PolicyRole::Scp | PolicyRole::Rcp) {
            continue;
        }
        let Some(i) = p
            .name
            .strip_prefix("org:")
            .and_then(|n| n.parse::<usize>().ok())
        else {
            continue; // FullAWSAccess / RCPFullAWSAccess
        };
        let Some(o) = asm.org.get(i) else { continue };
        if !s.effect.is_some_and(Effect::may_deny) {
            continue;
        }
        let answer = match (&s.applies, s.effect) {
            (Applies::Yes, Some(Effect::Deny)) if o.definite => OrgAnswer::Denies,
            (Applies::Yes, Some(Effect::Deny)) => OrgAnswer::DeniesIfInOu,
            (Applies::No(_), _) => continue,
            (Applies::Depends(u), _) => OrgAnswer::MayDeny(super::classify::unknown_labels(u)),
            // An effect that is not known statically may be Deny.
            (Applies::Yes, _) => OrgAnswer::MayDeny("the statement's Effect".into()),
        };
        match out.iter_mut().find(|(j, _)| *j == i) {
            // The strongest answer of the policy's statements.
            Some((_, a)) => {
                if rank(&answer) > rank(a) {
                    *a = answer;
                }
            }
            None => out.push((i, answer)),
        }
    }
    out
}

fn rank(a: &OrgAnswer) -> u8 {
    match a {
        OrgAnswer::Denies => 2,
        OrgAnswer::DeniesIfInOu => 1,
        OrgAnswer::MayDeny(_) => 0,
    }
}

/// The finding anchor of an organization outcome: the role (SCP), or where the key is named (RCP).
fn org_span(site: &Site, req: &Requirement, kind: OrgKind) -> Span {
    match (kind, req.resource) {
        (OrgKind::Scp, _) => site.role_span(),
        (OrgKind::Rcp, ResForm::SourceKey) => site
            .src
            .default_kms_key()
            .map_or_else(|| anchor(site, req.anchor), |k| k.span),
        (OrgKind::Rcp, ResForm::ReplicaKey) => site
            .replica_key()
            .map_or_else(|| anchor(site, req.anchor), |k| k.span),
        (OrgKind::Rcp, _) => site.dest_bucket_span(),
    }
}

/// Turns the organization answers of one request into ROLE-SCP / KMS-RCP-PERIMETER / UNPROVEN groups.
#[expect(
    clippy::too_many_arguments,
    reason = "the request's parts and the run's configuration: one call site"
)]
pub(super) fn add_outcomes(
    site: &Site,
    req: &Requirement,
    asm: &Assembled,
    answers: &[(usize, OrgAnswer)],
    action: &str,
    role_arn: &str,
    res: &Res,
    cfg: &Config,
    acc: &mut Acc,
) {
    let role = display(role_arn);
    for (i, answer) in answers {
        let Some(o) = asm.org.get(*i) else { continue };
        let p = o.policy;
        let name = &p.origin.logical_id;
        let policy_span = p.content_span.unwrap_or(p.origin.logical_id_span);
        let account = &o.account;
        let (meta, before, after, label, related, help) = match o.kind {
            OrgKind::Scp => {
                let help = format!("exempt the role in the SCP's Deny statement, e.g. \"Condition\": {{\"ArnNotLike\": {{\"aws:PrincipalArn\": \"{role}\"}}}}");
                match answer {
                    OrgAnswer::Denies => (
                        &ROLE_SCP,
                        format!("service control policy {name} (attached to account {account} or its root) denies "),
                        format!(" to the replication role: replication fails for rule {}", site.rule.label()),
                        None,
                        "the SCP that denies it",
                        help,
                    ),
                    OrgAnswer::DeniesIfInOu => (
                        &UNPROVEN,
                        format!("service control policy {name} denies "),
                        format!(" to the replication role if account {account} is in one of its target OUs (OU membership is not in the templates): ROLE-SCP when it is"),
                        None,
                        "the SCP",
                        help,
                    ),
                    OrgAnswer::MayDeny(labels) => (
                        &UNPROVEN,
                        format!("service control policy {name} may deny "),
                        format!(" to the replication role: it depends on {labels}; ROLE-SCP when it does"),
                        None,
                        "the SCP",
                        help,
                    ),
                }
            }
            OrgKind::Rcp => {
                let role_account = &o.role_account;
                let org = cfg.account_orgs.get(role_account);
                let help = format!(
                    "exempt the replication role in the RCP's Deny statement, e.g. add \"ArnNotLike\": {{\"aws:PrincipalArn\": \"{role}\"}} to its Condition, or use a key of an account outside the perimeter; state the role account's organization with [accounts.\"{role_account}\"] org = \"o-…\""
                );
                let unproven = |why: String| {
                    (
                        &UNPROVEN,
                        format!("resource control policy {name} may deny "),
                        format!(" on this key to the replication role {role}: {why}; KMS-RCP-PERIMETER when it does"),
                        None,
                        "the resource control policy",
                        help.clone(),
                    )
                };
                match (answer, org) {
                    (OrgAnswer::Denies, Some(org)) => (
                        &KMS_RCP_PERIMETER,
                        format!("resource control policy {name} (on account {account} or its root) denies "),
                        format!(" on this key to principals outside its organization, and the replication role {role} is in account {role_account} of organization {org}: replication of rule {} fails", site.rule.label()),
                        Some("key owned by an account under the RCP".to_string()),
                        "the resource control policy",
                        help,
                    ),
                    (_, None) => unproven(format!("account {role_account}'s organization is not known (trustlint.toml [accounts.\"{role_account}\"] org = \"o-…\")")),
                    (OrgAnswer::MayDeny(labels), Some(_)) => unproven(format!("it depends on {labels}")),
                    (_, Some(_)) => unproven(format!("account {account} may be in one of its target OUs (OU membership is not in the templates)")),
                }
            }
        };
        let g = Group {
            meta,
            severity: meta.severity,
            file: site.file(),
            span: org_span(site, req, o.kind),
            resource_name: site.src.origin.logical_id.clone(),
            actions: vec![action.to_string()],
            requirement: req.name.clone(),
            failure: req.failure.clone(),
            reason: String::new(),
            related: vec![(p.origin.file, policy_span, related.to_string())],
            help: Help::Text(help),
            wording: Wording::Around {
                before,
                after,
                label,
            },
            principal: role.clone(),
            res: res.label.clone(),
            resources: vec![res.label.clone()],
            key: req.resource.is_key(),
            region: None,
            partition: site.src.origin.partition.clone(),
        };
        // One finding per (bucket, organization policy, and key for an RCP), listing every action.
        let key = match o.kind {
            OrgKind::Scp => format!("scp:{}:{name}", p.origin.stack_key),
            OrgKind::Rcp => format!("rcp:{}:{name}:{}", p.origin.stack_key, res.value),
        };
        acc.add(site.b, key, g);
    }
}
