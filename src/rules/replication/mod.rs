//! S3 replication and KMS rules (rules-spec §3–§7, §9): REPL-*, BKT-*, ROLE-*, DSTPOL-*, SRCPOL-*, KMS-*, XREG-*, UNPROVEN.
//! They run once over the whole model and trust graph, after every file is loaded.
//!
//! One file per rule id (`DSTPOL-MISSING` → `dstpol_missing.rs`), each with its `META` and its `check`.
//! What several rules share is computed once per run and cached in [`Ctx`]: `common` (the replication
//! sites: every bucket × replication rule), `requirements` (the engine-backed checker of
//! `rules/replication-requirements.toml`: every permission replication needs, evaluated against every
//! applicable policy, as outcome groups each rule renders), `configurations` (each bucket's replication
//! configuration once, with what its Role names), `rule_facts` (each rule's status, prefixes, tags and
//! RTC), `org_policies` (SCPs/RCPs ready for the engine), `topology` (Region pairs, opt-in Regions),
//! `key_principals` (accounts in key policies), `replica_keys` (what ReplicaKmsKeyID names),
//! `statements` and `lifecycle` (facts about statements and lifecycle rules). Shared modules return
//! facts, never findings: each rule file decides and emits its own.

use crate::config::Config;
use crate::graph::TrustGraph;
use crate::model::symbolic::display;
use crate::rules::{Finding, RuleId, RuleMeta};
use crate::source::SourceMap;
use std::cell::OnceCell;

// -- shared analyses --
pub mod bucket_versioning;
pub mod common;
pub mod configurations;
pub mod key_principals;
pub mod lifecycle;
pub mod org_policies;
pub mod replica_keys;
pub mod requirements;
pub mod rule_facts;
pub mod statements;
pub mod topology;

/// Declares the rule modules once: each is `pub mod`, and its `(META, check)` goes into [`RULES`].
macro_rules! rules {
    ($($m:ident),* $(,)?) => {
        $(pub mod $m;)*
        /// Every rule of the family with its check, one entry per id.
        const RULES: &[(RuleMeta, Check)] = &[$(($m::META, $m::check)),*];
    };
}

rules! {
    bkt_dest_default_enc,
    bkt_foreign_objects,
    bkt_logs_replicated,
    bkt_objlock,
    bkt_objlock_dest_retention_policy,
    bkt_optin_region,
    bkt_requester_pays,
    bkt_versioning_dest,
    bkt_versioning_src,
    dstpol_deny,
    dstpol_missing,
    dstpol_owner_override,
    dstpol_principal_path,
    dstpol_principal_wildcard,
    dstpol_replicatedelete,
    dstpol_replicatetags,
    dstpol_size,
    dstpol_versioning_actions,
    kms_aws_managed_xacct,
    kms_dst_iam_xacct,
    kms_dst_keypolicy_xacct,
    kms_mrk,
    kms_no_root_delegation,
    kms_optin_region,
    kms_rcp_perimeter,
    kms_replica_key_alias,
    kms_replica_key_owner,
    kms_replica_key_region,
    kms_replica_key_symmetric,
    kms_replica_key_valid,
    kms_source_keys_covered,
    kms_src_decrypt,
    kms_throttle,
    kms_xacct_noncrypto,
    kms_xacct_root_only_iam,
    repl_act_account_mismatch,
    repl_act_needs_account,
    repl_act_owner,
    repl_act_same_account,
    repl_chain,
    repl_del_version,
    repl_dest_arn,
    repl_dest_directory,
    repl_dest_self,
    repl_dmr_default_off,
    repl_dmr_lifecycle,
    repl_dmr_rtc,
    repl_dmr_tag,
    repl_dmr_v1_implicit,
    repl_existing_objects,
    repl_filter_empty,
    repl_filter_one_of,
    repl_id_dup,
    repl_id_len,
    repl_key_needs_ssekms,
    repl_metrics_threshold_no_rtc,
    repl_mixed_schema,
    repl_prefix_len,
    repl_prefix_no_slash,
    repl_priority_dup,
    repl_priority_overlap,
    repl_replica_mods_one_way,
    repl_role_account,
    repl_role_missing,
    repl_role_path,
    repl_rtc_minutes,
    repl_rtc_needs_metrics,
    repl_rule_disabled,
    repl_rule_status,
    repl_rules_count,
    repl_src_glacier,
    repl_ssekms_needs_key,
    repl_ssekms_source_no_optin,
    repl_storage_class,
    repl_tag_after_create,
    repl_tag_limits,
    repl_v1_multi_dest,
    repl_v1_replica_mods,
    repl_v2_required_fields,
    repl_xacct_no_ownership,
    role_boundary,
    role_deleted_recreated,
    role_explicit_deny,
    role_getobjectversion,
    role_kms_encctx,
    role_kms_encctx_typo,
    role_kms_resource_alias,
    role_kms_viaservice,
    role_missing_action,
    role_passrole,
    role_prefix_scope,
    role_resource_form,
    role_scp,
    role_trust_batch,
    role_trust_conditions,
    role_trust_s3,
    srcpol_deny,
    xreg_cost,
    xreg_key_region,
    xreg_mrk,
    xreg_optin,
    xreg_rtc,
    xreg_same_region,
    xreg_viaservice,
}

