//! SG-ALL-PORTS — an ingress rule for every port of a protocol.

use super::ingress_exposure::{proto_name, Exposure};
use super::{rule_finding, Ctx};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(SgAllPorts, "SG-ALL-PORTS", Warning, "Ingress rule for every port");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for x in cx.exposures() {
        let Exposure::AllPorts { .. } = &x.exposure else {
            continue;
        };
        let Some(sg) = m.security_groups.get(x.sg) else {
            continue;
        };
        let r = x.rule;
        let proto = proto_name(r);
        let span = r.from_port.as_ref().map_or(r.span, |p| p.span);
        out.push(rule_finding(&META, META.severity, r, sg, span, format!("{} admits every {proto} port from {}", sg.origin.logical_id, cx.net.source(r).describe(m)))
            .label("all ports")
            .help(format!("admit only the ports the service listens on, e.g. \"FromPort\": 443, \"ToPort\": 443 with \"IpProtocol\": \"{proto}\"")));
    }
}
