//! Shared computations of the network family: CIDR and port arithmetic, security-group rule sources,
//! recognition of the accelerator's `GlobalAccelerator` security group, VPC identity, and the raw
//! template text (parameters, `DependsOn`) that the typed model does not keep.

use crate::model::ec2::{SecurityGroup, SgRule};
use crate::model::origin::Origin;
use crate::model::symbolic::{display, has_symbol, symbols, Sym};
use crate::model::{Kind, Model};
use crate::source::{FileId, Node, SourceMap, Span, Spanned};
use ipnet::IpNet;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;
use std::str::FromStr;

// ------------------------------------------------------------------ CIDRs

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

// ------------------------------------------------------------------ ports

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

// ------------------------------------------------------------------ VPC identity

/// A VPC as far as trustlint can tell: a literal id, or a VPC resource of the templates.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum VpcKey {
    Lit(String),
    Idx(usize),
}

impl VpcKey {
    /// Whether two keys are known to name different VPCs (a literal and an unpinned resource may be
    /// the same VPC: not known).
    pub fn differs(&self, other: &VpcKey) -> bool {
        match (self, other) {
            (VpcKey::Lit(a), VpcKey::Lit(b)) => a != b,
            (VpcKey::Idx(a), VpcKey::Idx(b)) => a != b,
            _ => false,
        }
    }
}

fn vpc_key_of_idx(m: &Model, v: usize) -> VpcKey {
    match m.vpcs.get(v) {
        Some(x) if !has_symbol(&x.vpc_id) => VpcKey::Lit(x.vpc_id.clone()),
        _ => VpcKey::Idx(v),
    }
}

/// The VPC of a VPC-id value written in `from` (a `Ref` to a VPC, or a literal `vpc-…`).
pub fn vpc_key_of_text(m: &Model, s: &str, from: &Origin) -> Option<VpcKey> {
    if let Some((v, _)) = m.resolve(Kind::Vpc, s, from) {
        return Some(vpc_key_of_idx(m, v));
    }
    (!has_symbol(s) && !s.is_empty()).then(|| VpcKey::Lit(s.to_string()))
}

pub fn sg_vpc(m: &Model, sg: &SecurityGroup) -> Option<VpcKey> {
    if let Some(v) = sg.vpc {
        return Some(vpc_key_of_idx(m, v));
    }
    let v = sg.vpc_id.as_ref()?;
    (!has_symbol(&v.value)).then(|| VpcKey::Lit(v.value.clone()))
}

/// The VPC of a load balancer: its security groups' VPC, else its subnets' VPC.
pub fn lb_vpc(m: &Model, lb: usize) -> Option<VpcKey> {
    let l = m.load_balancers.get(lb)?;
    for s in l.sg_links.iter().flatten() {
        if let Some(k) = sg_vpc(m, &m.security_groups[*s]) {
            return Some(k);
        }
    }
    for sn in &l.subnets {
        if let Some((i, _)) = m.resolve(Kind::Subnet, &sn.value, &l.origin) {
            if let Some(v) = m.subnets[i].vpc {
                return Some(vpc_key_of_idx(m, v));
            }
        }
    }
    None
}

/// The VPC resource index of a load balancer (for its internet gateways), when modelled.
pub fn lb_vpc_index(m: &Model, lb: usize) -> Option<usize> {
    let l = m.load_balancers.get(lb)?;
    for sn in &l.subnets {
        if let Some((i, _)) = m.resolve(Kind::Subnet, &sn.value, &l.origin) {
            if let Some(v) = m.subnets[i].vpc {
                return Some(v);
            }
        }
    }
    l.sg_links
        .iter()
        .flatten()
        .find_map(|s| m.security_groups[*s].vpc)
}

// ------------------------------------------------------------------ raw templates

/// Parsed source of templates, for what the typed model does not keep (`Parameters`, `DependsOn`).
/// Parsed lazily, once per file.
#[derive(Default)]
pub struct RawTemplates {
    cache: RefCell<HashMap<FileId, Option<std::rc::Rc<Node>>>>,
}

impl RawTemplates {
    pub fn get(&self, sources: &SourceMap, file: FileId) -> Option<std::rc::Rc<Node>> {
        if let Some(n) = self.cache.borrow().get(&file) {
            return n.clone();
        }
        let parsed = if (file.0 as usize) < sources.len() {
            let f = sources.get(file);
            let text: &str = &f.text;
            let lower = f.path.to_ascii_lowercase();
            let node = if lower.ends_with(".yaml") || lower.ends_with(".yml") {
                crate::source::yaml::parse(text)
                    .ok()
                    .and_then(|v| v.into_iter().next())
            } else {
                crate::source::json::parse(text).ok().or_else(|| {
                    crate::source::yaml::parse(text)
                        .ok()
                        .and_then(|v| v.into_iter().next())
                })
            };
            node.map(std::rc::Rc::new)
        } else {
            None
        };
        self.cache.borrow_mut().insert(file, parsed.clone());
        parsed
    }
}

