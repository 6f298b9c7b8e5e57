//! Global Accelerator, load balancer and security-group rules (rules-spec §10–§12): GA-*, GASG-*, ALB-*, SG-*.
//! They run once over the whole model and trust graph, after every file is loaded.

use crate::graph::TrustGraph;
use crate::rules::{Finding, RuleMeta};
use crate::source::SourceMap;

// -- modules --

/// What every rule of this family sees.
pub struct Ctx<'a> {
    pub graph: &'a TrustGraph,
    pub sources: &'a SourceMap,
}

type Check = fn(&Ctx, &mut Vec<Finding>);

/// (rule, check) pairs. A check may emit findings under several ids of its table; list each id once.
const CHECKS: &[(RuleMeta, Check)] = &[
    // -- checks --
];

/// Rules that are emitted by a shared checker rather than a check of their own.
const EXTRA_RULES: &[RuleMeta] = &[
    // -- extra rules --
];

pub fn rules() -> impl Iterator<Item = RuleMeta> {
    CHECKS.iter().map(|(m, _)| *m).chain(EXTRA_RULES.iter().copied())
}

pub fn check(graph: &TrustGraph, sources: &SourceMap, out: &mut Vec<Finding>) {
    let ctx = Ctx { graph, sources };
    for (_, check) in CHECKS {
        check(&ctx, out);
    }
}
