//! GA-EP-WEIGHT — endpoint weights are 0–255, and not all zero in a group.

use super::{finding, Ctx};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta, Severity};

pub const META: RuleMeta = rule_meta!(
    GaEpWeight, "GA-EP-WEIGHT",
    Error,
    "Endpoint weight outside 0–255, or all zero"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for g in &cx.net.m.endpoint_groups {
        for ep in &g.endpoints {
            if let Some(w) = ep.weight.as_ref().filter(|w| !(0..=255).contains(&w.value)) {
                out.push(
                    finding(
                        &META,
                        META.severity,
                        &g.origin,
                        w.span,
                        format!("Weight {} is outside 0–255", w.value),
                    )
                    .help("\"Weight\": 128 (the default)"),
                );
            }
        }
        let zero = !g.endpoints.is_empty()
            && g.endpoints
                .iter()
                .all(|e| e.weight.as_ref().is_some_and(|w| w.value == 0));
        if let Some(first) = g.endpoints.first().filter(|_| zero) {
            let w = first.weight.as_ref().map_or(first.span, |w| w.span);
            // Not a deployment error: the group still serves when Global Accelerator fails open.
            out.push(finding(&META, Severity::Warning, &g.origin, w, "every endpoint of this group has weight 0: the group receives no traffic except when Global Accelerator fails open").help("\"Weight\": 128 on the endpoints that should serve traffic"));
        }
    }
}