/// `DependsOn` of a resource (string or list), from the raw template.
pub fn depends_on(raw: &Node, logical_id: &str) -> Vec<String> {
    let Some(r) = raw.get("Resources").and_then(|r| r.get(logical_id)) else {
        return Vec::new();
    };
    match r.get("DependsOn") {
        Some(d) => match d.as_array() {
            Some(items) => items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect(),
            None => d.as_str().map(str::to_string).into_iter().collect(),
        },
        None => Vec::new(),
    }
}

// ------------------------------------------------------------------ sources of rules

/// How the accelerator's `GlobalAccelerator` security group was recognised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GaHow {
    /// `trustlint.toml` `[global_accelerator] security_groups` maps this VPC to the id.
    Config(String),
    /// The `GetAtt` of a CDK lookup custom resource (index into `Model::sg_lookups`).
    Lookup(usize),
    /// A template parameter of type `AWS::EC2::SecurityGroup::Id` named/described as the GA group.
    Param(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GaSg {
    pub how: GaHow,
    /// The VPC the group belongs to, when known.
    pub vpc: Option<VpcKey>,
}

impl GaSg {
    pub fn describe(&self, m: &Model) -> String {
        match &self.how {
            GaHow::Config(v) => {
                format!("the GlobalAccelerator security group of {v} (trustlint.toml)")
            }
            GaHow::Lookup(i) => format!(
                "the GlobalAccelerator security group looked up by {}",
                m.sg_lookups[*i].origin.logical_id
            ),
            GaHow::Param(p) => format!("the GlobalAccelerator security group (parameter {p})"),
        }
    }
}

/// Where a security-group rule admits traffic from (ingress) or sends it to (egress).
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    Cidr(IpNet),
    Ga(GaSg),
    /// A group defined in the templates that is presented as the accelerator's group — GA never attaches
    /// a group it did not create.
    SelfMade(usize),
    /// Another group defined in the templates.
    Group(usize),
    PrefixList(String),
    /// A source trustlint cannot identify (display text).
    Unknown(String),
    /// No source at all (malformed rule).
    None,
}

impl Source {
    pub fn describe(&self, m: &Model) -> String {
        match self {
            Source::Cidr(n) => n.to_string(),
            Source::Ga(g) => g.describe(m),
            Source::SelfMade(i) | Source::Group(i) => {
                format!("security group {}", m.security_groups[*i].origin.logical_id)
            }
            Source::PrefixList(p) => format!("prefix list {p}"),
            Source::Unknown(s) => s.clone(),
            Source::None => "no source".to_string(),
        }
    }
}

/// Normalised text for "is this named like the Global Accelerator group".
fn says_global_accelerator(s: &str) -> bool {
    let n: String = s
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    n.contains("globalaccelerator") || n.contains("accelerator")
}

/// The model plus the indexes the network rules need, built once per run.
pub struct Net<'a> {
    pub m: &'a Model,
    pub sources: &'a SourceMap,
    /// sg id → VPC id, from `[global_accelerator] security_groups`.
    pub config_groups: HashMap<String, String>,
    /// (stack key, logical id) → index into `Model::sg_lookups` (lookups of the `GlobalAccelerator` group).
    pub lookups: HashMap<(String, String), usize>,
    /// stack key → its file.
    pub stack_files: HashMap<String, FileId>,
    pub raw: RawTemplates,
}

