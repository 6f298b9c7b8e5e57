//! The organization policies (SCPs, RCPs) of the model prepared for evaluation, and whether one applies
//! to an account; the requirements checker adds them to its requests as the SCP and RCP levels.

use super::requirements::Conc;
use crate::model::org::OrgPolicy;
use crate::model::policy::parse_policy;
use crate::model::symbolic::has_symbol;
use crate::model::Policy;

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
