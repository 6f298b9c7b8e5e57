//! The generic requirements checker: `rules/replication-requirements.toml` says what live replication
//! needs (principal, action, resource form, context, policies, rule id, severity); this module turns every
//! (enabled replication rule × applicable requirement × action) into a concrete engine [`Request`] and
//! evaluates it against every applicable policy — identity, boundary, resource, and the organization's
//! SCPs (of the role's account) and RCPs (of the key owner's account). The rule id of a failure follows
//! from the decision's structured reasons — which policy lacks the grant, which statement denies, which
//! SCP or RCP denies — so one defect gives one finding; answers that depend on unknown values become
//! `UNPROVEN`.
//!
//! Symbols: values CloudFormation generates for a resource (`‹BucketName of SourceBucket in stack s›`) are
//! unique to that resource, so two occurrences of the same one are the same value. Before evaluation every
//! such symbol — in the request and in every policy — is replaced by one stand-in token per label (a
//! pinned key id when the template pins it), so `${SourceBucket.Arn}/*` matches the bucket's objects.
//! Other symbols (parameters without default, unbound accounts and regions) stay unknown.
//!
//! Modules, in the order a requirement flows through them: [`table`] (the TOML's types), [`stand_ins`]
//! (symbols → stand-ins, the model's policies ready for the engine), [`resources`] (what a requirement's
//! resource, features and anchor are for one site), [`requests`] (the engine request and its policy set),
//! [`org_levels`] (which SCPs/RCPs join that set), [`classify`] (the engine's answer → outcome groups),
//! [`refinement`] (a missing grant → the specific rule id), [`outcomes`] (groups merged per defect) and
//! [`help`] (the statement a finding suggests).
//!
//! [`Request`]: crate::eval::Request

mod classify;
mod help;
mod namesake;
mod org_levels;
mod outcomes;
mod refinement;
mod requests;
mod resources;
mod stand_ins;
pub mod table;
#[cfg(test)]
mod tests;

use super::common::sites;
use super::Ctx;
use crate::config::Config;
use crate::model::Model;
use crate::model::Policy;
pub use outcomes::Outcomes;
pub(crate) use stand_ins::Conc;
use stand_ins::Policies;
use std::collections::HashMap;
pub use table::table;

/// What every requirement of a run is evaluated with, prepared once.
struct Env<'m> {
    conc: Conc,
    pols: Policies,
    /// The default key policy of each modelled key that has no `KeyPolicy`.
    key_policies: HashMap<usize, Policy>,
    org: org_levels::OrgLevels<'m>,
    cfg: &'m Config,
}

impl<'m> Env<'m> {
    fn new(model: &'m Model, cfg: &'m Config) -> Env<'m> {
        let conc = Conc::new(model);
        let pols = Policies::new(model, &conc);
        let mut key_policies: HashMap<usize, Policy> = HashMap::new();
        for (i, k) in model.keys.iter().enumerate() {
            if k.policy.is_none() {
                // No KeyPolicy: AWS applies the default key policy, which delegates to the account.
                let p = stand_ins::parse_text(&format!(
                    r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{{"AWS":"arn:{}:iam::{}:root"}},"Action":"kms:*","Resource":"*"}}]}}"#,
                    k.origin.partition,
                    conc.text(&k.origin.account)
                ));
                key_policies.insert(i, p);
            }
        }
        let org = org_levels::OrgLevels::new(model, &conc);
        Env {
            conc,
            pols,
            key_policies,
            org,
            cfg,
        }
    }
}

/// Evaluate every applicable requirement of every replication site (the outcome groups of all ids).
pub fn outcomes(ctx: &Ctx) -> Outcomes {
    let model = &ctx.graph.model;
    let env = Env::new(model, ctx.cfg);
    let mut acc = outcomes::Acc::default();
    let role_names = super::configurations::role_names(model);
    for site in sites(model) {
        if !site.rule.enabled() || site.dest.is_none() || site.dst_index == Some(site.b) {
            continue;
        }
        // A role S3 cannot use at all (wrong path, another account) is a configuration finding.
        if super::configurations::role_unusable(&site, &role_names) {
            continue;
        }
        // A configured ARN that may be an unlinked role of the templates: which defect it is is unknown.
        let namesake = namesake::unlinked_namesake(&site, model);
        let mut own = outcomes::Acc::default();
        let site_acc = if namesake.is_some() {
            &mut own
        } else {
            &mut acc
        };
        for req in table() {
            if !req.feature.iter().all(|f| resources::feature(&site, *f)) {
                continue;
            }
            classify::check_requirement(&site, req, &env, site_acc);
        }
        if let Some(why) = namesake {
            own.unproven(&why, &mut acc);
        }
    }
    acc.finish()
}
