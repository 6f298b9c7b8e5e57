//! GA-PO-LISTENERPORT — a port override for a port its listener does not listen on.

use super::{finding, Ctx};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    GaPoListenerport, "GA-PO-LISTENERPORT",
    Warning,
    "Port override for a port the listener does not listen on"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for g in &m.endpoint_groups {
        let Some(l) = g.listener.and_then(|l| m.ga_listeners.get(l)) else {
            continue;
        };
        for o in &g.port_overrides {
            let Some(lp) = o.listener_port else { continue };
            // A range with a bound not known statically may hold the port.
            let unknown_range = l.port_ranges_unknown.is_some()
                || l.port_ranges
                    .iter()
                    .any(|r| r.from.is_none() || r.to.is_none());
            if !unknown_range
                && !l
                    .port_ranges
                    .iter()
                    .any(|r| r.from.is_some_and(|f| f <= lp) && r.to.is_some_and(|t| lp <= t))
            {
                out.push(
                    finding(
                        &META,
                        META.severity,
                        &g.origin,
                        o.span,
                        format!(
                            "ListenerPort {lp} is not in the port ranges of listener {}",
                            l.origin.logical_id
                        ),
                    )
                    .help("use a listener port of this listener in the override"),
                );
            }
        }
    }
}
