//! Site × requirement → the engine request (principal, action, resource, the context S3 sends) and its
//! policy set (identity, boundary, resource policy; stand-ins for what the templates do not define; the
//! organization levels from [`super::org_levels`]).

use super::org_levels::OrgRef;
use super::resources::{resource, Res, ResPolicy, SAMPLE_KEY};
use super::table::{CtxSel, PolSel, PrincipalSel, Requirement};
use super::Env;
use crate::eval::{NamedPolicy, PolicySet, Request, Val};
use crate::model::arn::Arn;
use crate::model::symbolic::display;
use crate::model::{Model, Policy, PolicyDoc};
use crate::rules::replication::common::{bucket_key_on, bucket_key_unknown, s3_service, Site};
use crate::source::{FileId, Span};

/// Which slot a policy occupies, for choosing the rule id and the related label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Side {
    Identity,
    Boundary,
    Resource,
}

/// One policy handed to the engine, and where it is written (`None`: a stand-in for a policy the
/// templates do not define).
pub(super) struct PolRef {
    pub(super) side: Side,
    pub(super) at: Option<(FileId, Span)>,
    pub(super) label: String,
}

/// Where a finding should send the user when a side lacks a grant.
#[derive(Debug, Clone)]
pub(super) struct Target {
    pub(super) at: Option<(FileId, Span)>,
    pub(super) label: String,
}

/// The policies of one request, each with where it is written; its engine names are the indexes into
/// `refs` (and `org:<i>` for the organization policies).
pub(super) struct Assembled<'p> {
    pub(super) refs: Vec<PolRef>,
    pub(super) pols: Vec<&'p Policy>,
    names: Vec<String>,
    resource_idx: Option<usize>,
    boundary_idx: Option<usize>,
    /// Target for an identity-side fix / a resource-side fix.
    pub(super) identity_target: Option<Target>,
    pub(super) resource_target: Option<Target>,
    pub(super) boundary_target: Option<Target>,
    /// External identity policies that may grant what is missing.
    pub(super) external_identity: Vec<String>,
    /// The SCPs and RCPs that apply to the request (empty when the organization has none).
    pub(super) org: Vec<OrgRef<'p>>,
    org_names: Vec<String>,
}

impl Assembled<'_> {
    /// The policy set of the request; `with_org`: with its SCP and RCP levels.
    pub(super) fn set(&self, with_org: bool) -> PolicySet<'_> {
        let mut set = PolicySet::default();
        for ((i, p), name) in self.pols.iter().enumerate().zip(&self.names) {
            let np = NamedPolicy { name, policy: p };
            if Some(i) == self.resource_idx {
                set.resource = Some(np);
            } else if Some(i) == self.boundary_idx {
                set.boundary = Some(np);
            } else {
                set.identity.push(np);
            }
        }
        if with_org {
            super::org_levels::add_levels(&mut set, &self.org, &self.org_names);
        }
        set
    }
}

/// A requirement made concrete for one site.
pub(super) struct Built<'p> {
    pub(super) request: Request,
    pub(super) res: Res,
    pub(super) role_arn: String,
    /// Policies the templates do not define that the answer depends on (one UNPROVEN names them).
    pub(super) unproven_extra: Vec<String>,
    pub(super) asm: Assembled<'p>,
    /// Another value S3 may send for one context key, when which one depends on what trustlint cannot
    /// see (the encryption context of a destination bucket not in the templates: the bucket ARN when
    /// S3 Bucket Keys are on, else the object ARN): (key, value, what it depends on).
    pub(super) alt_context: Option<(String, Val, String)>,
}

/// A policy document whose whole text is not known statically (a `Ref`, import, attribute or dynamic
/// reference where the document should be): what it stands for, for the UNPROVEN message. Such a
/// document is neither empty nor a grant; evaluation uses a permissive stand-in in its place.
fn unknown_doc(d: &PolicyDoc) -> Option<String> {
    let text = d.node.as_str()?;
    if !crate::model::symbolic::has_symbol(text) || crate::source::json::parse(text).is_ok() {
        return None;
    }
    Some(format!(
        "{} (not known statically: {})",
        doc_label(d),
        display(text)
    ))
}

