//! GA-LSN-PROTOCOL — a listener's protocol is TCP or UDP, and its client affinity NONE or SOURCE_IP.

use super::{finding, Ctx};
use crate::model::symbolic::has_symbol;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    GaLsnProtocol, "GA-LSN-PROTOCOL",
    Error,
    "Invalid listener protocol or client affinity"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for l in &cx.net.m.ga_listeners {
        if let Some(p) = l.protocol.as_ref().filter(|p| !has_symbol(&p.value)) {
            let v = p.value.to_ascii_uppercase();
            if v != "TCP" && v != "UDP" {
                out.push(
                    finding(
                        &META,
                        META.severity,
                        &l.origin,
                        p.span,
                        format!("listener protocol `{}` is not TCP or UDP", p.value),
                    )
                    .help("\"Protocol\": \"TCP\""),
                );
            }
        }
        if let Some(c) = l.client_affinity.as_ref().filter(|c| !has_symbol(&c.value)) {
            if !matches!(
                c.value.to_ascii_uppercase().as_str(),
                "NONE" | "SOURCE_IP"
            ) {
                out.push(
                    finding(
                        &META,
                        META.severity,
                        &l.origin,
                        c.span,
                        format!("ClientAffinity `{}` is not NONE or SOURCE_IP", c.value),
                    )
                    .help("\"ClientAffinity\": \"NONE\" (or \"SOURCE_IP\")"),
                );
            }
        }
    }
}
