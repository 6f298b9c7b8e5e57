//! Accelerator and listener schema rules (rules-spec §10): GA-ACC-NAME, GA-ACC-IPTYPE, GA-ACC-DISABLED,
//! GA-LSN-PROTOCOL, GA-LSN-PORTS, GA-LSN-PORT-OVERLAP, GA-LSN-UDP-TO-ALB, GA-LSN-AFFINITY, GA-QUOTA.

use super::common::{fmt_range, Range};
use super::{finding, Ctx};
use crate::model::symbolic::{display, has_symbol};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta, Severity};

pub const ACC_NAME: RuleMeta =
    rule_meta!(GaAccName, "GA-ACC-NAME", Error, "Invalid accelerator name");
pub const ACC_IPTYPE: RuleMeta = rule_meta!(
    GaAccIptype,
    "GA-ACC-IPTYPE",
    Error,
    "Invalid accelerator IP address type or addresses"
);
pub const ACC_DISABLED: RuleMeta = rule_meta!(
    GaAccDisabled,
    "GA-ACC-DISABLED",
    Info,
    "The accelerator is disabled"
);
pub const LSN_PROTOCOL: RuleMeta = rule_meta!(
    GaLsnProtocol,
    "GA-LSN-PROTOCOL",
    Error,
    "Invalid listener protocol or client affinity"
);
pub const LSN_PORTS: RuleMeta = rule_meta!(
    GaLsnPorts,
    "GA-LSN-PORTS",
    Error,
    "Invalid listener port ranges"
);
pub const LSN_PORT_OVERLAP: RuleMeta = rule_meta!(
    GaLsnPortOverlap,
    "GA-LSN-PORT-OVERLAP",
    Error,
    "A port is in more than one listener range of the accelerator"
);
pub const LSN_UDP_TO_ALB: RuleMeta = rule_meta!(
    GaLsnUdpToAlb,
    "GA-LSN-UDP-TO-ALB",
    Warning,
    "UDP listener in front of an Application Load Balancer"
);
pub const LSN_AFFINITY: RuleMeta = rule_meta!(
    GaLsnAffinity,
    "GA-LSN-AFFINITY",
    Info,
    "Client affinity is best effort"
);
pub const QUOTA: RuleMeta = rule_meta!(
    GaQuota,
    "GA-QUOTA",
    Warning,
    "Global Accelerator quota exceeded"
);

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let m = ctx.net.m;
    for (ai, a) in m.accelerators.iter().enumerate() {
        if let Some(n) = &a.name {
            let v = &n.value;
            let bad_char = v
                .chars()
                .any(|c| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'));
            let bad_end = v.starts_with(['-', '.']) || v.ends_with(['-', '.']);
            if !has_symbol(v) && (v.len() > 64 || bad_char || bad_end || v.is_empty()) {
                let why = if v.len() > 64 {
                    format!("is {} characters long (at most 64)", v.len())
                } else if bad_char {
                    "contains characters other than letters, digits, `.` and `-`".to_string()
                } else {
                    "begins or ends with `-` or `.`".to_string()
                };
                out.push(
                    finding(&ACC_NAME, ACC_NAME.severity, &a.origin, n.span, format!("accelerator name `{v}` {why}"))
                        .help("\"Name\": \"workshop-accelerator\" (1–64 letters, digits, `.` or `-`, not starting or ending with `-` or `.`)"),
                );
            }
        }
        if let Some(t) = &a.ip_address_type {
            if !has_symbol(&t.value) && t.value != "IPV4" && t.value != "DUAL_STACK" {
                out.push(
                    finding(
                        &ACC_IPTYPE,
                        ACC_IPTYPE.severity,
                        &a.origin,
                        t.span,
                        format!("IpAddressType `{}` is not IPV4 or DUAL_STACK", t.value),
                    )
                    .help("\"IpAddressType\": \"IPV4\" (or \"DUAL_STACK\")"),
                );
            }
        }
        if a.ip_addresses.len() > 2 {
            out.push(
                finding(&ACC_IPTYPE, ACC_IPTYPE.severity, &a.origin, a.ip_addresses[2].span, format!("{} IpAddresses given: an accelerator takes at most two addresses from your own (BYOIP) pools", a.ip_addresses.len()))
                    .help("keep at most two entries in \"IpAddresses\""),
            );
        }
        if let Some(e) = &a.enabled {
            if !e.value {
                out.push(
                    finding(&ACC_DISABLED, ACC_DISABLED.severity, &a.origin, e.span, "the accelerator is disabled: it routes no traffic (it must be disabled before it can be deleted)")
                        .help("\"Enabled\": true"),
                );
            }
        }
        let listeners = m.listeners_of_accelerator(ai);
        if listeners.len() > 10 {
            let l = &m.ga_listeners[listeners[10]];
            out.push(
                finding(
                    &QUOTA,
                    QUOTA.severity,
                    &l.origin,
                    l.origin.logical_id_span,
                    format!(
                        "accelerator {} has {} listeners; the default quota is 10 per accelerator",
                        a.origin.logical_id,
                        listeners.len()
                    ),
                )
                .help("merge port ranges into fewer listeners, or request a quota increase"),
            );
        }
        // Port overlap across all ranges of the accelerator (sorted sweep).
        let mut ranges: Vec<(Range, usize, crate::source::Span)> = Vec::new();
        for &li in listeners {
            for r in &m.ga_listeners[li].port_ranges {
                if let (Some(f), Some(t)) = (r.from, r.to) {
                    if f <= t {
                        ranges.push(((f, t), li, r.span));
                    }
                }
            }
        }
        ranges.sort_by_key(|(r, li, s)| (r.0, r.1, *li, s.start));
        let mut reach: Option<(Range, usize, crate::source::Span)> = None;
        for cur in ranges {
            if let Some(prev) = reach {
                if cur.0 .0 <= prev.0 .1 {
                    let l = &m.ga_listeners[cur.1];
                    let pl = &m.ga_listeners[prev.1];
                    let shared = (cur.0 .0, cur.0 .1.min(prev.0 .1));
                    out.push(
                        finding(&LSN_PORT_OVERLAP, LSN_PORT_OVERLAP.severity, &l.origin, cur.2, format!("port {} of this range is already in another listener range of accelerator {} (InvalidPortRangeException: not unique for this accelerator)", fmt_range(shared), a.origin.logical_id))
                            .related(pl.origin.file, prev.2, "the other range")
                            .help("make the port ranges of an accelerator's listeners disjoint"),
                    );
                }
                if cur.0 .1 > prev.0 .1 {
                    reach = Some(cur);
                }
            } else {
                reach = Some(cur);
            }
        }
    }
    for (li, l) in m.ga_listeners.iter().enumerate() {
        let udp = match &l.protocol {
            Some(p) if !has_symbol(&p.value) => {
                let v = p.value.to_ascii_uppercase();
                if v != "TCP" && v != "UDP" {
                    out.push(
                        finding(
                            &LSN_PROTOCOL,
                            LSN_PROTOCOL.severity,
                            &l.origin,
                            p.span,
                            format!("listener protocol `{}` is not TCP or UDP", p.value),
                        )
                        .help("\"Protocol\": \"TCP\""),
                    );
                }
                v == "UDP"
            }
            _ => false,
        };
        if let Some(c) = &l.client_affinity {
            if !has_symbol(&c.value) {
                match c.value.to_ascii_uppercase().as_str() {
                    "NONE" => {}
                    "SOURCE_IP" => out.push(finding(&LSN_AFFINITY, LSN_AFFINITY.severity, &l.origin, c.span, "client affinity SOURCE_IP sends a client to the same endpoint only while its edge location stays the same; it is not a session guarantee").help("keep session state outside the endpoints if clients must not lose it")),
                    _ => out.push(finding(&LSN_PROTOCOL, LSN_PROTOCOL.severity, &l.origin, c.span, format!("ClientAffinity `{}` is not NONE or SOURCE_IP", c.value)).help("\"ClientAffinity\": \"NONE\" (or \"SOURCE_IP\")")),
                }
            }
        }
        let n = l.port_ranges.len();
        if n == 0 || n > 10 {
            let span = if n > 10 {
                l.port_ranges[10].span
            } else {
                l.origin.logical_id_span
            };
            out.push(
                finding(
                    &LSN_PORTS,
                    LSN_PORTS.severity,
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
                            &LSN_PORTS,
                            LSN_PORTS.severity,
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
                    out.push(
                        finding(
                            &LSN_PORTS,
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
        if udp {
            for &gi in m.endpoint_groups_of_listener(li) {
                let g = &m.endpoint_groups[gi];
                for ep in &g.endpoints {
                    let Some(lb) = ep.load_balancer else { continue };
                    let lb = &m.load_balancers[lb];
                    if lb.type_str() == "application" {
                        let span = ep.id.as_ref().map_or(ep.span, |i| i.span);
                        out.push(
                            finding(&LSN_UDP_TO_ALB, LSN_UDP_TO_ALB.severity, &g.origin, span, format!("UDP listener {} sends to Application Load Balancer {}, which only accepts HTTP/HTTPS over TCP", l.origin.logical_id, lb.origin.logical_id))
                                .related(l.origin.file, l.protocol.as_ref().map_or(l.origin.logical_id_span, |p| p.span), "UDP listener")
                                .help("\"Protocol\": \"TCP\" on the listener (or use a Network Load Balancer for UDP)"),
                        );
                    }
                }
            }
        }
    }
    for g in &m.endpoint_groups {
        if g.endpoints.len() > 10 {
            out.push(
                finding(
                    &QUOTA,
                    QUOTA.severity,
                    &g.origin,
                    g.endpoints[10].span,
                    format!(
                        "endpoint group has {} endpoints; the quota is 10 per endpoint group",
                        g.endpoints.len()
                    ),
                )
                .help("split endpoints across accelerators, or request a quota increase"),
            );
        }
        if g.port_overrides.len() > 10 {
            out.push(
                finding(
                    &QUOTA,
                    QUOTA.severity,
                    &g.origin,
                    g.port_overrides[10].span,
                    format!(
                        "endpoint group has {} port overrides; the quota is 10 per endpoint group",
                        g.port_overrides.len()
                    ),
                )
                .help("use fewer port overrides"),
            );
        }
        let _ = display;
    }
}
