//! Global Accelerator, load balancer and security-group rules (rules-spec §10–§12): GA-*, GASG-*, ALB-*,
//! SG-*. They run once over the whole model and trust graph, after every file is loaded.
//!
//! One file per rule id (`GA-EP-DUP` → `ga_ep_dup.rs`), each with its `META` and its `check`. What several
//! rules share lives in modules named for what they compute, and returns facts, never findings:
//! `reachability` (who reaches each load balancer fronted by an accelerator, over the graph's relations),
//! `ingress_exposure` (what is wrong with each ingress rule), `endpoints`, `port_overrides`, `cidr`,
//! `ports`, `vpc` and `rule_source` (rule sources and the accelerator's `GlobalAccelerator` group).

use crate::config::Config;
use crate::graph::TrustGraph;
use crate::rules::{Finding, RuleMeta};
use crate::source::SourceMap;
use std::cell::OnceCell;

// -- shared analyses --
pub mod cidr;
pub mod endpoints;
pub mod ingress_exposure;
pub mod port_overrides;
pub mod ports;
pub mod reachability;
pub mod rule_source;
pub mod vpc;

/// Declares the rule modules once: each is `pub mod`, and its `(META, check)` goes into [`RULES`].
macro_rules! rules {
    ($($m:ident),* $(,)?) => {
        $(pub mod $m;)*
        /// Every rule of the family with its check, one entry per id.
        const RULES: &[(RuleMeta, Check)] = &[$(($m::META, $m::check)),*];
    };
}

rules! {
    alb_scheme_iptype,
    alb_sg_egress,
    alb_target_sg,
    ga_acc_disabled,
    ga_acc_iptype,
    ga_acc_name,
    ga_eg_dial,
    ga_eg_dial_zero,
    ga_eg_hc_ignored_for_lb,
    ga_eg_hc_interval,
    ga_eg_hc_path_proto,
    ga_eg_hc_threshold,
    ga_eg_region_dup,
    ga_eg_region_mismatch,
    ga_eg_udp_hc,
    ga_ep_alb_listener,
    ga_ep_alb_tg_health,
    ga_ep_cip_default,
    ga_ep_cip_internal,
    ga_ep_cip_unsupported,
    ga_ep_collision,
    ga_ep_cross_account,
    ga_ep_dualstack,
    ga_ep_dup,
    ga_ep_igw,
    ga_ep_subnet_ips,
    ga_ep_type,
    ga_ep_weight,
    ga_lsn_affinity,
    ga_lsn_port_overlap,
    ga_lsn_ports,
    ga_lsn_protocol,
    ga_lsn_udp_to_alb,
    ga_po_dup_endport,
    ga_po_endport_in_listener,
    ga_po_hc_port,
    ga_po_listenerport,
    ga_quota,
    gasg_admit,
    gasg_bypass_open,
    gasg_cip_off,
    gasg_dangling,
    gasg_internet_facing,
    gasg_modify,
    gasg_self_made,
    gasg_wrong_vpc,
    sg_all_ports,
    sg_all_protocols,
    sg_broad_cidr,
    sg_circular_inline,
    sg_default,
    sg_description_chars,
    sg_egress_open,
    sg_ipv6_forgotten,
    sg_ref_owner,
    sg_ref_vpc,
    sg_world_ingress,
}

/// What every rule of this family sees.
pub struct Ctx<'a> {
    pub graph: &'a TrustGraph,
    pub sources: &'a SourceMap,
    /// The model with the indexes of this family (GA security group recognition, raw templates).
    pub net: rule_source::Net<'a>,
    reach: OnceCell<reachability::Reachability>,
    exposures: OnceCell<Vec<ingress_exposure::Exposed<'a>>>,
}

impl<'a> Ctx<'a> {
    pub fn new(graph: &'a TrustGraph, sources: &'a SourceMap, cfg: &Config) -> Ctx<'a> {
        Ctx {
            graph,
            sources,
            net: rule_source::Net::new(&graph.model, sources, &cfg.ga_security_groups),
            reach: OnceCell::new(),
            exposures: OnceCell::new(),
        }
    }

    /// The reachability analysis of load balancers fronted by accelerators (computed once).
    pub fn reach(&self) -> &reachability::Reachability {
        self.reach
            .get_or_init(|| reachability::Reachability::compute(&self.net))
    }

    /// The exposure of every ingress rule not already reported by GASG-BYPASS-OPEN (computed once).
    pub fn exposures(&self) -> &[ingress_exposure::Exposed<'a>] {
        self.exposures
            .get_or_init(|| ingress_exposure::compute(&self.net, self.reach()))
    }
}

type Check = fn(&Ctx, &mut Vec<Finding>);

pub fn rules() -> impl Iterator<Item = RuleMeta> {
    RULES.iter().map(|(m, _)| *m)
}

/// Run the family with the default configuration.
pub fn check(graph: &TrustGraph, sources: &SourceMap, out: &mut Vec<Finding>) {
    check_with(graph, sources, &Config::default(), out);
}

/// Run the family; `cfg` supplies `[global_accelerator] security_groups`.
pub fn check_with(graph: &TrustGraph, sources: &SourceMap, cfg: &Config, out: &mut Vec<Finding>) {
    let ctx = Ctx::new(graph, sources, cfg);
    let mut found = Vec::new();
    for (_, check) in RULES {
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

/// A finding about a security-group rule: in the rule's file, about its standalone resource (else its
/// group).
pub(crate) fn rule_finding(
    meta: &RuleMeta,
    severity: crate::rules::Severity,
    r: &crate::model::ec2::SgRule,
    sg: &crate::model::ec2::SecurityGroup,
    span: crate::source::Span,
    msg: String,
) -> Finding {
    Finding::new(meta.id, severity, rule_source::rule_file(r, sg), span, msg)
        .resource(Some(rule_source::rule_resource(r, sg)))
}
