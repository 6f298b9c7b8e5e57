//! Exposure of security-group ingress rules: for each rule, the one defect among "all protocols",
//! "IPv6 forgotten", "world ingress", "broad CIDR" and "all ports" that describes it best (rules-spec
//! §12). Computed once per run ([`super::Ctx::exposures`]); the SG-* rule of each kind reports it. Rules
//! already reported as GASG-BYPASS-OPEN are left out: one defect, one finding.

use super::cidr::{is_broad, is_private, is_world, parse_cidr};
use super::ports::{overlaps, Range};
use super::reachability::Reachability;
use super::rule_source::{rule_file, Net};
use crate::graph::relations;
use crate::model::ec2::SgRule;
use crate::model::symbolic::has_symbol;
use crate::model::Model;
use crate::source::Span;
use ipnet::IpNet;

/// Public application ports (Security Hub EC2.18 default authorized ports).
const PUBLIC_PORTS: &[i64] = &[80, 443];

/// What is wrong with an ingress rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exposure {
    /// `IpProtocol: -1`. `cidr`: the CIDR source, if it is one; `world_beyond_lb`: from the whole
    /// internet to a group that is not only on load balancers (which expose only listener ports).
    AllProtocols {
        cidr: Option<(IpNet, Span)>,
        world_beyond_lb: bool,
    },
    /// `::/0` where IPv4 is restricted on the same ports.
    Ipv6Forgotten {
        cidr: IpNet,
        span: Span,
        range: Range,
    },
    /// The whole internet on a port other than 80/443.
    WorldIngress {
        cidr: IpNet,
        span: Span,
        range: Range,
    },
    /// A public range of /8 (IPv4) or /32 (IPv6) or wider.
    BroadCidr {
        cidr: IpNet,
        span: Span,
        range: Range,
    },
    /// Every port of a protocol.
    AllPorts { range: Range },
}

/// One exposed ingress rule.
#[derive(Debug, Clone)]
pub struct Exposed<'m> {
    /// Index into `Model::security_groups`.
    pub sg: usize,
    pub rule: &'m SgRule,
    pub exposure: Exposure,
}

/// The ports of a rule for any protocol: `None` for ICMP and unknown values.
pub fn any_ports(r: &SgRule) -> Option<Range> {
    let p = r.protocol.as_ref()?;
    if has_symbol(&p.value) {
        return None;
    }
    if r.all_protocols() {
        return Some((0, 65535));
    }
    let v = p.value.to_ascii_lowercase();
    if !matches!(v.as_str(), "tcp" | "udp" | "6" | "17") {
        return None;
    }
    match (&r.from_port, &r.to_port) {
        (Some(f), Some(t)) if f.value == -1 && t.value == -1 => Some((0, 65535)),
        (Some(f), Some(t)) if f.value >= 0 && f.value <= t.value => Some((f.value, t.value)),
        _ => None,
    }
}

pub fn proto_name(r: &SgRule) -> String {
    r.protocol
        .as_ref()
        .map_or("tcp".to_string(), |p| match p.value.as_str() {
            "6" => "tcp".to_string(),
            "17" => "udp".to_string(),
            v => v.to_ascii_lowercase(),
        })
}

fn cidr_of(r: &SgRule) -> Option<(IpNet, Span)> {
    let c = r.cidr_ipv4.as_ref().or(r.cidr_ipv6.as_ref())?;
    parse_cidr(&c.value).map(|n| (n, c.span))
}

/// Whether the group is attached to a load balancer and to nothing else the analysed templates show
/// (an instance that names it, by id or by its generated `GroupId`).
fn lb_only(m: &Model, si: usize) -> bool {
    let on_lb = m
        .load_balancers
        .iter()
        .any(|lb| lb.sg_links.contains(&Some(si)));
    let Some(id) = m.security_groups.get(si).map(|g| &g.group_id) else {
        return false;
    };
    let on_instance = m
        .instances
        .iter()
        .any(|i| i.security_groups.iter().any(|g| &g.value == id));
    on_lb && !on_instance
}

/// Every exposed ingress rule, in model order.
pub fn compute<'m>(net: &Net<'m>, reach: &Reachability) -> Vec<Exposed<'m>> {
    let m: &'m Model = net.m;
    let mut out = Vec::new();
    for (si, sg) in m.security_groups.iter().enumerate() {
        let ingress = relations::admitting_rules(m, si);
        // IPv4 rules per port, to tell a forgotten ::/0 from a deliberately public port.
        let v4: Vec<(Range, bool)> = ingress
            .iter()
            .filter_map(|r| {
                let (n, _) = cidr_of(r)?;
                matches!(n, IpNet::V4(_)).then_some(())?;
                Some((any_ports(r)?, is_world(&n)))
            })
            .collect();
        for r in ingress {
            if reach
                .claimed
                .contains(&(rule_file(r, sg), Net::peer_span(r)))
            {
                continue;
            }
            if let Some(exposure) = classify(m, si, r, &v4) {
                out.push(Exposed {
                    sg: si,
                    rule: r,
                    exposure,
                });
            }
        }
    }
    out
}

fn classify(m: &Model, si: usize, r: &SgRule, v4: &[(Range, bool)]) -> Option<Exposure> {
    let ports = any_ports(r);
    if let Some((n, span)) = cidr_of(r) {
        let world = is_world(&n);
        if r.all_protocols() {
            return Some(Exposure::AllProtocols {
                cidr: Some((n, span)),
                world_beyond_lb: world && !lb_only(m, si),
            });
        }
        let range = ports?;
        if world {
            if matches!(n, IpNet::V6(_)) {
                let v4_here: Vec<&(Range, bool)> =
                    v4.iter().filter(|(p, _)| overlaps(*p, range)).collect();
                if !v4_here.is_empty() && v4_here.iter().all(|(_, w)| !w) {
                    return Some(Exposure::Ipv6Forgotten {
                        cidr: n,
                        span,
                        range,
                    });
                }
            }
            let public_only = (range.0..=range.1).all(|p| PUBLIC_PORTS.contains(&p));
            if public_only {
                return None;
            }
            return Some(Exposure::WorldIngress {
                cidr: n,
                span,
                range,
            });
        }
        if is_broad(&n) && !is_private(&n) {
            return Some(Exposure::BroadCidr {
                cidr: n,
                span,
                range,
            });
        }
    } else if r.all_protocols() {
        return Some(Exposure::AllProtocols {
            cidr: None,
            world_beyond_lb: false,
        });
    }
    let range = ports?;
    (range.0 <= 1 && range.1 >= 65535).then_some(Exposure::AllPorts { range })
}

#[cfg(test)]
mod tests;