impl<'a> Net<'a> {
    pub fn new(m: &'a Model, sources: &'a SourceMap, groups: &BTreeMap<String, String>) -> Net<'a> {
        let config_groups = groups.iter().map(|(v, s)| (s.clone(), v.clone())).collect();
        let lookups = m
            .sg_lookups
            .iter()
            .enumerate()
            .filter(|(_, l)| l.group_names.iter().any(|n| n == "GlobalAccelerator"))
            .map(|(i, l)| ((l.origin.stack_key.clone(), l.origin.logical_id.clone()), i))
            .collect();
        let mut stack_files = HashMap::new();
        let origins = m
            .security_groups
            .iter()
            .map(|s| &s.origin)
            .chain(m.sg_rules.iter().filter_map(|r| r.rule.standalone.as_ref()))
            .chain(m.load_balancers.iter().map(|l| &l.origin))
            .chain(m.opaque.iter().map(|o| &o.origin));
        for o in origins {
            stack_files.entry(o.stack_key.clone()).or_insert(o.file);
        }
        Net {
            m,
            sources,
            config_groups,
            lookups,
            stack_files,
            raw: RawTemplates::default(),
        }
    }

    /// Whether a `SecurityGroupId` value names the accelerator's `GlobalAccelerator` group.
    pub fn ga_sg(&self, text: &str) -> Option<GaSg> {
        if let Some(vpc) = self.config_groups.get(text) {
            return Some(GaSg {
                how: GaHow::Config(vpc.clone()),
                vpc: Some(match self.m.lookup(Kind::Vpc, vpc) {
                    Some(v) => vpc_key_of_idx(self.m, v),
                    None => VpcKey::Lit(vpc.clone()),
                }),
            });
        }
        for id in symbols(text) {
            let sym = id.get();
            if let Sym::Generated {
                key, logical_id, ..
            } = &*sym
            {
                if let Some(&i) = self.lookups.get(&(key.clone(), logical_id.clone())) {
                    let l = &self.m.sg_lookups[i];
                    let vpc = match l.vpc_ids.as_slice() {
                        [one] => vpc_key_of_text(self.m, one, &l.origin),
                        _ => None,
                    };
                    return Some(GaSg {
                        how: GaHow::Lookup(i),
                        vpc,
                    });
                }
            }
            if let Sym::Parameter { key, name, .. } = &*sym {
                if self.is_ga_parameter(key, name) {
                    return Some(GaSg {
                        how: GaHow::Param(name.to_string()),
                        vpc: None,
                    });
                }
            }
        }
        None
    }

    fn is_ga_parameter(&self, stack: &str, name: &str) -> bool {
        let Some(file) = self.stack_files.get(stack) else {
            return false;
        };
        let Some(raw) = self.raw.get(self.sources, *file) else {
            return false;
        };
        let Some(def) = raw.get("Parameters").and_then(|p| p.get(name)) else {
            return false;
        };
        let ty = def.get("Type").and_then(Node::as_str).unwrap_or("");
        let desc = def.get("Description").and_then(Node::as_str).unwrap_or("");
        ty == "AWS::EC2::SecurityGroup::Id"
            && (says_global_accelerator(name) || says_global_accelerator(desc))
    }

    /// Whether a defined group presents itself as the accelerator's group.
    pub fn self_made(&self, sg: usize) -> bool {
        let g = &self.m.security_groups[sg];
        g.group_name
            .as_ref()
            .is_some_and(|n| n.value.eq_ignore_ascii_case("GlobalAccelerator"))
            || says_global_accelerator(&g.origin.logical_id)
    }

    /// Classify the peer of a rule (ingress source or egress destination).
    pub fn source(&self, r: &SgRule) -> Source {
        if let Some(c) = r.cidr_ipv4.as_ref().or(r.cidr_ipv6.as_ref()) {
            return match parse_cidr(&c.value) {
                Some(n) => Source::Cidr(n),
                None => Source::Unknown(display(&c.value)),
            };
        }
        if let Some(p) = &r.peer_group_id {
            if let Some(g) = self.ga_sg(&p.value) {
                return Source::Ga(g);
            }
            return match r.peer_group {
                Some(i) if self.self_made(i) => Source::SelfMade(i),
                Some(i) => Source::Group(i),
                None => Source::Unknown(format!("security group {}", display(&p.value))),
            };
        }
        if let Some(n) = &r.peer_group_name {
            return Source::Unknown(format!("security group named {}", display(&n.value)));
        }
        if let Some(p) = &r.prefix_list {
            return Source::PrefixList(display(&p.value));
        }
        Source::None
    }

    /// The span of a rule's peer (`CidrIp`, `SourceSecurityGroupId`, …), else the rule.
    pub fn peer_span(r: &SgRule) -> Span {
        r.cidr_ipv4
            .as_ref()
            .or(r.cidr_ipv6.as_ref())
            .or(r.peer_group_id.as_ref())
            .or(r.peer_group_name.as_ref())
            .or(r.prefix_list.as_ref())
            .map_or(r.span, |s: &Spanned<String>| s.span)
    }
}

/// The file a rule is written in: its standalone resource's, else its group's.
pub fn rule_file(r: &SgRule, sg: &SecurityGroup) -> FileId {
    r.standalone.as_ref().map_or(sg.origin.file, |o| o.file)
}

/// The logical id a rule belongs to (for suppression and `resource`).
pub fn rule_resource(r: &SgRule, sg: &SecurityGroup) -> String {
    r.standalone
        .as_ref()
        .map_or_else(|| sg.origin.logical_id.clone(), |o| o.logical_id.clone())
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

    #[test]
    fn labels() {
        assert!(says_global_accelerator("GlobalAcceleratorSecurityGroupId"));
        assert!(!says_global_accelerator("AlbSecurityGroup"));
    }
}
