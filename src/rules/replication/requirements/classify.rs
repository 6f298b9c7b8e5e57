//! The engine's answer to each request of a requirement → outcome groups: allowed (nothing), depends
//! (UNPROVEN naming the unknowns), an explicit Deny (the deny rule of the side that denies), an implicit
//! deny ([`super::refinement`] names the specific rule), and the organization's answer
//! ([`super::org_levels`]: ROLE-SCP, KMS-RCP-PERIMETER).

use super::org_levels;
use super::outcomes::{Acc, Group, Help, Wording};
use super::refinement::implicit;
use super::requests::{build, Built, Side};
use super::resources::{anchor, feature, region_for};
use super::table::{meta, PrincipalSel, Requirement, ResForm};
use super::Env;
use crate::eval::{
    evaluate, Decision, EvalError, PolicyRole, PolicySet, Request, Subject, Unknown, Verdict,
};
use crate::model::symbolic::display;
use crate::rules::replication::common::Site;
use crate::rules::replication::role_explicit_deny::META as ROLE_EXPLICIT_DENY;
use crate::rules::{RuleMeta, Severity};

/// Evaluates every action of requirement `req` at `site` and adds what fails to `acc`.
pub(super) fn check_requirement(site: &Site, req: &Requirement, env: &Env, acc: &mut Acc) {
    let Some(Built {
        mut request,
        res,
        role_arn,
        unproven_extra,
        asm,
        alt_context,
    }) = build(site, req, env)
    else {
        return;
    };
    let set = asm.set(false);
    // The request's full policy set, with the organization levels (when any apply).
    let full = (!asm.org.is_empty()).then(|| asm.set(true));
    let span = anchor(site, req.anchor);
    let mut base_sev = req.severity.0;
    if req.error_when.is_some_and(|f| feature(site, f)) {
        base_sev = Severity::Error;
    }
    let region = region_for(site, req.resource);
    let principal_label = match req.principal {
        PrincipalSel::Role => display(&role_arn),
        PrincipalSel::S3Service => "s3.amazonaws.com".to_string(),
    };
    let mk =
        |meta: &'static RuleMeta, sev: Severity, action: &str, reason: String, help: Help| Group {
            meta,
            severity: sev.min(meta.severity),
            file: site.file(),
            span,
            resource_name: site.src.origin.logical_id.clone(),
            actions: vec![action.to_string()],
            requirement: req.name.clone(),
            failure: req.failure.clone(),
            reason,
            related: Vec::new(),
            help,
            wording: Wording::Requirement,
            principal: display(&role_arn),
            res: res.label.clone(),
            resources: vec![res.label.clone()],
            key: req.resource.is_key(),
            region: region.clone(),
            partition: site.src.origin.partition.clone(),
        };

    if !unproven_extra.is_empty() {
        let reason = format!("it depends on {}", unproven_extra.join(" and "));
        for a in &req.actions {
            let g = mk(&crate::rules::unproven::META, base_sev.min(Severity::Warning), a, reason.clone(), Help::Text(
                "add the missing templates to the analysed paths, or pin the resource with Metadata.trustlint".into(),
            ));
            acc.add(site.b, format!("extra:{}", unproven_extra.join("|")), g);
        }
    }

    for action in &req.actions {
        request.action = action.clone();
        let d = match &full {
            Some(full) => {
                let Ok(d) = both(&request, full, alt_context.as_ref()) else {
                    continue;
                };
                let answers = org_levels::answers(&asm, &d);
                if answers.is_empty() {
                    // No organization policy denies: the answer is the identity and resource policies'.
                    d
                } else {
                    org_levels::add_outcomes(
                        site, req, &asm, &answers, action, &role_arn, &res, env.cfg, acc,
                    );
                    // What the role's own policies say, past the organization's Deny: a missing grant
                    // is a defect of its own.
                    let Ok(d) = both(&request, &set, alt_context.as_ref()) else {
                        continue;
                    };
                    d
                }
            }
            None => {
                let Ok(d) = both(&request, &set, alt_context.as_ref()) else {
                    continue;
                };
                d
            }
        };
        match &d.verdict {
            Verdict::Allowed => {}
            Verdict::Depends(u) => {
                let labels = unknown_labels(u);
                let mut g = mk(
                    &crate::rules::unproven::META,
                    base_sev.min(Severity::Warning),
                    action,
                    format!("it depends on {labels}"),
                    Help::Text("bind the template to an account and region (Metadata.trustlint or trustlint.toml [[stack]]) or give the parameter a value".into()),
                );
                g.principal = principal_label.clone();
                acc.add(site.b, format!("dep:{labels}"), g);
            }
            Verdict::ExplicitlyDenied => {
                let deny = d.deciding.iter().find_map(|r| {
                    let pol = d.policies.get(r.policy)?;
                    let pr = asm.refs.get(pol.name.parse::<usize>().ok()?)?;
                    let st = d
                        .statements
                        .iter()
                        .find(|s| s.policy == r.policy && s.index == r.index)?;
                    Some((pr, st.span, st.sid.clone(), st.index, pol.role))
                });
                let Some((pr, st_span, sid, idx, role)) = deny else {
                    continue;
                };
                let resource_side = pr.side == Side::Resource || role == PolicyRole::Resource;
                let id = if resource_side {
                    req.ids.resource_deny
                } else {
                    req.ids.identity_deny.or(Some(ROLE_EXPLICIT_DENY.id))
                };
                let Some(meta) = id.and_then(meta) else {
                    continue;
                };
                let mut sev = base_sev;
                if resource_side {
                    if let Some(s) = &req.resource_deny_severity {
                        sev = sev.min(s.0);
                    }
                }
                let which = sid.map_or_else(
                    || format!("statement #{idx}"),
                    |s| format!("statement \"{s}\""),
                );
                let mut g = mk(
                    meta,
                    sev,
                    action,
                    format!("{which} of the {} explicitly denies it", pr.label),
                    if req.resource == ResForm::Role {
                        Help::Trust
                    } else {
                        Help::Deny
                    },
                );
                g.principal = principal_label.clone();
                if let Some((f, _)) = pr.at {
                    g.related.push((
                        f,
                        st_span,
                        "this Deny matches the replication request".into(),
                    ));
                }
                acc.add(site.b, format!("deny:{}", st_span.start), g);
            }
            Verdict::ImplicitlyDenied => {
                implicit(
                    site,
                    req,
                    &request,
                    &set,
                    &d,
                    &asm,
                    base_sev,
                    action,
                    &mk,
                    &principal_label,
                    acc,
                );
            }
        }
    }
}

