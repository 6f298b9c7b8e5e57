//! Refinement: which rule a missing grant is. The table names a default id per side (identity,
//! boundary, resource; same or cross account); the statements that nearly granted the request say
//! which more specific rule applies — a KMS or trust condition with the wrong value, an identity grant on
//! the wrong resource form or prefix, a bucket policy naming the role with another path, the
//! non-replication variant of an action, or no bucket policy at all.

use super::outcomes::{Acc, Group, Help};
use super::requests::{Assembled, Side, Target};
use super::resources::{feature, SAMPLE_KEY};
use super::stand_ins::Conc;
use super::table::{meta, PrincipalSel, Requirement, ResForm};
use crate::eval::missing_text::{missing_text, Nouns};
use crate::eval::{
    evaluate, Applies, Decision, Miss, Missing, PolicyRole, PolicySet, Request, Tri, Verdict,
};
use crate::model::arn::Arn;
use crate::model::symbolic::display;
use crate::rules::replication::common::Site;
use crate::rules::replication::dstpol_missing::META as DSTPOL_MISSING;
use crate::rules::replication::dstpol_principal_path::META as DSTPOL_PRINCIPAL_PATH;
use crate::rules::replication::role_boundary::META as ROLE_BOUNDARY;
use crate::rules::replication::role_kms_encctx::META as ROLE_KMS_ENCCTX;
use crate::rules::replication::role_kms_viaservice::META as ROLE_KMS_VIASERVICE;
use crate::rules::replication::role_prefix_scope::META as ROLE_PREFIX_SCOPE;
use crate::rules::replication::role_resource_form::META as ROLE_RESOURCE_FORM;
use crate::rules::replication::role_trust_conditions::META as ROLE_TRUST_CONDITIONS;
use crate::rules::replication::xreg_viaservice::META as XREG_VIASERVICE;
use crate::rules::{RuleMeta, Severity};
use crate::source::{FileId, Span};

