//! More replication-role rules (rules-spec §5): KMS grants on aliases or key ids and encryption-context
//! key typos (policy AST), and the engine-backed checks of service control policies, the Batch
//! Replication trust, and `iam:PassRole` for whoever applies the configuration; plus the note on
//! policies of other stacks that name the role by ARN.

use super::common::{sites, Site};
use super::requirements::Conc;
use super::Ctx;
use crate::eval::wildcard::matches_ci;
use crate::eval::{evaluate, NamedPolicy, PolicySet, Request, Val, Verdict};
use crate::model::arn::{is_account_id, Arn};
use crate::model::org::OrgPolicy;
use crate::model::policy::parse_policy;
use crate::model::symbolic::{display, has_symbol, parts, Part};
use crate::model::{Effect, Policy, PolicyDoc, PrincipalKind, Statement};
use crate::rules::unproven::META as UNPROVEN;
use crate::rules::Finding;
use crate::source::Span;
use std::collections::{HashMap, HashSet};

/// KMS actions S3 replication calls with the role.
const KMS_CRYPTO: &[&str] = &[
    "kms:Decrypt",
    "kms:Encrypt",
    "kms:GenerateDataKey",
    "kms:ReEncryptFrom",
    "kms:ReEncryptTo",
];

fn allows(st: &Statement) -> bool {
    st.effect.as_ref().is_some_and(|e| e.value == Effect::Allow)
}

fn grants_any(st: &Statement, actions: &[&str]) -> bool {
    st.action.as_ref().is_some_and(|a| {
        a.items
            .iter()
            .any(|i| actions.iter().any(|x| matches_ci(&i.value, x)))
    })
}

/// The organization policies of one type (SCPs or RCPs) with generated names replaced, plus the
/// stand-ins that isolate them in an evaluation: an identity policy allowing everything (as
/// `FullAWSAccess`/`RCPFullAWSAccess` do) and a resource policy allowing anyone. `None` when there are
/// no such policies.
pub(super) struct OrgPolicies<'m> {
    pub policies: Vec<(&'m OrgPolicy, Policy)>,
    pub allow_all: Policy,
    pub anyone: Policy,
}

pub(super) fn org_policies<'m>(
    model: &'m crate::model::Model,
    conc: &Conc,
    keep: fn(&OrgPolicy) -> bool,
) -> Option<OrgPolicies<'m>> {
    let policies: Vec<(&OrgPolicy, Policy)> = model
        .org_policies
        .iter()
        .filter(|p| keep(p))
        .filter_map(|p| Some((p, conc.policy(&p.doc.as_ref()?.policy))))
        .collect();
    if policies.is_empty() {
        return None;
    }
    Some(OrgPolicies {
        policies,
        allow_all: parse_json(
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
        )?,
        anyone: parse_json(
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#,
        )?,
    })
}

pub(super) fn parse_json(text: &str) -> Option<Policy> {
    crate::source::json::parse(text)
        .ok()
        .map(|n| parse_policy(&n).0)
}

pub fn compute(ctx: &Ctx, out: &mut Vec<Finding>) {
    let model = &ctx.graph.model;
    let all = sites(model);
    let conc = Conc::new(model);
    let mut roles_seen = HashSet::new();
    let mut docs_seen = HashSet::new();
    for s in &all {
        if let Some(r) = s.role {
            if roles_seen.insert(r) {
                let docs = model.role_policies(r);
                for d in &docs {
                    kms_resource_alias(s, d, out);
                    encctx_typo(s, d, out);
                }
                trust_batch(s, r, &docs, &conc, out);
            }
        }
        if !s.rule.enabled() {
            continue;
        }
        deleted_recreated(s, &mut docs_seen, out);
    }
    passrole(ctx, &all, &conc, out);
    scp(ctx, &all, &conc, out);
}

// ---------------------------------------------------------------- ROLE-KMS-RESOURCE-ALIAS

/// What a KMS `Resource` value is when it is not a key ARN (or a pattern of key ARNs).
fn not_key_arn(v: &str) -> Option<&'static str> {
    if v == "*" {
        return None;
    }
    if let Some(a) = Arn::parse(v) {
        if a.service != "kms" {
            return None;
        }
        return a.resource.starts_with("alias/").then_some("an alias ARN");
    }
    if v.starts_with("alias/") {
        return Some("an alias name");
    }
    // `Ref` of an AWS::KMS::Key is its key id, not its ARN.
    for p in parts(v) {
        if let Part::Sym(id) = p {
            if matches!(&*id.get(), crate::model::symbolic::Sym::Generated { attr, .. } if attr == "KeyId")
            {
                return Some("a key id (Ref of an AWS::KMS::Key returns the id, not the ARN)");
            }
        }
    }
    let uuid = v.len() == 36
        && v.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
        && v.matches('-').count() == 4;
    let mrk = v
        .strip_prefix("mrk-")
        .is_some_and(|r| r.len() == 32 && r.chars().all(|c| c.is_ascii_hexdigit()));
    (uuid || mrk).then_some("a key id")
}

