//! DSTPOL-PRINCIPAL-WILDCARD — destination bucket policy names the replication role with a partial wildcard.

use crate::eval::wildcard::{has_wildcard, matches};
use crate::model::arn::Arn;
use crate::model::symbolic::has_symbol;
use crate::model::{PolicyDoc, PrincipalKind};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use super::Ctx;
use super::common::{destination_policies, Site};

pub const META: RuleMeta = rule_meta!(DstpolPrincipalWildcard, "DSTPOL-PRINCIPAL-WILDCARD", Error, "Destination bucket policy names the replication role with a partial wildcard");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for (s, _, doc) in destination_policies(cx.sites(), &cx.graph.model) {
        principal_wildcard(s, doc, out);
    }
}

/// A `Principal.AWS` value with a partial wildcard that would match the replication role's ARN: the
/// author meant the role, but IAM never expands wildcards in principals, so nothing is granted.
fn principal_wildcard(s: &Site, doc: &PolicyDoc, out: &mut Vec<Finding>) {
    let Some(role) = s.role_arn().filter(|r| !has_symbol(r)) else {
        return;
    };
    let Some(role_arn) = Arn::parse(&role) else {
        return;
    };
    let name = role_arn.resource.rsplit('/').next().unwrap_or("");
    for st in &doc.policy.statements {
        let Some(p) = &st.principal else { continue };
        for (k, v) in p.entries() {
            if k != PrincipalKind::Aws || v.value == "*" || !has_wildcard(&v.value) {
                continue;
            }
            if !matches(&v.value, &role) {
                continue;
            }
            out.push(
                Finding::new(META.id, META.severity, doc.file, v.span, format!(
                    "principal `{}` is meant to match the replication role {role}, but a wildcard cannot match part of a principal ARN: this statement grants nothing to the role",
                    v.value
                ))
                .related(s.file(), s.role_span(), "replication role")
                .help(format!(
                    "name the role exactly (\"AWS\": \"{role}\"), or use \"Principal\": {{\"AWS\": \"*\"}} with \"Condition\": {{\"ArnLike\": {{\"aws:PrincipalArn\": \"{}\"}}}} (keep a role-name pattern such as `{name}`)",
                    v.value
                )),
            );
        }
    }
}