/// A bucket policy whose `Bucket` is not known statically may be the policy of any bucket.
fn unknown_bucket_policies(model: &Model) -> Vec<String> {
    model
        .bucket_policies
        .iter()
        .filter(|p| p.target.is_none())
        .filter_map(|p| {
            let b = p.bucket.as_ref()?;
            crate::model::symbolic::has_symbol(&b.value).then(|| {
                format!(
                    "bucket policy {} (its Bucket {} is not known statically)",
                    p.origin.logical_id,
                    display(&b.value)
                )
            })
        })
        .collect()
}

fn doc_label(d: &PolicyDoc) -> String {
    let base = d.kind_reason.clone();
    match &d.name {
        Some(n) => format!("{base} ({n})"),
        None => base,
    }
}

/// The request and policy set of requirement `req` at `site` (`None`: the requirement has no resource
/// there, e.g. no replica key, or no role).
pub(super) fn build<'p>(site: &Site, req: &Requirement, env: &'p Env) -> Option<Built<'p>> {
    let model = site.model;
    let (conc, pols, key_policies) = (&env.conc, &env.pols, &env.key_policies);
    let role_arn = site.role_arn()?;
    let res = resource(site, req.resource)?;
    let principal = match req.principal {
        PrincipalSel::Role => conc.val(&role_arn),
        PrincipalSel::S3Service => Val::known("s3.amazonaws.com"),
    };
    let mut request = Request::new(principal, "", conc.val(&res.value));
    if let Some(a) = &res.account {
        request.resource_account = Some(conc.val(a));
    }
    let role_account = if matches!(req.principal, PrincipalSel::Role) {
        // The role's account, even when its ARN holds unknowns: the same unknown account as the
        // resource's (one unbound template) is the same account.
        let account = site
            .role
            .and_then(|r| model.roles.get(r))
            .map(|r| r.origin.account.clone())
            .or_else(|| Arn::parse(&role_arn).map(|a| a.account))
            .filter(|a| !a.is_empty());
        if let Some(a) = &account {
            request.principal_account = Some(conc.val(a));
        }
        account
    } else {
        None
    };
    // Context S3 sends.
    let partition = site.src.origin.partition.clone();
    let region_val = |r: Option<String>, site: &Site, dest: bool| -> Val {
        match r {
            Some(r) => Val::known(s3_service(&r, &partition)),
            None => {
                let o = if dest {
                    site.dst.map(|d| &d.origin)
                } else {
                    Some(&site.src.origin)
                };
                Val::unknown(match o {
                    Some(o) => format!(
                        "{} (the region of stack {})",
                        s3_service("‹region›", &partition),
                        o.stack
                    ),
                    None => format!("the region of destination bucket {}", site.dst_label()),
                })
            }
        }
    };
    let enc = |bucket_arn: Option<String>, key_on: bool, prefix: &str| -> Option<Val> {
        let arn = bucket_arn?;
        Some(conc.val(&if key_on {
            arn
        } else {
            format!("{arn}/{prefix}{SAMPLE_KEY}")
        }))
    };
    let mut alt_context = None;
    for c in &req.context {
        match c {
            CtxSel::ViaSource => request.context.set(
                "kms:ViaService",
                region_val(site.src_region().map(str::to_string), site, false),
            ),
            CtxSel::ViaDest => request
                .context
                .set("kms:ViaService", region_val(site.dst_region(), site, true)),
            CtxSel::EncSource => {
                if let Some(v) = enc(
                    Some(site.src.arn.clone()),
                    bucket_key_on(site.src),
                    &site.prefix(),
                ) {
                    request.context.set("kms:EncryptionContext:aws:s3:arn", v);
                }
                // S3 Bucket Keys not known statically: S3 may send either form.
                if let Some(u) = bucket_key_unknown(site.src) {
                    alt_context = enc(Some(site.src.arn.clone()), true, &site.prefix())
                        .map(|v| bucket_keys_choice(v, &site.src.name, u));
                }
            }
            CtxSel::EncDest => {
                if let Some(v) = enc(
                    site.dst_arn(),
                    site.dst.is_some_and(bucket_key_on),
                    &site.prefix(),
                ) {
                    request.context.set("kms:EncryptionContext:aws:s3:arn", v);
                }
                // S3 Bucket Keys of the destination not known statically: S3 may send either form.
                if let Some((d, u)) = site.dst.and_then(|d| Some((d, bucket_key_unknown(d)?))) {
                    alt_context = enc(site.dst_arn(), true, &site.prefix())
                        .map(|v| bucket_keys_choice(v, &d.name, u));
                }
                // A destination outside the templates: its S3 Bucket Keys setting is not known.
                if site.dst.is_none() {
                    alt_context = enc(site.dst_arn(), true, &site.prefix()).map(|v| {
                        (
                            "kms:EncryptionContext:aws:s3:arn".to_string(),
                            v,
                            format!(
                                "whether S3 Bucket Keys are on for destination {}",
                                site.dst_label()
                            ),
                        )
                    });
                }
            }
            CtxSel::S3Source => {
                request
                    .context
                    .set("aws:SourceAccount", conc.val(site.src_account()));
                request
                    .context
                    .set("aws:SourceArn", conc.val(&site.src.arn));
            }
        }
    }
    if req.resource.is_key() {
        if let Some(a) = Arn::parse(&role_arn) {
            request
                .context
                .set("kms:CallerAccount", conc.val(&a.account));
        }
        request.context.insert(
            "kms:EncryptionContextKeys",
            crate::eval::CtxValue::Many(vec![Val::known("aws:s3:arn")]),
        );
    }

    // Policies.
    let mut unproven_extra: Vec<String> = Vec::new();
    let mut refs: Vec<PolRef> = Vec::new();
    let mut list: Vec<&Policy> = Vec::new();
    let mut identity_target = None;
    let mut boundary_target = None;
    let mut external_identity = Vec::new();
    let identity_asked = req.policies.contains(&PolSel::Identity);
    let mut boundary_idx = None;
    if req.principal == PrincipalSel::Role {
        match (identity_asked, site.role) {
            (true, Some(r)) => {
                let role = model.roles.get(r)?;
                let docs = model.role_policies(r);
                identity_target = Some(match docs.first() {
                    Some(d) => Target {
                        at: Some((d.file, d.span())),
                        label: format!("{}: add the grant here", doc_label(d)),
                    },
                    None => Target {
                        at: Some((role.origin.file, role.origin.logical_id_span)),
                        label: format!(
                            "role {} has no identity policy granting it",
                            role.origin.logical_id
                        ),
                    },
                });
                for d in docs {
                    if let Some(what) = unknown_doc(d) {
                        unproven_extra.push(what);
                        refs.push(PolRef {
                            side: Side::Identity,
                            at: None,
                            label: "stand-in".into(),
                        });
                        list.push(&pols.allow_all);
                    } else if let Some(p) = pols.get(d) {
                        refs.push(PolRef {
                            side: Side::Identity,
                            at: Some((d.file, d.span())),
                            label: doc_label(d),
                        });
                        list.push(p);
                    }
                }
                external_identity = model
                    .external_managed_policies(r)
                    .iter()
                    .map(|a| display(&a.value))
                    .collect();
                // A policy whose `Roles` holds a value not known statically may be attached to the role.
                external_identity.extend(
                    model
                        .iam_policies
                        .iter()
                        .enumerate()
                        .filter(|(i, p)| {
                            !role.attached.contains(i)
                                && p.roles
                                    .iter()
                                    .any(|n| super::namesake::may_name(&n.value, &role.name))
                        })
                        .map(|(_, p)| {
                            format!(
                                "{} of stack {} (its Roles are not known statically)",
                                p.origin.logical_id, p.origin.stack
                            )
                        }),
                );
                if let Some(b) = &role.boundary {
                    let known = model.role_boundary(r).filter(|d| {
                        let what = unknown_doc(d);
                        let known = what.is_none();
                        unproven_extra.extend(what);
                        known
                    });
                    if known.is_none() && model.role_boundary(r).is_some() {
                        // Unknown boundary: a permissive stand-in, the UNPROVEN names it.
                        boundary_idx = Some(refs.len());
                        refs.push(PolRef {
                            side: Side::Boundary,
                            at: None,
                            label: "stand-in".into(),
                        });
                        list.push(&pols.allow_all);
                    } else {
                        match known.and_then(|d| pols.get(d).map(|p| (d, p))) {
                            Some((d, p)) => {
                                boundary_idx = Some(refs.len());
                                boundary_target = Some(Target {
                                    at: Some((d.file, d.span())),
                                    label: format!("permissions boundary {}", doc_label(d)),
                                });
                                refs.push(PolRef {
                                    side: Side::Boundary,
                                    at: Some((d.file, d.span())),
                                    label: doc_label(d),
                                });
                                list.push(p);
                            }
                            None => unproven_extra.push(format!(
                            "the permissions boundary {} (not defined in the analysed templates)",
                            display(&b.value)
                        )),
                        }
                    }
                }
            }
            (true, None) => {
                unproven_extra.push(format!(
                    "the identity policies of role {} (not defined in the analysed templates)",
                    display(&role_arn)
                ));
                refs.push(PolRef {
                    side: Side::Identity,
                    at: None,
                    label: "stand-in".into(),
                });
                list.push(&pols.allow_all);
            }
            (false, _) => {
                refs.push(PolRef {
                    side: Side::Identity,
                    at: None,
                    label: "stand-in".into(),
                });
                list.push(&pols.allow_all);
            }
        }
    }
    // Resource policy.
    let mut resource_idx = None;
    let resource_target: Option<Target>;
    let trust_label;
    match &res.policy {
        ResPolicy::Trust(r) => {
            let role = model.roles.get(*r)?;
            trust_label = format!("trust policy of role {}", role.origin.logical_id);
            let unknown = role.trust.as_ref().and_then(unknown_doc);
            match role
                .trust
                .as_ref()
                .filter(|_| unknown.is_none())
                .and_then(|d| pols.get(d).map(|p| (d, p)))
            {
                Some((d, p)) => {
                    resource_idx = Some(refs.len());
                    refs.push(PolRef {
                        side: Side::Resource,
                        at: Some((d.file, d.span())),
                        label: trust_label.clone(),
                    });
                    list.push(p);
                    resource_target = Some(Target {
                        at: Some((d.file, d.span())),
                        label: format!("{trust_label}: add the statement here"),
                    });
                }
                None if unknown.is_some() => {
                    unproven_extra.extend(unknown);
                    resource_idx = Some(resource_stand_in(&mut refs, &mut list, pols));
                    resource_target = None;
                }
                None => {
                    resource_target = Some(Target {
                        at: Some((role.origin.file, role.origin.logical_id_span)),
                        label: format!(
                            "role {} has no AssumeRolePolicyDocument",
                            role.origin.logical_id
                        ),
                    })
                }
            }
        }
        ResPolicy::Bucket(b) => {
            let bucket = model.buckets.get(*b)?;
            let mut unknown: Vec<String> = match model.bucket_policy(*b) {
                Some(d) => unknown_doc(d).into_iter().collect(),
                None => unknown_bucket_policies(model),
            };
            if !res.policy_needed(site, req.resource) || !req.policies.contains(&PolSel::Resource) {
                // Not needed to allow (same account): an unknown one can only deny, which
                // the known policies decide as before.
                unknown.clear();
            }
            match model
                .bucket_policy(*b)
                .filter(|_| unknown.is_empty())
                .and_then(|d| pols.get(d).map(|p| (d, p)))
            {
                Some((d, p)) => {
                    resource_idx = Some(refs.len());
                    refs.push(PolRef {
                        side: Side::Resource,
                        at: Some((d.file, d.span())),
                        label: format!("bucket policy of {}", display(&bucket.name)),
                    });
                    list.push(p);
                    resource_target = Some(Target {
                        at: Some((d.file, d.span())),
                        label: format!(
                            "bucket policy of {}: add the statement here",
                            display(&bucket.name)
                        ),
                    });
                }
                None if !unknown.is_empty() => {
                    unproven_extra.extend(unknown);
                    resource_idx = Some(resource_stand_in(&mut refs, &mut list, pols));
                    resource_target = None;
                }
                None => {
                    resource_target = Some(Target {
                        at: Some((bucket.origin.file, bucket.origin.logical_id_span)),
                        label: format!(
                            "bucket {} has no bucket policy (add an AWS::S3::BucketPolicy)",
                            bucket.origin.logical_id
                        ),
                    })
                }
            }
        }
        ResPolicy::Key(k) => {
            let key = model.keys.get(*k)?;
            if let Some(what) = key.policy.as_ref().and_then(unknown_doc) {
                unproven_extra.push(what);
                resource_idx = Some(resource_stand_in(&mut refs, &mut list, pols));
                resource_target = None;
            } else {
                let (p, at) = match key
                    .policy
                    .as_ref()
                    .and_then(|d| pols.get(d).map(|p| (d, p)))
                {
                    Some((d, p)) => (p, (d.file, d.span())),
                    None => match key_policies.get(k) {
                        Some(p) => (p, (key.origin.file, key.origin.logical_id_span)),
                        None => return None,
                    },
                };
                resource_idx = Some(refs.len());
                refs.push(PolRef {
                    side: Side::Resource,
                    at: Some(at),
                    label: format!("key policy of {}", key.origin.logical_id),
                });
                list.push(p);
                resource_target = Some(Target {
                    at: Some(at),
                    label: format!(
                        "key policy of {} (account {}): add the statement here",
                        key.origin.logical_id,
                        display(&key.origin.account)
                    ),
                });
            }
        }
        ResPolicy::External(what) => {
            // Same account and not a key: the resource policy is not needed to allow.
            let needed = res.policy_needed(site, req.resource);
            if needed && req.policies.contains(&PolSel::Resource) {
                unproven_extra.push(what.clone());
            }
            resource_idx = Some(resource_stand_in(&mut refs, &mut list, pols));
            resource_target = None;
        }
    }
    let names = (0..refs.len()).map(|i| i.to_string()).collect();
    let org = env.org.levels(
        site,
        req,
        role_account.as_deref(),
        &res,
        env.cfg,
        &mut request,
    );
    let org_names = (0..org.len()).map(|i| format!("org:{i}")).collect();
    Some(Built {
        request,
        res,
        role_arn,
        unproven_extra,
        alt_context,
        asm: Assembled {
            refs,
            pols: list,
            names,
            resource_idx,
            boundary_idx,
            identity_target,
            resource_target,
            boundary_target,
            external_identity,
            org,
            org_names,
        },
    })
}

/// The other encryption-context value (the bucket ARN S3 sends with Bucket Keys on) when whether they
/// are on is the value `unknown` trustlint cannot know.
fn bucket_keys_choice(v: Val, bucket: &str, unknown: &str) -> (String, Val, String) {
    (
        "kms:EncryptionContext:aws:s3:arn".to_string(),
        v,
        format!(
            "whether S3 Bucket Keys are on for bucket {} ({})",
            display(bucket),
            display(unknown)
        ),
    )
}

/// The resource-side stand-in (a policy that allows everything, so only the other side decides) for a
/// resource policy not known statically; its index among the request's policies.
fn resource_stand_in<'p>(
    refs: &mut Vec<PolRef>,
    list: &mut Vec<&'p Policy>,
    pols: &'p super::Policies,
) -> usize {
    let i = refs.len();
    refs.push(PolRef {
        side: Side::Resource,
        at: None,
        label: "stand-in".into(),
    });
    list.push(&pols.allow_all_resource);
    i
}
