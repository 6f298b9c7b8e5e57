//! Port arithmetic: inclusive ranges, what remains uncovered, and the TCP ports a security-group rule
//! covers.

use crate::model::ec2::SgRule;
use crate::model::symbolic::has_symbol;

/// An inclusive port range.
pub type Range = (i64, i64);

/// The parts of `target` not covered by any of `covered`.
pub fn subtract(target: Range, covered: &[Range]) -> Vec<Range> {
    let mut c: Vec<Range> = covered
        .iter()
        .copied()
        .filter(|(a, b)| a <= b && *b >= target.0 && *a <= target.1)
        .collect();
    c.sort_unstable();
    let mut out = Vec::new();
    let mut next = target.0;
    for (a, b) in c {
        if a > next {
            out.push((next, (a - 1).min(target.1)));
        }
        next = next.max(b.saturating_add(1));
        if next > target.1 {
            return out;
        }
    }
    if next <= target.1 {
        out.push((next, target.1));
    }
    out
}

pub fn overlaps(a: Range, b: Range) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

pub fn fmt_range(r: Range) -> String {
    if r.0 == r.1 {
        r.0.to_string()
    } else {
        format!("{}-{}", r.0, r.1)
    }
}

pub fn fmt_ranges(rs: &[Range]) -> String {
    rs.iter()
        .map(|r| fmt_range(*r))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Which TCP ports a security-group rule covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ports {
    /// `tcp`/`6` with known ports.
    Tcp(Range),
    /// `-1` or a protocol number other than tcp/udp/icmp/icmpv6: every port of every protocol.
    All,
    /// udp, icmp, icmpv6: no TCP port.
    NotTcp,
    /// Protocol or ports not known statically.
    Unknown,
}

pub fn tcp_ports(r: &SgRule) -> Ports {
    let Some(p) = &r.protocol else {
        return Ports::Unknown;
    };
    if has_symbol(&p.value) {
        return Ports::Unknown;
    }
    if r.all_protocols() {
        return Ports::All;
    }
    let v = p.value.to_ascii_lowercase();
    if v != "tcp" && v != "6" {
        return Ports::NotTcp;
    }
    match (&r.from_port, &r.to_port) {
        (Some(f), Some(t)) if f.value >= 0 && t.value >= f.value => Ports::Tcp((f.value, t.value)),
        (Some(f), Some(t)) if f.value == -1 && t.value == -1 => Ports::All,
        _ => Ports::Unknown,
    }
}

impl Ports {
    pub fn range(self) -> Option<Range> {
        match self {
            Ports::Tcp(r) => Some(r),
            Ports::All => Some((0, 65535)),
            _ => None,
        }
    }
    pub fn describe(self) -> String {
        match self {
            Ports::Tcp(r) => format!("tcp {}", fmt_range(r)),
            Ports::All => "all traffic".to_string(),
            Ports::NotTcp => "no tcp port".to_string(),
            Ports::Unknown => "unknown ports".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_arithmetic() {
        assert_eq!(subtract((80, 80), &[(80, 80)]), vec![]);
        assert_eq!(subtract((80, 80), &[(0, 65535)]), vec![]);
        assert_eq!(
            subtract((80, 443), &[(100, 200)]),
            vec![(80, 99), (201, 443)]
        );
        assert_eq!(
            subtract((1, 10), &[(3, 4), (2, 3), (8, 20)]),
            vec![(1, 1), (5, 7)]
        );
        assert_eq!(subtract((443, 443), &[(80, 80)]), vec![(443, 443)]);
        assert!(overlaps((80, 90), (90, 100)) && !overlaps((80, 89), (90, 100)));
        assert_eq!(fmt_ranges(&[(80, 80), (1000, 2000)]), "80, 1000-2000");
    }
}
