//! Global Accelerator, load balancer and security-group rules (rules-spec §10–§12): GA-*, GASG-*, ALB-*, SG-*.
//! They run once over the whole model and trust graph, after every file is loaded.
//!
//! `common` holds what several rules share (CIDR/port arithmetic, rule sources, recognition of the
//! accelerator's `GlobalAccelerator` security group); `reach` computes, once, who can reach each load
//! balancer fronted by an accelerator, and the GASG-*/ALB-* rules read that computation.

use crate::config::Config;
use crate::graph::TrustGraph;
use crate::rules::{Finding, RuleMeta};
use crate::source::SourceMap;
use std::cell::OnceCell;

// -- modules --
pub mod alb;
pub mod alb_targets;
pub mod common;
pub mod ga_accelerator;
pub mod ga_endpoint;
pub mod ga_endpoint_group;
pub mod ga_more;
pub mod reach;
pub mod sg;
pub mod sg_more;

/// What every rule of this family sees.
pub struct Ctx<'a> {
    pub graph: &'a TrustGraph,
    pub sources: &'a SourceMap,
    /// The model with the indexes of this family (GA security group recognition, raw templates).
    pub net: common::Net<'a>,
    reach: OnceCell<reach::Reach>,
}

impl Ctx<'_> {
    /// The reachability analysis of load balancers fronted by accelerators (computed once).
    pub fn reach(&self) -> &reach::Reach {
        self.reach.get_or_init(|| reach::compute(self))
    }
}

type Check = fn(&Ctx, &mut Vec<Finding>);

/// (rule, check) pairs. A check may emit findings under several ids of its table; list each id once.
const CHECKS: &[(RuleMeta, Check)] = &[
    // -- checks --
    (reach::ADMIT, reach::check),
    (ga_accelerator::ACC_NAME, ga_accelerator::check),
    (ga_endpoint_group::EG_REGION_DUP, ga_endpoint_group::check),
    (ga_endpoint::EP_WEIGHT, ga_endpoint::check),
    (sg::WORLD_INGRESS, sg::check),
    (alb::SCHEME_IPTYPE, alb::check),
    (ga_more::EP_COLLISION, ga_more::check),
    (sg_more::DEFAULT, sg_more::check),
    (alb_targets::TARGET_SG, alb_targets::check),
];

/// Rules that are emitted by a shared checker rather than a check of their own.
const EXTRA_RULES: &[RuleMeta] = &[
    // -- extra rules --
    reach::BYPASS_OPEN,
    reach::CIP_OFF,
    reach::WRONG_VPC,
    reach::DANGLING,
    reach::SELF_MADE,
    reach::MODIFY,
    reach::INTERNET_FACING,
    reach::ALB_LISTENER,
    reach::SG_EGRESS,
    ga_accelerator::ACC_IPTYPE,
    ga_accelerator::ACC_DISABLED,
    ga_accelerator::LSN_PROTOCOL,
    ga_accelerator::LSN_PORTS,
    ga_accelerator::LSN_PORT_OVERLAP,
    ga_accelerator::LSN_UDP_TO_ALB,
    ga_accelerator::LSN_AFFINITY,
    ga_accelerator::QUOTA,
    ga_endpoint_group::EG_REGION_MISMATCH,
    ga_endpoint_group::EG_DIAL,
    ga_endpoint_group::EG_DIAL_ZERO,
    ga_endpoint_group::EG_HC_INTERVAL,
    ga_endpoint_group::EG_HC_THRESHOLD,
    ga_endpoint_group::EG_HC_IGNORED_FOR_LB,
    ga_endpoint_group::EG_HC_PATH_PROTO,
    ga_endpoint_group::EG_UDP_HC,
    ga_endpoint_group::PO_ENDPORT_IN_LISTENER,
    ga_endpoint_group::PO_DUP_ENDPORT,
    ga_endpoint_group::PO_LISTENERPORT,
    ga_endpoint_group::PO_HC_PORT,
    ga_endpoint::EP_DUP,
    ga_endpoint::EP_TYPE,
    ga_endpoint::EP_CROSS_ACCOUNT,
    ga_endpoint::EP_CIP_INTERNAL,
    ga_endpoint::EP_CIP_UNSUPPORTED,
    ga_endpoint::EP_CIP_DEFAULT,
    ga_endpoint::EP_IGW,
    ga_endpoint::EP_DUALSTACK,
    sg::ALL_PROTOCOLS,
    sg::ALL_PORTS,
    sg::BROAD_CIDR,
    sg::IPV6_FORGOTTEN,
    sg::REF_VPC,
    sg::REF_OWNER,
    sg::CIRCULAR_INLINE,
    sg::DESCRIPTION_CHARS,
    ga_more::EP_SUBNET_IPS,
    ga_more::EP_ALB_TG_HEALTH,
    sg_more::EGRESS_OPEN,
];

pub fn rules() -> impl Iterator<Item = RuleMeta> {
    CHECKS
        .iter()
        .map(|(m, _)| *m)
        .chain(EXTRA_RULES.iter().copied())
}

/// Run the family with the default configuration.
pub fn check(graph: &TrustGraph, sources: &SourceMap, out: &mut Vec<Finding>) {
    check_with(graph, sources, &Config::default(), out);
}

/// Run the family; `cfg` supplies `[global_accelerator] security_groups`.
pub fn check_with(graph: &TrustGraph, sources: &SourceMap, cfg: &Config, out: &mut Vec<Finding>) {
    let ctx = Ctx {
        graph,
        sources,
        net: common::Net::new(&graph.model, sources, &cfg.ga_security_groups),
        reach: OnceCell::new(),
    };
    let mut found = Vec::new();
    for (_, check) in CHECKS {
        check(&ctx, &mut found);
    }
    // One finding per (rule, place): several endpoints may share a load balancer or a rule.
    let mut seen = std::collections::HashSet::new();
    found.retain(|f| seen.insert((f.rule, f.file, f.span, f.message.clone())));
    out.extend(found);
}

/// A finding of this family about a resource.
pub(crate) fn finding(
    meta: &RuleMeta,
    severity: crate::rules::Severity,
    origin: &crate::model::origin::Origin,
    span: crate::source::Span,
    msg: impl Into<String>,
) -> Finding {
    Finding::new(meta.id, severity, origin.file, span, msg)
        .resource(Some(origin.logical_id.clone()))
}
