//! KMS-OPTIN-REGION: a key in an opt-in Region grants a principal of another account (e.g. the replication
//! role of the source account) that has not enabled that Region: the principal's permissions in the key
//! policy are not effective. Whether an account enabled a Region comes from the same facts BKT-OPTIN-REGION
//! and XREG-OPTIN use (`[accounts."<id>"] enabled-regions`, and the Regions the account's templates are
//! deployed to); when neither says, the requirement is UNPROVEN.

use super::key_principals::principal_account;
use super::topology::{enabled, OPT_IN_REGIONS};
use super::Ctx;
use crate::model::arn::is_account_id;
use crate::model::symbolic::has_symbol;
use crate::model::{Effect, PrincipalKind, PrincipalValue};
use crate::rule_meta;
use crate::rules::unproven::META as UNPROVEN;
use crate::rules::{Finding, RuleMeta};
use std::collections::HashSet;

pub const META: RuleMeta = rule_meta!(
    KmsOptinRegion, "KMS-OPTIN-REGION",
    Error,
    "Key in an opt-in Region grants an account that has not enabled the Region"
);

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for key in &ctx.graph.model.keys {
        let Some(doc) = &key.policy else { continue };
        let own = key.origin.account.as_str();
        let Some(region) = key.origin.region.as_deref().filter(|r| !has_symbol(r)) else {
            continue;
        };
        if !OPT_IN_REGIONS.contains(&region) {
            continue;
        }
        let mut seen = HashSet::new();
        for st in &doc.policy.statements {
            if st.effect.as_ref().map(|e| e.value) != Some(Effect::Allow) {
                continue;
            }
            let Some(p) = &st.principal else { continue };
            let PrincipalValue::Map(entries) = &p.value else {
                continue;
            };
            for v in entries
                .iter()
                .filter(|e| e.kind == PrincipalKind::Aws)
                .flat_map(|e| e.values.iter())
            {
                let Some(acct) = principal_account(&v.value) else {
                    continue;
                };
                if acct == own || !is_account_id(acct) || !seen.insert(acct.to_string()) {
                    continue;
                }
                let name = &key.origin.logical_id;
                let finding = match enabled(ctx, acct, region) {
                    Some(true) => continue,
                    Some(false) => Finding::new(
                        META.id,
                        META.severity,
                        doc.file,
                        v.span,
                        format!(
                            "{name} is in the opt-in Region {region}, and account {acct} has not enabled it \
                             (trustlint.toml [accounts.\"{acct}\"] enabled-regions): the key policy's \
                             permissions for {} are not effective",
                            v.value
                        ),
                    )
                    .label("account without this Region")
                    .help(format!(
                        "enable {region} for account {acct} (Account settings → AWS Regions, or `aws account \
                         enable-region --account-id {acct} --region-name {region}`), then list it in \
                         enabled-regions"
                    )),
                    None => Finding::new(
                        UNPROVEN.id,
                        UNPROVEN.severity,
                        doc.file,
                        v.span,
                        format!(
                            "cannot prove that account {acct} has enabled the opt-in Region {region} of \
                             {name}; the key policy's permissions for {} need it ({} when it has not)",
                            v.value, META.id
                        ),
                    )
                    .help(format!(
                        "state it in trustlint.toml: [accounts.\"{acct}\"] enabled-regions = [\"{region}\"]"
                    )),
                };
                out.push(finding.resource(Some(name.clone())));
            }
        }
    }
}