#[expect(
    clippy::too_many_arguments,
    reason = "the request, its policy set, the decision and how to make a group: one call site"
)]
pub(super) fn implicit(
    site: &Site,
    req: &Requirement,
    request: &Request,
    set: &PolicySet,
    d: &Decision,
    asm: &Assembled,
    base_sev: Severity,
    action: &str,
    mk: &dyn Fn(&'static RuleMeta, Severity, &str, String, Help) -> Group,
    principal_label: &str,
    acc: &mut Acc,
) {
    let xacct = d.same_account == Tri::False;
    let mut missing: Vec<&Missing> = d.missing.iter().collect();
    if missing.is_empty() {
        missing.push(&Missing::NoAllow);
    }
    let res_label = |_: &Decision| -> String {
        asm.refs
            .iter()
            .find(|r| r.side == Side::Resource)
            .map_or("resource policy".into(), |r| r.label.clone())
    };
    for m in missing {
        // SCP and RCP levels are the organization's answer (`org_levels`), not a missing grant here.
        let Some(side) = side_of(m) else {
            continue;
        };
        // An identity grant may come from a managed policy trustlint cannot see.
        if side == Side::Identity && !asm.external_identity.is_empty() {
            let labels = asm.external_identity.join(", ");
            let g = mk(
                &crate::rules::unproven::META,
                base_sev.min(Severity::Warning),
                action,
                format!("no analysed identity policy of the role allows it; it depends on the managed policies {labels} (not defined in the analysed templates)"),
                Help::Text("add the managed policy's document to the analysed templates, or grant the action in an analysed policy".into()),
            );
            acc.add(site.b, format!("ext:{labels}"), g);
            continue;
        }
        let reason = missing_text(
            m,
            &Nouns {
                who: "the role",
                whose: "the role's",
                it: "it",
                principal: principal_label,
                action,
                resource_policy: &res_label(d),
                resource: "the bucket",
                policy_kind: "bucket policy",
            },
        );
        let role_of = |s: Side| match s {
            Side::Identity => PolicyRole::Identity,
            Side::Boundary => PolicyRole::Boundary,
            Side::Resource => PolicyRole::Resource,
        };
        // Statements of that side that matched the action but missed on a condition or the resource.
        let near: Vec<(&crate::eval::StatementReason, Span)> = d
            .statements
            .iter()
            // An unknown effect that may be Allow explains a miss as well as an Allow does.
            .filter(|s| s.effect.is_some_and(crate::model::Effect::may_allow))
            .filter(|s| {
                d.policies
                    .get(s.policy)
                    .is_some_and(|p| p.role == role_of(side))
            })
            .map(|s| (s, s.span))
            .collect();
        // A statement that only may list the action (an action not known statically) is a near-miss
        // only maybe: the definite ones and the definite refinements (4., no bucket policy) come first,
        // and a refinement from a maybe one is `UNPROVEN`.
        let (sure, maybe): (Vec<_>, Vec<_>) = near.into_iter().partition(|(s, _)| {
            statement_of(asm, d, s).is_none_or(|st| {
                use crate::eval::statement::{action_matches, resource_matches};
                // A miss on the resource is the near-miss itself; past it, the resource must match.
                let resource_ok = s.applies == Applies::No(Miss::Resource)
                    || resource_matches(st, &request.resource, &request.context, true).is_true();
                action_matches(st, action).is_true() && resource_ok
            })
        });
        let at_of = |s: &crate::eval::StatementReason| -> Option<FileId> {
            let name = &d.policies.get(s.policy)?.name;
            asm.refs.get(name.parse::<usize>().ok()?)?.at.map(|a| a.0)
        };
        let near_miss = |near: &[(&crate::eval::StatementReason, Span)]| -> Option<Refined> {
            let mut refined: Option<Refined> = None;
            // 1. A condition on the key S3 sends, with the wrong value.
            for (s, sp) in near.iter() {
                let Applies::No(Miss::Condition { key, .. }) = &s.applies else {
                    continue;
                };
                let k = key.to_ascii_lowercase();
                let file = at_of(s);
                let kind = condition_key(&k);
                if kind == Some(CondKey::ViaService) {
                    let cross_region = match (site.src_region(), site.dst_region()) {
                        (Some(a), Some(b)) => a != b,
                        _ => false,
                    };
                    let meta: &'static RuleMeta = if cross_region {
                        &XREG_VIASERVICE
                    } else {
                        &ROLE_KMS_VIASERVICE
                    };
                    let want = request
                        .context
                        .get("kms:ViaService")
                        .and_then(|v| {
                            v.values()
                                .first()
                                .and_then(|v| v.as_known().map(str::to_string))
                        })
                        .unwrap_or_default();
                    refined = Some((meta, format!("the kms:ViaService condition does not admit {want}: S3 calls KMS for {} from the region of the {} bucket", action, if req.resource == ResForm::SourceKey { "source" } else { "destination" }),
                        Help::Condition(format!("set \"kms:ViaService\": \"{want}\" in this statement's condition{}", if cross_region { " (cross-region replication: the source key is used via the source region's S3, the replica key via the destination region's S3)" } else { "" })),
                        file.map(|f| (f, *sp)), base_sev));
                    break;
                }
                if kind == Some(CondKey::EncryptionContext) {
                    let bucket_arn = if req.resource == ResForm::SourceKey {
                        Some(site.src.arn.clone())
                    } else {
                        site.dst_arn()
                    };
                    let b = bucket_arn.map(|b| display(&b)).unwrap_or_default();
                    refined = Some((&ROLE_KMS_ENCCTX, format!("the condition on {key} does not match the encryption context S3 sends (the object ARN, or the bucket ARN when S3 Bucket Keys are on)"),
                        Help::Condition(format!("use \"kms:EncryptionContext:aws:s3:arn\" with both forms: [\"{b}/*\", \"{b}\"]")),
                        file.map(|f| (f, *sp)), base_sev));
                    break;
                }
                if kind == Some(CondKey::TrustSource) && req.resource == ResForm::Role {
                    refined = Some((&ROLE_TRUST_CONDITIONS, format!("the trust statement's {key} condition does not match the source bucket {} in account {}", display(&site.src.arn), display(site.src_account())),
                        Help::Condition(format!("make {key} match {}, or drop the condition", if k == "aws:sourceaccount" { display(site.src_account()) } else { display(&site.src.arn) })),
                        file.map(|f| (f, *sp)), Severity::Warning));
                    break;
                }
            }
            // 2. Identity statements on the wrong resource form or prefix.
            if refined.is_none()
                && side == Side::Identity
                && !req.resource.is_key()
                && req.resource != ResForm::Role
            {
                let bucket_arn = match req.resource {
                    ResForm::SourceBucket | ResForm::SourceObjects => Some(site.src.arn.clone()),
                    _ => site.dst_arn(),
                };
                if let Some(barn) = bucket_arn {
                    let objects =
                        matches!(req.resource, ResForm::SourceObjects | ResForm::DestObjects);
                    for (s, sp) in near.iter() {
                        if s.applies != Applies::No(Miss::Resource) {
                            continue;
                        }
                        let Some(st) = statement_of(asm, d, s) else {
                            continue;
                        };
                        let items: Vec<&str> = st
                            .resource
                            .as_ref()
                            .map(|r| r.items.iter().map(|i| i.value.as_str()).collect())
                            .unwrap_or_default();
                        let other = if objects {
                            barn.clone()
                        } else {
                            format!("{barn}/{SAMPLE_KEY}")
                        };
                        let conc_other = Conc::empty().text(&other);
                        if items
                            .iter()
                            .any(|i| crate::eval::wildcard::matches(i, &conc_other))
                        {
                            refined = Some((
                                &ROLE_RESOURCE_FORM,
                                format!(
                                    "{action} is granted on {} but it applies to {}",
                                    if objects {
                                        "the bucket ARN"
                                    } else {
                                        "object ARNs"
                                    },
                                    if objects {
                                        "objects (bucket/*)"
                                    } else {
                                        "the bucket ARN itself"
                                    }
                                ),
                                Help::Identity { boundary: false },
                                at_of(s).map(|f| (f, *sp)),
                                base_sev,
                            ));
                            break;
                        }
                        let conc_b = Conc::empty().text(&barn);
                        if objects
                            && items
                                .iter()
                                .any(|i| i.starts_with(&format!("{conc_b}/")) && i.ends_with('*'))
                        {
                            refined = Some((&ROLE_PREFIX_SCOPE, format!("{action} is granted only under a prefix that does not cover the rule's prefix \"{}\"", site.prefix()), Help::Identity { boundary: false }, at_of(s).map(|f| (f, *sp)), base_sev));
                            break;
                        }
                    }
                }
            }
            // 3. Bucket policy naming the role with another path.
            if refined.is_none()
                && side == Side::Resource
                && matches!(
                    req.resource,
                    ResForm::DestBucket
                        | ResForm::DestObjects
                        | ResForm::SourceBucket
                        | ResForm::SourceObjects
                )
            {
                if let Some(role) = Arn::parse(&site.role_arn().unwrap_or_default()) {
                    let name = role
                        .resource
                        .rsplit('/')
                        .next()
                        .unwrap_or_default()
                        .to_string();
                    for (s, sp) in near.iter() {
                        if s.applies != Applies::No(Miss::Principal) {
                            continue;
                        }
                        let Some(st) = statement_of(asm, d, s) else {
                            continue;
                        };
                        let hit = st
                            .principal
                            .as_ref()
                            .map(|p| p.entries())
                            .unwrap_or_default()
                            .into_iter()
                            .find_map(|(_, v)| {
                                let a = Arn::parse(&v.value)?;
                                (a.service == "iam"
                                    && a.account == role.account
                                    && a.resource.starts_with("role/")
                                    && a.resource.rsplit('/').next() == Some(name.as_str())
                                    && a.resource != role.resource)
                                    .then(|| v.value.clone())
                            });
                        if let Some(written) = hit {
                            refined = Some((
                                &DSTPOL_PRINCIPAL_PATH,
                                format!(
                                    "the bucket policy names {} but the role is {} (paths differ)",
                                    display(&written),
                                    principal_label
                                ),
                                Help::Text(format!(
                                    "use the role ARN with its path: \"{principal_label}\""
                                )),
                                at_of(s).map(|f| (f, *sp)),
                                base_sev,
                            ));
                            break;
                        }
                    }
                }
            }
            refined
        };
        let mut refined = near_miss(&sure);
        // 4. s3:GetObjectVersion granted instead of s3:GetObjectVersionForReplication (when that grant
        // depends on unknowns: `UNPROVEN`, after the other refinements).
        let mut maybe_alt: Option<(String, Refined)> = None;
        if refined.is_none() && side == Side::Identity {
            if let Some(alt) = req.alternative.as_ref().filter(|a| a.instead_of == action) {
                let mut r2 = request.clone();
                r2.action = alt.action.clone();
                let alt_verdict = evaluate(&r2, set).map(|x| x.verdict);
                if let (Ok(Verdict::Allowed | Verdict::Depends(_)), Some(m)) =
                    (&alt_verdict, meta(alt.id))
                {
                    let s = if alt.error_when.is_some_and(|f| feature(site, f)) {
                        Severity::Error
                    } else {
                        alt.severity.0
                    };
                    let r: Refined = (m, format!("the role grants {} but not {action}: SSE-KMS objects are not replicated", alt.action), Help::Identity { boundary: false }, None, s);
                    match alt_verdict {
                        Ok(Verdict::Depends(u)) => {
                            maybe_alt = Some((super::classify::unknown_labels(&u), r))
                        }
                        _ => refined = Some(r),
                    }
                }
            }
        }
        // No bucket policy at all on a cross-account destination: one finding for everything it lacks.
        if refined.is_none()
            && matches!(
                m,
                Missing::ResourceAllow {
                    has_policy: false,
                    ..
                }
            )
            && matches!(req.resource, ResForm::DestBucket | ResForm::DestObjects)
        {
            refined = Some((
                &DSTPOL_MISSING,
                reason.clone(),
                Help::ResourcePolicy { key: false },
                None,
                base_sev,
            ));
        }
        if refined.is_none() {
            refined = near_miss(&maybe).map(|(_, why, _, rel, sev)| {
                (
                    &crate::rules::unproven::META,
                    format!("it depends on the actions of a statement, not known statically: if it lists {action}, {why}"),
                    Help::Text("give the statement's actions a known value".into()),
                    rel,
                    sev.min(Severity::Warning),
                )
            });
        }
        if refined.is_none() {
            refined = maybe_alt.map(|(labels, (_, why, _, rel, sev))| {
                (
                    &crate::rules::unproven::META,
                    format!("it depends on {labels}: if the role's grant holds, {why}"),
                    Help::Text("give the policy's values a known value".into()),
                    rel,
                    sev.min(Severity::Warning),
                )
            });
        }
        let (meta, reason, help, rel, sev) = match refined {
            Some(r) => r,
            None => {
                let id = match side {
                    Side::Identity => {
                        if xacct {
                            req.ids.identity_xacct.or(req.ids.identity)
                        } else {
                            req.ids.identity
                        }
                    }
                    Side::Boundary => req.ids.boundary.or(Some(ROLE_BOUNDARY.id)),
                    Side::Resource => {
                        if xacct {
                            req.ids.resource_xacct.or(req.ids.resource)
                        } else {
                            req.ids.resource
                        }
                    }
                };
                let Some(meta) = id.and_then(meta) else {
                    continue;
                };
                let help = match (side, req.resource) {
                    (_, ResForm::Role) => Help::Trust,
                    (Side::Identity, _) => Help::Identity { boundary: false },
                    (Side::Boundary, _) => Help::Identity { boundary: true },
                    (Side::Resource, f) => Help::ResourcePolicy { key: f.is_key() },
                };
                (meta, reason, help, None, base_sev)
            }
        };
        let mut g = mk(meta, sev, action, reason, help);
        g.principal = principal_label.to_string();
        if req.principal == PrincipalSel::S3Service {
            g.principal = "s3.amazonaws.com".into();
        }
        if matches!(
            g.help,
            Help::ResourcePolicy { .. } | Help::Identity { .. } | Help::Deny
        ) {
            g.principal = site.role_arn().map(|r| display(&r)).unwrap_or_default();
        }
        match rel {
            Some((f, sp)) => g.related.push((
                f,
                sp,
                "this statement would grant it, but does not match".into(),
            )),
            None => {
                let t = match side {
                    Side::Identity => &asm.identity_target,
                    Side::Boundary => &asm.boundary_target,
                    Side::Resource => &asm.resource_target,
                };
                if let Some(Target {
                    at: Some((f, sp)),
                    label,
                }) = t
                {
                    g.related.push((*f, *sp, label.clone()));
                }
            }
        }
        let side_key = if g.meta.id == DSTPOL_MISSING.id
            && matches!(
                m,
                Missing::ResourceAllow {
                    has_policy: false,
                    ..
                }
            ) {
            "no-bucket-policy".to_string()
        } else {
            format!("{side:?}:{}", g.res)
        };
        acc.add(site.b, side_key, g);
    }
}

