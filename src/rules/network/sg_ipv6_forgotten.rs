//! SG-IPV6-FORGOTTEN — IPv4 is restricted on a port, but `::/0` is still admitted there.

use super::ingress_exposure::{proto_name, Exposure};
use super::ports::fmt_range;
use super::{rule_finding, Ctx};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    SgIpv6Forgotten, "SG-IPV6-FORGOTTEN",
    Warning,
    "IPv4 is restricted but ::/0 is still admitted"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for x in cx.exposures() {
        let Exposure::Ipv6Forgotten { span, range, .. } = &x.exposure else {
            continue;
        };
        let Some(sg) = m.security_groups.get(x.sg) else {
            continue;
        };
        let r = x.rule;
        out.push(rule_finding(&META, META.severity, r, sg, *span, format!("{} restricts IPv4 on {} {} but admits every IPv6 address (::/0)", sg.origin.logical_id, proto_name(r), fmt_range(*range)))
            .label("the whole IPv6 internet")
            .help("restrict IPv6 like IPv4: replace ::/0 with the IPv6 CIDR you mean (\"CidrIpv6\": \"2001:db8::/56\"), or remove the rule"));
    }
}
