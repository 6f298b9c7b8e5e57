//! GA-QUOTA — more listeners per accelerator, endpoints or port overrides per endpoint group than the
//! default quotas allow.

use super::{finding, Ctx};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(GaQuota, "GA-QUOTA", Warning, "Global Accelerator quota exceeded");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for (ai, a) in m.accelerators.iter().enumerate() {
        let listeners = m.listeners_of_accelerator(ai);
        if let Some(l) = listeners.get(10).and_then(|&l| m.ga_listeners.get(l)) {
            out.push(
                finding(
                    &META,
                    META.severity,
                    &l.origin,
                    l.origin.logical_id_span,
                    format!(
                        "accelerator {} has {} listeners; the default quota is 10 per accelerator",
                        a.origin.logical_id,
                        listeners.len()
                    ),
                )
                .help("merge port ranges into fewer listeners, or request a quota increase"),
            );
        }
    }
    for g in &m.endpoint_groups {
        if let Some(eleventh) = g.endpoints.get(10) {
            out.push(
                finding(
                    &META,
                    META.severity,
                    &g.origin,
                    eleventh.span,
                    format!(
                        "endpoint group has {} endpoints; the quota is 10 per endpoint group",
                        g.endpoints.len()
                    ),
                )
                .help("split endpoints across accelerators, or request a quota increase"),
            );
        }
        if let Some(eleventh) = g.port_overrides.get(10) {
            out.push(
                finding(
                    &META,
                    META.severity,
                    &g.origin,
                    eleventh.span,
                    format!(
                        "endpoint group has {} port overrides; the quota is 10 per endpoint group",
                        g.port_overrides.len()
                    ),
                )
                .help("use fewer port overrides"),
            );
        }
    }
}