/// The side whose policy lacks the grant `m` (`None`: an SCP or RCP level).
fn side_of(m: &Missing) -> Option<Side> {
    Some(match m {
        Missing::NoAllow
        | Missing::IdentityAllow { .. }
        | Missing::KeyIdentityAllow { .. }
        | Missing::TrustIdentityAllow => Side::Identity,
        Missing::BoundaryAllow | Missing::SessionAllow => Side::Boundary,
        Missing::ResourceAllow { .. }
        | Missing::KeyPolicyGrant { .. }
        | Missing::KeyPolicyAbsent
        | Missing::TrustPolicyGrant { .. }
        | Missing::ServiceResourceAllow => Side::Resource,
        Missing::ScpLevel { .. } | Missing::RcpLevel { .. } => return None,
    })
}

/// The condition keys S3 sets on its replication requests whose wrong value has a rule of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CondKey {
    /// `kms:ViaService`: ROLE-KMS-VIASERVICE, or XREG-VIASERVICE across Regions.
    ViaService,
    /// `kms:EncryptionContext:…`: ROLE-KMS-ENCCTX.
    EncryptionContext,
    /// `aws:SourceAccount` / `aws:SourceArn` in the role's trust policy: ROLE-TRUST-CONDITIONS.
    TrustSource,
}

