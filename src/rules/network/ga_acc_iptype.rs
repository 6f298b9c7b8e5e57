//! GA-ACC-IPTYPE — an accelerator's IP address type is IPV4 or DUAL_STACK, with at most two BYOIP
//! addresses.

use super::{finding, Ctx};
use crate::model::symbolic::has_symbol;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    GaAccIptype, "GA-ACC-IPTYPE",
    Error,
    "Invalid accelerator IP address type or addresses"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for a in &cx.net.m.accelerators {
        if let Some(t) = &a.ip_address_type {
            if !has_symbol(&t.value) && t.value != "IPV4" && t.value != "DUAL_STACK" {
                out.push(
                    finding(
                        &META,
                        META.severity,
                        &a.origin,
                        t.span,
                        format!("IpAddressType `{}` is not IPV4 or DUAL_STACK", t.value),
                    )
                    .help("\"IpAddressType\": \"IPV4\" (or \"DUAL_STACK\")"),
                );
            }
        }
        if let Some(third) = a.ip_addresses.get(2) {
            out.push(
                finding(&META, META.severity, &a.origin, third.span, format!("{} IpAddresses given: an accelerator takes at most two addresses from your own (BYOIP) pools", a.ip_addresses.len()))
                    .help("keep at most two entries in \"IpAddresses\""),
            );
        }
    }
}
