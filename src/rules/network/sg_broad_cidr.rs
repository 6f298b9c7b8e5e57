//! SG-BROAD-CIDR — ingress from a very broad public CIDR (/8 or wider for IPv4, /32 for IPv6).

use super::ingress_exposure::{proto_name, Exposure};
use super::ports::fmt_range;
use super::{rule_finding, Ctx};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use ipnet::IpNet;

pub const META: RuleMeta = rule_meta!(SgBroadCidr, "SG-BROAD-CIDR", Warning, "Ingress from a very broad CIDR");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for x in cx.exposures() {
        let Exposure::BroadCidr { cidr: n, span, range } = &x.exposure else {
            continue;
        };
        let Some(sg) = m.security_groups.get(x.sg) else {
            continue;
        };
        let r = x.rule;
        out.push(rule_finding(&META, META.severity, r, sg, *span, format!("{} admits {} {} from {n}, a very broad range (/{} or wider)", sg.origin.logical_id, proto_name(r), fmt_range(*range), if matches!(n, IpNet::V4(_)) { 8 } else { 32 }))
            .label("very broad source")
            .help("admit the narrowest CIDR that covers your clients, or a security-group source"));
    }
}