fn kms_resource_alias(s: &Site, d: &PolicyDoc, out: &mut Vec<Finding>) {
    for st in &d.policy.statements {
        if !allows(st) || !grants_any(st, KMS_CRYPTO) {
            continue;
        }
        let Some(res) = &st.resource else { continue };
        for v in &res.items {
            let Some(what) = not_key_arn(&v.value) else {
                continue;
            };
            out.push(
                Finding::new(super::role_kms_resource_alias::META.id, super::role_kms_resource_alias::META.severity, d.file, v.span, format!(
                    "the replication role is granted KMS actions on `{}`, {what}: IAM matches KMS permissions against the key ARN only, so this grants nothing for encrypting or decrypting",
                    display(&v.value)
                ))
                .resource(Some(s.model.roles[s.role.unwrap_or_default()].origin.logical_id.clone()))
                .help("use the key ARN: arn:aws:kms:<region>:<account>:key/<key-id> (in CloudFormation !GetAtt Key.Arn, not !Ref Key); to select keys by alias use the kms:ResourceAliases condition"),
            );
        }
    }
}

// ---------------------------------------------------------------- ROLE-KMS-ENCCTX-TYPO

const ENC_PREFIX: &str = "kms:encryptioncontext:";

fn encctx_typo(s: &Site, d: &PolicyDoc, out: &mut Vec<Finding>) {
    for st in &d.policy.statements {
        for c in &st.conditions {
            let k = c.key.value.to_ascii_lowercase();
            let Some(ctx_key) = k.strip_prefix(ENC_PREFIX) else {
                continue;
            };
            if ctx_key == "aws:s3:arn" || !ctx_key.contains("arn") {
                continue;
            }
            out.push(
                Finding::new(super::role_kms_encctx_typo::META.id, super::role_kms_encctx_typo::META.severity, d.file, c.key.span, format!(
                    "condition key `{}`: S3 sends the encryption context key aws:s3:arn, never `{}`, so this condition cannot match S3's requests",
                    c.key.value, &c.key.value[ENC_PREFIX.len()..]
                ))
                .resource(Some(s.model.roles[s.role.unwrap_or_default()].origin.logical_id.clone()))
                .help("use \"kms:EncryptionContext:aws:s3:arn\" (the object ARN, or the bucket ARN when S3 Bucket Keys are on)"),
            );
        }
    }
}

// ---------------------------------------------------------------- ROLE-TRUST-BATCH

fn trust_batch(s: &Site, r: usize, docs: &[&PolicyDoc], conc: &Conc, out: &mut Vec<Finding>) {
    let role = &s.model.roles[r];
    let batch = docs.iter().find_map(|d| {
        d.policy
            .statements
            .iter()
            .find(|st| allows(st) && grants_any(st, &["s3:InitiateReplication"]))
            .map(|st| (d.file, st.span))
    });
    let Some((file, span)) = batch else { return };
    let Some(trust) = &role.trust else { return };
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
        Finding::new(super::role_trust_batch::META.id, super::role_trust_batch::META.severity, trust.file, trust.span(), format!(
            "role {} is granted s3:InitiateReplication for S3 Batch Replication, but its trust policy does not let batchoperations.s3.amazonaws.com assume it: Batch Replication jobs with this role fail",
            role.origin.logical_id
        ))
        .resource(Some(role.origin.logical_id.clone()))
        .related(file, span, "Batch Replication permission")
        .help("add to the trust policy: {\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"batchoperations.s3.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}"),
    );
}

// ---------------------------------------------------------------- ROLE-DELETED-RECREATED

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
    let role = &s.model.roles[r];
    let mut docs: Vec<(&PolicyDoc, &str, &str)> = Vec::new();
    if let Some(dst) = s.dst {
        if let Some(d) = dst
            .policy
            .and_then(|p| s.model.bucket_policies[p].doc.as_ref())
        {
            docs.push((d, "bucket policy", dst.origin.stack_key.as_str()));
        }
    }
    if let Some(k) = s.dest.and_then(|d| d.replica_key_target) {
        let key = &s.model.keys[k];
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
            Finding::new(super::role_deleted_recreated::META.id, super::role_deleted_recreated::META.severity, d.file, span, format!(
                "this {what} names replication role {} by ARN from another stack: IAM stores the role's unique id, so if the role is deleted and recreated (e.g. a stack replacement), the grant no longer matches it",
                display(&role.arn)
            ))
            .related(role.origin.file, role.origin.logical_id_span, "the role")
            .help(format!("after recreating the role, re-save this policy; or grant \"AWS\": \"{}\" (the account) with a Condition {{\"ArnEquals\": {{\"aws:PrincipalArn\": \"{}\"}}}}", Arn::parse(&role.arn).map_or("<account>".to_string(), |a| a.account), display(&role.arn))),
        );
    }
}

// ---------------------------------------------------------------- ROLE-PASSROLE

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
            let (_, doc) = &pols[0];
            out.push(
                Finding::new(super::role_passrole::META.id, super::role_passrole::META.severity, doc.file, doc.span(), format!(
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

// ---------------------------------------------------------------- ROLE-SCP

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

/// Whether an SCP attached to `targets` applies to `account`: Some(true) when it names the account or
/// the root, None when it names an OU or an unknown target (membership is not in the templates).
pub(super) fn applies(p: &OrgPolicy, account: &str) -> Option<bool> {
    let mut unknown = false;
    for t in &p.targets {
        let v = t.value.as_str();
        if v == account || v.starts_with("r-") {
            return Some(true);
        }
        if v.starts_with("ou-") || has_symbol(v) {
            unknown = true;
        }
    }
    if unknown {
        None
    } else {
        Some(false)
    }
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
                    s.finding(&super::role_scp::META, s.role_span(), format!(
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
