//! GA-LSN-AFFINITY — client affinity SOURCE_IP is best effort, not a session guarantee.

use super::{finding, Ctx};
use crate::model::symbolic::has_symbol;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(GaLsnAffinity, "GA-LSN-AFFINITY", Info, "Client affinity is best effort");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for l in &cx.net.m.ga_listeners {
        let Some(c) = l.client_affinity.as_ref().filter(|c| !has_symbol(&c.value)) else {
            continue;
        };
        if c.value.eq_ignore_ascii_case("SOURCE_IP") {
            out.push(finding(&META, META.severity, &l.origin, c.span, "client affinity SOURCE_IP sends a client to the same endpoint only while its edge location stays the same; it is not a session guarantee").help("keep session state outside the endpoints if clients must not lose it"));
        }
    }
}