/// Lowercased condition key (a trailing `:` matches every key under it) → its refinement.
const CONDITION_KEYS: &[(&str, CondKey)] = &[
    ("kms:viaservice", CondKey::ViaService),
    ("kms:encryptioncontext:", CondKey::EncryptionContext),
    ("aws:sourceaccount", CondKey::TrustSource),
    ("aws:sourcearn", CondKey::TrustSource),
];

pub(super) fn condition_key(lowercased: &str) -> Option<CondKey> {
    CONDITION_KEYS
        .iter()
        .find(|(k, _)| {
            if k.ends_with(':') {
                lowercased.starts_with(k)
            } else {
                lowercased == *k
            }
        })
        .map(|(_, c)| *c)
}

/// A more specific rule for a failure: (rule, reason, help, statement to label, severity).
type Refined = (
    &'static RuleMeta,
    String,
    Help,
    Option<(FileId, Span)>,
    Severity,
);

/// The AST statement behind a statement reason.
fn statement_of<'a>(
    asm: &'a Assembled,
    d: &Decision,
    s: &crate::eval::StatementReason,
) -> Option<&'a crate::model::Statement> {
    let name = &d.policies.get(s.policy)?.name;
    let i = name.parse::<usize>().ok()?;
    asm.pols
        .get(i)?
        .statements
        .iter()
        .find(|st| st.index == s.index)
}
