//! SG-ALL-PROTOCOLS — an ingress rule for all protocols (`IpProtocol: -1`) opens every port.

use super::ingress_exposure::Exposure;
use super::{rule_finding, Ctx};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta, Severity};
use ipnet::IpNet;

pub const META: RuleMeta = rule_meta!(
    SgAllProtocols, "SG-ALL-PROTOCOLS",
    Warning,
    "Ingress rule for all protocols (every port open)"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for x in cx.exposures() {
        let Exposure::AllProtocols {
            cidr,
            world_beyond_lb,
        } = &x.exposure
        else {
            continue;
        };
        let Some(sg) = m.security_groups.get(x.sg) else {
            continue;
        };
        let r = x.rule;
        let proto = r.protocol.as_ref().map_or("-1", |p| p.value.as_str());
        let f = match cidr {
            Some((n, span)) => {
                // A group that protects only load balancers exposes only their listener ports
                // (rules-spec: SG-ALL-PROTOCOLS is then a warning).
                let sev = if *world_beyond_lb {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                let ps = r.protocol.as_ref().map_or(*span, |p| p.span);
                rule_finding(&META, sev, r, sg, ps, format!("{} admits all protocols and ports (IpProtocol {proto}) from {n}", sg.origin.logical_id))
                    .label("all traffic, FromPort/ToPort are ignored")
                    .help(format!("admit only what is needed, e.g. {{ \"IpProtocol\": \"tcp\", \"FromPort\": 443, \"ToPort\": 443, \"{}\": \"{n}\" }}", if matches!(n, IpNet::V4(_)) { "CidrIp" } else { "CidrIpv6" }))
            }
            None => {
                let ps = r.protocol.as_ref().map_or(r.span, |p| p.span);
                rule_finding(&META, Severity::Warning, r, sg, ps, format!("{} admits all protocols and ports (IpProtocol {proto}) from {}", sg.origin.logical_id, cx.net.source(r).describe(m)))
                    .label("all traffic, FromPort/ToPort are ignored")
                    .help("admit only the protocol and ports needed, e.g. \"IpProtocol\": \"tcp\", \"FromPort\": 443, \"ToPort\": 443")
            }
        };
        out.push(f);
    }
}
