//! ALB-SCHEME-IPTYPE — an internal load balancer must use the ipv4 IP address type.

use super::{finding, Ctx};
use crate::model::symbolic::has_symbol;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    AlbSchemeIptype, "ALB-SCHEME-IPTYPE",
    Error,
    "Internal load balancer with a dual-stack IP address type"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for lb in &cx.net.m.load_balancers {
        let Some(t) = &lb.ip_address_type else {
            continue;
        };
        if lb.scheme_str() == "internal" && !has_symbol(&t.value) && t.value != "ipv4" {
            let mut f = finding(
                &META,
                META.severity,
                &lb.origin,
                t.span,
                format!(
                    "internal load balancer {} has IpAddressType `{}`: internal load balancers must use ipv4",
                    lb.origin.logical_id, t.value
                ),
            )
            .help("\"IpAddressType\": \"ipv4\" (or \"Scheme\": \"internet-facing\" for a dual-stack load balancer)");
            if let Some(s) = &lb.scheme {
                f = f.related(lb.origin.file, s.span, "internal");
            }
            out.push(f);
        }
    }
}