/// What every rule of this family sees.
pub struct Ctx<'a> {
    pub graph: &'a TrustGraph,
    pub sources: &'a SourceMap,
    /// The run's configuration (facts templates cannot state: enabled opt-in Regions, Requester Pays).
    pub cfg: &'a Config,
    sites: OnceCell<Vec<common::Site<'a>>>,
    conc: OnceCell<requirements::Conc>,
    requirements: OnceCell<requirements::Outcomes>,
    configurations: OnceCell<Vec<configurations::Configuration<'a>>>,
    rule_facts: OnceCell<Vec<rule_facts::RuleFacts<'a>>>,
}

impl<'a> Ctx<'a> {
    pub fn new(graph: &'a TrustGraph, sources: &'a SourceMap, cfg: &'a Config) -> Ctx<'a> {
        Ctx {
            graph,
            sources,
            cfg,
            sites: OnceCell::new(),
            conc: OnceCell::new(),
            requirements: OnceCell::new(),
            configurations: OnceCell::new(),
            rule_facts: OnceCell::new(),
        }
    }

    /// Every (bucket, replication rule) of the model (computed once).
    pub fn sites(&self) -> &[common::Site<'a>] {
        self.sites.get_or_init(|| common::sites(&self.graph.model))
    }

    /// The stand-ins for generated identities, for engine-backed checks (computed once).
    fn conc(&self) -> &requirements::Conc {
        self.conc
            .get_or_init(|| requirements::Conc::new(&self.graph.model))
    }

    /// The outcome groups of the requirements table (computed once).
    pub fn requirement_outcomes(&self) -> &requirements::Outcomes {
        self.requirements
            .get_or_init(|| requirements::outcomes(self))
    }

    /// Every bucket's replication configuration, with what its Role names (computed once).
    pub fn configurations(&self) -> &[configurations::Configuration<'a>] {
        self.configurations
            .get_or_init(|| configurations::configurations(&self.graph.model))
    }

    /// The facts of every site's rule, in the order of [`Ctx::sites`] (computed once).
    pub fn rule_facts(&self) -> &[rule_facts::RuleFacts<'a>] {
        self.rule_facts
            .get_or_init(|| rule_facts::rule_facts(self.sites()))
    }

    /// Every site with the facts of its rule.
    pub fn sites_with_facts(
        &self,
    ) -> impl Iterator<Item = (&common::Site<'a>, &rule_facts::RuleFacts<'a>)> {
        self.sites().iter().zip(self.rule_facts())
    }

    /// UNPROVEN findings of the shared analyses (UNPROVEN is not a rule of this family, so no rule file
    /// emits them): the requirements' unknowns, then configurations whose rules are not known statically.
    fn emit_unproven(&self, out: &mut Vec<Finding>) {
        let meta = crate::rules::unproven::META;
        self.requirement_outcomes().emit(meta.id, out);
        for c in self.configurations() {
            let Some(u) = &c.config.rules_unknown else {
                continue;
            };
            out.push(
                c.finding(
                    &meta,
                    u.span,
                    format!(
                        "the replication rules of {} are not known statically ({}): no rule requirement can be checked",
                        display(&c.bucket.name),
                        display(&u.value)
                    ),
                )
                .help("give the rules literally, or check the configuration after apply (terraform show -json of the applied state)"),
            );
        }
    }
}

type Check = fn(&Ctx, &mut Vec<Finding>);

pub fn rules() -> impl Iterator<Item = RuleMeta> {
    RULES.iter().map(|(m, _)| *m)
}

/// The metadata of one of this family's rules.
pub(crate) fn rule_meta_of(id: RuleId) -> Option<&'static RuleMeta> {
    RULES.iter().map(|(m, _)| m).find(|m| m.id == id)
}

pub fn check(graph: &TrustGraph, sources: &SourceMap, out: &mut Vec<Finding>) {
    check_with(graph, sources, &Config::default(), out);
}

/// [`check`] with the run's configuration.
pub fn check_with(graph: &TrustGraph, sources: &SourceMap, cfg: &Config, out: &mut Vec<Finding>) {
    let ctx = Ctx::new(graph, sources, cfg);
    for (_, check) in RULES {
        check(&ctx, out);
    }
    ctx.emit_unproven(out);
}

/// Runs `f` on the family's context over one CloudFormation template (account 111111111111,
/// eu-west-1) whose `Resources` are `resources` (JSON), for unit tests of the shared facts.
#[cfg(test)]
pub(crate) fn with_ctx(resources: &str, f: impl FnOnce(&Ctx)) {
    let text = format!(
        r#"{{"Metadata": {{"trustlint": {{"account": "111111111111", "region": "eu-west-1"}}}},
            "Resources": {resources}}}"#
    );
    let inputs = [crate::Input {
        path: std::path::PathBuf::from("t.json"),
        text: Some(std::sync::Arc::from(text.as_str())),
        unreadable: None,
    }];
    let cfg = Config::default();
    let report = crate::lint_inputs(&inputs, &cfg);
    let graph = report.graph.as_ref().expect("the template gives a model");
    f(&Ctx::new(graph, &report.sources, &cfg));
}
