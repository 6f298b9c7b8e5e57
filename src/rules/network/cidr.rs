//! CIDR arithmetic for security-group sources: parsing, world / broad / private ranges, containment.

use crate::model::symbolic::has_symbol;
use ipnet::IpNet;
use std::net::IpAddr;
use std::str::FromStr;

/// A CIDR as CloudFormation takes it (`10.0.0.0/16`, `::/0`); `None` for anything else (symbols too).
pub fn parse_cidr(s: &str) -> Option<IpNet> {
    if has_symbol(s) {
        return None;
    }
    IpNet::from_str(s.trim()).ok()
}

/// `0.0.0.0/0` or `::/0`.
pub fn is_world(n: &IpNet) -> bool {
    n.prefix_len() == 0
}

/// Project policy for "broad" (SG-BROAD-CIDR): IPv4 prefix ≤ /8, IPv6 prefix ≤ /32.
pub fn is_broad(n: &IpNet) -> bool {
    match n {
        IpNet::V4(v) => v.prefix_len() <= 8,
        IpNet::V6(v) => v.prefix_len() <= 32,
    }
}

const PRIVATE: &[&str] = &[
    "10.0.0.0/8",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "fc00::/7",
    "fe80::/10",
    "::1/128",
];

/// Whether `a` contains all of `b` (same address family).
pub fn contains(a: &IpNet, b: &IpNet) -> bool {
    match (a, b) {
        (IpNet::V4(x), IpNet::V4(y)) => x.contains(y),
        (IpNet::V6(x), IpNet::V6(y)) => x.contains(y),
        _ => false,
    }
}

/// Whether every address of `n` is private (RFC 1918, CGNAT, loopback, link-local, ULA): such a source
/// cannot be an internet client.
pub fn is_private(n: &IpNet) -> bool {
    PRIVATE
        .iter()
        .filter_map(|p| IpNet::from_str(p).ok())
        .any(|p| contains(&p, n))
}

/// Whether an address is inside a CIDR.
pub fn cidr_has_addr(n: &IpNet, a: IpAddr) -> bool {
    n.contains(&a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidr_classes() {
        let w4 = parse_cidr("0.0.0.0/0").unwrap();
        let w6 = parse_cidr("::/0").unwrap();
        assert!(is_world(&w4) && is_world(&w6));
        assert!(is_broad(&parse_cidr("10.0.0.0/8").unwrap()));
        assert!(!is_broad(&parse_cidr("10.0.0.0/9").unwrap()));
        assert!(is_broad(&parse_cidr("2001:db8::/32").unwrap()));
        assert!(!is_broad(&parse_cidr("2001:db8::/33").unwrap()));
        assert!(is_private(&parse_cidr("10.1.0.0/16").unwrap()));
        assert!(is_private(&parse_cidr("fd00:1::/64").unwrap()));
        assert!(!is_private(&parse_cidr("203.0.113.0/24").unwrap()));
        assert!(!is_private(&w4));
        assert!(contains(&w4, &parse_cidr("198.51.100.7/32").unwrap()));
        assert!(!contains(&w4, &parse_cidr("2001:db8::/64").unwrap()));
        assert!(contains(&w6, &parse_cidr("2001:db8::/64").unwrap()));
        assert!(cidr_has_addr(
            &parse_cidr("10.0.0.0/16").unwrap(),
            "10.0.255.1".parse().unwrap()
        ));
        assert!(parse_cidr("10.0.0.0/33").is_none());
        assert!(parse_cidr("not-a-cidr").is_none());
        let sym = crate::model::symbolic::Sym::Parameter {
            key: "s".into(),
            stack: "s".into(),
            name: "Cidr".into(),
        }
        .text();
        assert!(parse_cidr(&sym).is_none());
    }
}
