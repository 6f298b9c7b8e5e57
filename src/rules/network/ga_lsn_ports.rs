//! GA-LSN-PORTS — a listener has 1 to 10 port ranges of ports 1–65535, each with FromPort ≤ ToPort.

use super::{finding, Ctx};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta, Severity};

pub const META: RuleMeta = rule_meta!(GaLsnPorts, "GA-LSN-PORTS", Error, "Invalid listener port ranges");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for l in &cx.net.m.ga_listeners {
        let n = l.port_ranges.len();
        // Ranges not known as a whole are not "none".
        if (n == 0 && l.port_ranges_unknown.is_none()) || n > 10 {
            let span = l
                .port_ranges
                .get(10)
                .map_or(l.origin.logical_id_span, |r| r.span);
            out.push(
                finding(
                    &META,
                    META.severity,
                    &l.origin,
                    span,
                    format!("listener has {n} port ranges (1 to 10 allowed)"),
                )
                .help("\"PortRanges\": [ { \"FromPort\": 443, \"ToPort\": 443 } ]"),
            );
        }
        for r in &l.port_ranges {
            for p in [r.from, r.to].into_iter().flatten() {
                if !(1..=65535).contains(&p) {
                    out.push(
                        finding(
                            &META,
                            META.severity,
                            &l.origin,
                            r.span,
                            format!("port {p} is outside 1–65535"),
                        )
                        .help("use ports between 1 and 65535"),
                    );
                }
            }
            if let (Some(f), Some(t)) = (r.from, r.to) {
                if f > t {
                    // An empty range is accepted by nothing downstream, but it breaks no deployment.
                    out.push(
                        finding(
                            &META,
                            Severity::Warning,
                            &l.origin,
                            r.span,
                            format!("FromPort {f} is greater than ToPort {t}: the range is empty"),
                        )
                        .help(format!("\"FromPort\": {t}, \"ToPort\": {f}")),
                    );
                }
            }
        }
    }
}
