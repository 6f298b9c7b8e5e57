//! GA-PO-ENDPORT-IN-LISTENER — a port override's endpoint port cannot be a listener port of the
//! accelerator.

use super::port_overrides::accelerator_ranges;
use super::{finding, Ctx};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    GaPoEndportInListener, "GA-PO-ENDPORT-IN-LISTENER",
    Error,
    "Port override endpoint port inside a listener port range"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for g in &m.endpoint_groups {
        let Some(li) = g.listener.filter(|_| !g.port_overrides.is_empty()) else {
            continue;
        };
        let Some(acc_ranges) = accelerator_ranges(m, li) else {
            continue;
        };
        for o in &g.port_overrides {
            let Some(ep) = o.endpoint_port else { continue };
            let hit = acc_ranges
                .iter()
                .find(|(f, t, _)| *f <= ep && ep <= *t)
                .and_then(|(f, t, x)| Some((f, t, m.ga_listeners.get(*x)?)));
            if let Some((f, t, x)) = hit {
                out.push(finding(&META, META.severity, &g.origin, o.span, format!("EndpointPort {ep} lies in the port range {f}-{t} of listener {}: an override's endpoint port cannot be a listener port of the accelerator", x.origin.logical_id)).help("choose an endpoint port outside every listener port range (e.g. 8080 for listener port 80)"));
            }
        }
    }
}