/// The decision for a request whose context key may hold either of two values (`alt`: the key, the
/// other value, what the choice depends on): allowed or denied when both are, else depending on the
/// choice. Denied both ways, the first value's reasons explain it.
fn both(
    request: &Request,
    set: &PolicySet,
    alt: Option<&(String, crate::eval::Val, String)>,
) -> Result<Decision, EvalError> {
    let mut d = evaluate(request, set)?;
    let Some((key, value, why)) = alt else {
        return Ok(d);
    };
    let mut other = request.clone();
    other.context.set(key, value.clone());
    let o = evaluate(&other, set)?;
    let choice = Unknown::new(Subject::ContextKey(key.clone()), why.clone());
    d.verdict = match (&d.verdict, o.verdict) {
        (Verdict::Allowed, Verdict::Allowed) => Verdict::Allowed,
        (Verdict::ImplicitlyDenied, Verdict::ImplicitlyDenied) => Verdict::ImplicitlyDenied,
        (Verdict::ExplicitlyDenied, Verdict::ExplicitlyDenied) => Verdict::ExplicitlyDenied,
        (Verdict::Depends(a), Verdict::Depends(b)) => {
            let mut u = a.clone();
            u.extend(b.into_iter().filter(|x| !a.contains(x)));
            Verdict::Depends(u)
        }
        (Verdict::Depends(a), _) => Verdict::Depends(a.clone()),
        (_, Verdict::Depends(b)) => Verdict::Depends(b),
        _ => Verdict::Depends(vec![choice]),
    };
    Ok(d)
}

pub(super) fn unknown_labels(u: &[Unknown]) -> String {
    let mut v: Vec<String> = u
        .iter()
        .map(|u| {
            let what = match &u.subject {
                Subject::Principal => "the principal",
                Subject::PrincipalAccount => "the principal's account",
                Subject::Resource => "the resource",
                Subject::ResourceAccount => "the resource's account",
                Subject::ContextKey(_) => "the context key",
                Subject::PolicyValue => "the policy value",
            };
            let key = match &u.subject {
                Subject::ContextKey(k) => format!(" {k}"),
                _ => String::new(),
            };
            format!(
                "{what}{key} ‹{}›",
                display(&u.label).trim_matches(['‹', '›'])
            )
        })
        .collect();
    v.sort();
    v.dedup();
    v.join(", ")
}
