//! S3 replication and KMS rules (rules-spec §3–§7, §9): REPL-*, BKT-*, ROLE-*, DSTPOL-*, SRCPOL-*, KMS-*, XREG-*, UNPROVEN.
//! They run once over the whole model and trust graph, after every file is loaded.
//!
//! `requirements` is the generic, engine-backed checker of `rules/replication-requirements.toml` (every
//! permission replication needs, evaluated against every applicable policy); `config`, `buckets` and `kms`
//! are the configuration rules, each pointing at the offending property.

use crate::config::Config;
use crate::graph::TrustGraph;
use crate::rules::{Finding, RuleMeta};
use crate::source::SourceMap;

// -- modules --
pub mod buckets;
pub mod buckets_more;
pub mod common;
pub mod config;
pub mod config_more;
pub mod ids;
pub mod kms;
pub mod kms_more;
pub mod kms_optin;
pub mod kms_rcp;
pub mod requirements;
pub mod role_more;
pub mod topology;

/// What every rule of this family sees.
pub struct Ctx<'a> {
    pub graph: &'a TrustGraph,
    pub sources: &'a SourceMap,
    /// The run's configuration (facts templates cannot state: enabled opt-in Regions, Requester Pays).
    pub cfg: &'a Config,
}

type Check = fn(&Ctx, &mut Vec<Finding>);

/// (rule, check) pairs. A check may emit findings under several ids of its table; list each id once.
const CHECKS: &[(RuleMeta, Check)] = &[
    // -- checks --
    (ids::ROLE_MISSING_ACTION, requirements::check),
    (ids::REPL_ROLE_MISSING, config::check),
    (ids::BKT_VERSIONING_SRC, buckets::check),
    (ids::KMS_REPLICA_KEY_REGION, kms::check),
    (kms_more::KMS_MRK, kms_more::check),
    (ids::REPL_RULES_COUNT, config_more::check),
    (ids::BKT_REQUESTER_PAYS, buckets_more::check),
    (ids::ROLE_KMS_RESOURCE_ALIAS, role_more::check),
    (ids::REPL_CHAIN, topology::check),
    (kms_optin::KMS_OPTIN_REGION, kms_optin::check),
    (kms_rcp::KMS_RCP_PERIMETER, kms_rcp::check),
];

/// Rules that are emitted by a shared checker rather than a check of their own.
const EXTRA_RULES: &[RuleMeta] = &[
    // -- extra rules --
    kms_more::KMS_THROTTLE,
    kms_more::KMS_SOURCE_KEYS_COVERED,
    kms_more::KMS_XACCT_ROOT_ONLY_IAM,
    kms_more::KMS_XACCT_NONCRYPTO,
];

pub fn rules() -> impl Iterator<Item = RuleMeta> {
    CHECKS
        .iter()
        .map(|(m, _)| *m)
        .chain(EXTRA_RULES.iter().copied())
        .chain(requirements::EMITTED.iter().copied())
        .chain(config::EMITTED.iter().copied())
        .chain(buckets::EMITTED.iter().copied())
        .chain(kms::EMITTED.iter().copied())
        .chain(config_more::EMITTED.iter().copied())
        .chain(buckets_more::EMITTED.iter().copied())
        .chain(role_more::EMITTED.iter().copied())
        .chain(topology::EMITTED.iter().copied())
}

pub fn check(graph: &TrustGraph, sources: &SourceMap, out: &mut Vec<Finding>) {
    check_with(graph, sources, &Config::default(), out);
}

/// [`check`] with the run's configuration.
pub fn check_with(graph: &TrustGraph, sources: &SourceMap, cfg: &Config, out: &mut Vec<Finding>) {
    let ctx = Ctx {
        graph,
        sources,
        cfg,
    };
    for (_, check) in CHECKS {
        check(&ctx, out);
    }
}
