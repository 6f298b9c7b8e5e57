//! Security groups in general (rules-spec §12): SG-WORLD-INGRESS, SG-ALL-PROTOCOLS, SG-ALL-PORTS,
//! SG-BROAD-CIDR, SG-IPV6-FORGOTTEN, SG-REF-VPC, SG-REF-OWNER, SG-CIRCULAR-INLINE, SG-DESCRIPTION-CHARS.
//!
//! Rules already reported as GASG-BYPASS-OPEN (an accelerator-fronted load balancer left open) are not
//! reported again here.

use super::common::{
    fmt_range, is_broad, is_private, is_world, parse_cidr, rule_file, rule_resource, sg_vpc, Net,
    Range,
};
use super::Ctx;
use crate::model::ec2::{SecurityGroup, SgRule};
use crate::model::symbolic::has_symbol;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta, Severity};
use ipnet::IpNet;
use std::collections::HashMap;

pub const WORLD_INGRESS: RuleMeta = rule_meta!(
    SgWorldIngress,
    "SG-WORLD-INGRESS",
    Warning,
    "Ingress from the whole internet on a non-public port"
);
pub const ALL_PROTOCOLS: RuleMeta = rule_meta!(
    SgAllProtocols,
    "SG-ALL-PROTOCOLS",
    Warning,
    "Ingress rule for all protocols (every port open)"
);
pub const ALL_PORTS: RuleMeta = rule_meta!(
    SgAllPorts,
    "SG-ALL-PORTS",
    Warning,
    "Ingress rule for every port"
);
pub const BROAD_CIDR: RuleMeta = rule_meta!(
    SgBroadCidr,
    "SG-BROAD-CIDR",
    Warning,
    "Ingress from a very broad CIDR"
);
pub const IPV6_FORGOTTEN: RuleMeta = rule_meta!(
    SgIpv6Forgotten,
    "SG-IPV6-FORGOTTEN",
    Warning,
    "IPv4 is restricted but ::/0 is still admitted"
);
pub const REF_VPC: RuleMeta = rule_meta!(
    SgRefVpc,
    "SG-REF-VPC",
    Error,
    "Security group referenced from another VPC"
);
pub const REF_OWNER: RuleMeta = rule_meta!(
    SgRefOwner,
    "SG-REF-OWNER",
    Error,
    "Cross-account security group reference without SourceSecurityGroupOwnerId"
);
pub const CIRCULAR_INLINE: RuleMeta = rule_meta!(
    SgCircularInline,
    "SG-CIRCULAR-INLINE",
    Error,
    "Security groups reference each other in inline rules"
);
pub const DESCRIPTION_CHARS: RuleMeta = rule_meta!(
    SgDescriptionChars,
    "SG-DESCRIPTION-CHARS",
    Error,
    "Invalid security group description or name"
);

/// Public application ports (Security Hub EC2.18 default authorized ports).
const PUBLIC_PORTS: &[i64] = &[80, 443];
/// Administration / database ports (Security Hub EC2.19 high-risk list, from memory: used in messages only).
const ADMIN_PORTS: &[(i64, &str)] = &[
    (20, "FTP data"),
    (21, "FTP"),
    (22, "SSH"),
    (23, "Telnet"),
    (25, "SMTP"),
    (110, "POP3"),
    (135, "RPC"),
    (143, "IMAP"),
    (445, "SMB"),
    (1433, "SQL Server"),
    (1434, "SQL Server"),
    (3000, "dev servers"),
    (3306, "MySQL"),
    (3389, "RDP"),
    (4333, "mSQL"),
    (5000, "dev servers"),
    (5432, "PostgreSQL"),
    (5500, "VNC"),
    (5601, "Kibana"),
    (8080, "HTTP proxy"),
    (8088, "Hadoop"),
    (8888, "notebooks"),
    (9200, "Elasticsearch"),
    (9300, "Elasticsearch"),
];

/// The ports of a rule for any protocol: `None` for ICMP and unknown values.
fn any_ports(r: &SgRule) -> Option<Range> {
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

fn proto_name(r: &SgRule) -> String {
    r.protocol
        .as_ref()
        .map_or("tcp".to_string(), |p| match p.value.as_str() {
            "6" => "tcp".to_string(),
            "17" => "udp".to_string(),
            v => v.to_ascii_lowercase(),
        })
}

fn cidr_of(r: &SgRule) -> Option<(IpNet, crate::source::Span)> {
    let c = r.cidr_ipv4.as_ref().or(r.cidr_ipv6.as_ref())?;
    parse_cidr(&c.value).map(|n| (n, c.span))
}

fn f(
    meta: &RuleMeta,
    sev: Severity,
    r: &SgRule,
    sg: &SecurityGroup,
    span: crate::source::Span,
    msg: String,
) -> Finding {
    Finding::new(meta.id, sev, rule_file(r, sg), span, msg).resource(Some(rule_resource(r, sg)))
}

/// Whether the group is attached to a load balancer and to nothing else the analysed templates show
/// (an instance that names it, by id or by its generated `GroupId`).
fn lb_only(m: &crate::model::Model, si: usize) -> bool {
    let on_lb = m
        .load_balancers
        .iter()
        .any(|lb| lb.sg_links.contains(&Some(si)));
    let id = &m.security_groups[si].group_id;
    let on_instance = m
        .instances
        .iter()
        .any(|i| i.security_groups.iter().any(|g| &g.value == id));
    on_lb && !on_instance
}

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let m = ctx.net.m;
    let claimed = &ctx.reach().claimed;
    let peering = m
        .opaque
        .iter()
        .any(|o| o.origin.type_name == "AWS::EC2::VPCPeeringConnection");
    for (si, sg) in m.security_groups.iter().enumerate() {
        descriptions(sg, out);
        let ingress = m.ingress(si);
        // IPv4 rules per port, to tell a forgotten ::/0 from a deliberately public port.
        let v4: Vec<(Range, bool)> = ingress
            .iter()
            .filter_map(|r| {
                let (n, _) = cidr_of(r)?;
                matches!(n, IpNet::V4(_)).then_some(())?;
                Some((any_ports(r)?, is_world(&n)))
            })
            .collect();
        for r in &ingress {
            let file = rule_file(r, sg);
            if claimed.contains(&(file, Net::peer_span(r))) {
                continue;
            }
            let ports = any_ports(r);
            let proto = proto_name(r);
            if let Some((n, span)) = cidr_of(r) {
                let world = is_world(&n);
                if r.all_protocols() {
                    // A group that protects only load balancers exposes only their listener ports
                    // (rules-spec: SG-ALL-PROTOCOLS is then a warning).
                    let sev = if world && !lb_only(m, si) {
                        Severity::Error
                    } else {
                        Severity::Warning
                    };
                    let ps = r.protocol.as_ref().map_or(span, |p| p.span);
                    out.push(f(&ALL_PROTOCOLS, sev, r, sg, ps, format!("{} admits all protocols and ports (IpProtocol {}) from {n}", sg.origin.logical_id, r.protocol.as_ref().map_or("-1", |p| p.value.as_str())))
                        .label("all traffic, FromPort/ToPort are ignored")
                        .help(format!("admit only what is needed, e.g. {{ \"IpProtocol\": \"tcp\", \"FromPort\": 443, \"ToPort\": 443, \"{}\": \"{n}\" }}", if matches!(n, IpNet::V4(_)) { "CidrIp" } else { "CidrIpv6" })));
                    continue;
                }
                let Some(range) = ports else { continue };
                if world {
                    if matches!(n, IpNet::V6(_)) {
                        let v4_here: Vec<&(Range, bool)> = v4
                            .iter()
                            .filter(|(p, _)| super::common::overlaps(*p, range))
                            .collect();
                        if !v4_here.is_empty() && v4_here.iter().all(|(_, w)| !w) {
                            out.push(f(&IPV6_FORGOTTEN, IPV6_FORGOTTEN.severity, r, sg, span, format!("{} restricts IPv4 on {proto} {} but admits every IPv6 address (::/0)", sg.origin.logical_id, fmt_range(range)))
                                .label("the whole IPv6 internet")
                                .help("restrict IPv6 like IPv4: replace ::/0 with the IPv6 CIDR you mean (\"CidrIpv6\": \"2001:db8::/56\"), or remove the rule"));
                            continue;
                        }
                    }
                    let public_only = (range.0..=range.1).all(|p| PUBLIC_PORTS.contains(&p));
                    if public_only {
                        continue;
                    }
                    let admin: Vec<String> = ADMIN_PORTS
                        .iter()
                        .filter(|(p, _)| range.0 <= *p && *p <= range.1)
                        .map(|(p, n)| format!("{p} ({n})"))
                        .take(5)
                        .collect();
                    let extra = if admin.is_empty() {
                        String::new()
                    } else {
                        format!(
                            ", including administration/database ports {}",
                            admin.join(", ")
                        )
                    };
                    out.push(f(&WORLD_INGRESS, WORLD_INGRESS.severity, r, sg, span, format!("{} admits {proto} {} from the whole internet ({n}){extra}", sg.origin.logical_id, fmt_range(range)))
                        .label("open to the internet")
                        .help(format!("restrict the source: {{ \"IpProtocol\": \"{proto}\", \"FromPort\": {}, \"ToPort\": {}, \"{}\": \"203.0.113.0/24\" }} (your network), or use a security-group source / Session Manager for administration", range.0, range.1, if matches!(n, IpNet::V4(_)) { "CidrIp" } else { "CidrIpv6" })));
                    continue;
                }
                if is_broad(&n) && !is_private(&n) {
                    out.push(f(&BROAD_CIDR, BROAD_CIDR.severity, r, sg, span, format!("{} admits {proto} {} from {n}, a very broad range (/{} or wider)", sg.origin.logical_id, fmt_range(range), if matches!(n, IpNet::V4(_)) { 8 } else { 32 }))
                        .label("very broad source")
                        .help("admit the narrowest CIDR that covers your clients, or a security-group source"));
                    continue;
                }
            } else if r.all_protocols() {
                let ps = r.protocol.as_ref().map_or(r.span, |p| p.span);
                out.push(f(&ALL_PROTOCOLS, Severity::Warning, r, sg, ps, format!("{} admits all protocols and ports (IpProtocol {}) from {}", sg.origin.logical_id, r.protocol.as_ref().map_or("-1", |p| p.value.as_str()), ctx.net.source(r).describe(m)))
                    .label("all traffic, FromPort/ToPort are ignored")
                    .help("admit only the protocol and ports needed, e.g. \"IpProtocol\": \"tcp\", \"FromPort\": 443, \"ToPort\": 443"));
                continue;
            }
            if let Some(range) = ports {
                if range.0 <= 1 && range.1 >= 65535 {
                    let span = r.from_port.as_ref().map_or(r.span, |p| p.span);
                    out.push(f(&ALL_PORTS, ALL_PORTS.severity, r, sg, span, format!("{} admits every {proto} port from {}", sg.origin.logical_id, ctx.net.source(r).describe(m)))
                        .label("all ports")
                        .help(format!("admit only the ports the service listens on, e.g. \"FromPort\": 443, \"ToPort\": 443 with \"IpProtocol\": \"{proto}\"")));
                }
            }
        }
        // Peer references (ingress and egress).
        let own_vpc = sg_vpc(m, sg);
        for r in ingress.iter().chain(m.egress(si).iter()) {
            let (Some(p), Some(peer)) = (&r.peer_group_id, r.peer_group) else {
                continue;
            };
            let other = &m.security_groups[peer];
            if let (Some(a), Some(b)) = (&own_vpc, sg_vpc(m, other)) {
                if a.differs(&b) && !peering {
                    out.push(f(&REF_VPC, REF_VPC.severity, r, sg, p.span, format!("{} references security group {}, which is in another VPC: security-group references work only within a VPC or across a peering connection", sg.origin.logical_id, other.origin.logical_id))
                        .label("group of another VPC")
                        .related(other.origin.file, other.origin.logical_id_span, "defined in another VPC")
                        .help("reference a group of the same VPC, use the peer VPC's CIDR, or peer the VPCs (AWS::EC2::VPCPeeringConnection)"));
                }
            }
            let (oa, ta) = (&sg.origin.account, &other.origin.account);
            if crate::model::arn::is_account_id(oa)
                && crate::model::arn::is_account_id(ta)
                && oa != ta
                && r.peer_group_owner.is_none()
            {
                out.push(f(&REF_OWNER, REF_OWNER.severity, r, sg, p.span, format!("{} references security group {} of account {ta} without SourceSecurityGroupOwnerId", sg.origin.logical_id, other.origin.logical_id))
                    .help(format!("add \"SourceSecurityGroupOwnerId\": \"{ta}\"")));
            }
        }
    }
    circular(ctx, out);
}

fn descriptions(sg: &SecurityGroup, out: &mut Vec<Finding>) {
    let valid = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_alphanumeric() || " ._-:/()#,@[]+=&;{}!$*".contains(c))
    };
    let mut texts: Vec<(&crate::source::Spanned<String>, &str)> = Vec::new();
    if let Some(d) = &sg.description {
        texts.push((d, "GroupDescription"));
    }
    for r in sg.ingress.iter().chain(&sg.egress) {
        if let Some(d) = &r.description {
            texts.push((d, "rule Description"));
        }
    }
    for (d, what) in texts {
        if has_symbol(&d.value) {
            continue;
        }
        let bad: Vec<char> = d.value.chars().filter(|c| !valid(&c.to_string())).collect();
        if d.value.len() > 255 || !bad.is_empty() {
            let why = if d.value.len() > 255 {
                format!("is {} characters long (at most 255)", d.value.len())
            } else {
                format!(
                    "contains {:?}, which EC2 rejects",
                    bad.iter().take(3).collect::<String>()
                )
            };
            out.push(
                Finding::new(
                    DESCRIPTION_CHARS.id,
                    DESCRIPTION_CHARS.severity,
                    sg.origin.file,
                    d.span,
                    format!("{what} of {} {why}", sg.origin.logical_id),
                )
                .resource(Some(sg.origin.logical_id.clone()))
                .help(
                    "use at most 255 characters among a-z A-Z 0-9 space and ._-:/()#,@[]+=&;{}!$*",
                ),
            );
        }
    }
    if let Some(n) = &sg.group_name {
        if !has_symbol(&n.value) && n.value.to_ascii_lowercase().starts_with("sg-") {
            out.push(
                Finding::new(
                    DESCRIPTION_CHARS.id,
                    DESCRIPTION_CHARS.severity,
                    sg.origin.file,
                    n.span,
                    format!(
                        "GroupName `{}` starts with `sg-`, which EC2 reserves for group ids",
                        n.value
                    ),
                )
                .resource(Some(sg.origin.logical_id.clone()))
                .help("choose a GroupName that does not start with sg-"),
            );
        }
    }
}

/// SG-CIRCULAR-INLINE: strongly connected components of the "inline rule references" graph within a stack.
fn circular(ctx: &Ctx, out: &mut Vec<Finding>) {
    let m = ctx.net.m;
    let mut g: petgraph::graph::DiGraph<usize, ()> = petgraph::graph::DiGraph::new();
    let nodes: Vec<_> = (0..m.security_groups.len())
        .map(|i| g.add_node(i))
        .collect();
    let mut first_ref: HashMap<(usize, usize), crate::source::Span> = HashMap::new();
    for (si, sg) in m.security_groups.iter().enumerate() {
        for r in sg.ingress.iter().chain(&sg.egress) {
            let (Some(p), Some(peer)) = (&r.peer_group_id, r.peer_group) else {
                continue;
            };
            // Only a `Ref`/`GetAtt` in the same template creates a CloudFormation dependency.
            if !has_symbol(&p.value)
                || m.security_groups[peer].origin.stack_key != sg.origin.stack_key
            {
                continue;
            }
            if first_ref.insert((si, peer), p.span).is_none() {
                g.add_edge(nodes[si], nodes[peer], ());
            }
        }
    }
    for scc in petgraph::algo::tarjan_scc(&g) {
        let mut members: Vec<usize> = scc.iter().map(|n| g[*n]).collect();
        members.sort_unstable();
        let cyclic = members.len() > 1 || first_ref.contains_key(&(members[0], members[0]));
        if !cyclic {
            continue;
        }
        let a = members[0];
        let sg = &m.security_groups[a];
        let Some((&(_, to), span)) = first_ref
            .iter()
            .filter(|((x, y), _)| *x == a && members.contains(y))
            .min_by_key(|(_, s)| s.start)
            .map(|(k, s)| (k, *s))
        else {
            continue;
        };
        let names: Vec<&str> = members
            .iter()
            .map(|i| m.security_groups[*i].origin.logical_id.as_str())
            .collect();
        let mut fnd = Finding::new(
            CIRCULAR_INLINE.id,
            CIRCULAR_INLINE.severity,
            sg.origin.file,
            span,
            format!("security groups {} reference each other in inline rules: CloudFormation fails with a circular dependency", names.join(" and ")),
        )
        .resource(Some(sg.origin.logical_id.clone()))
        .label("inline reference")
        .help(format!(
            "move one direction into a standalone rule: {{ \"Type\": \"AWS::EC2::SecurityGroupIngress\", \"Properties\": {{ \"GroupId\": {{ \"Fn::GetAtt\": [\"{}\", \"GroupId\"] }}, \"SourceSecurityGroupId\": {{ \"Fn::GetAtt\": [\"{}\", \"GroupId\"] }}, \"IpProtocol\": \"tcp\", \"FromPort\": …, \"ToPort\": … }} }}",
            m.security_groups[to].origin.logical_id, sg.origin.logical_id
        ));
        for ((x, y), s) in &first_ref {
            if *x != a && members.contains(x) && members.contains(y) {
                fnd = fnd.related(
                    m.security_groups[*x].origin.file,
                    *s,
                    format!(
                        "{} references {}",
                        m.security_groups[*x].origin.logical_id,
                        m.security_groups[*y].origin.logical_id
                    ),
                );
            }
        }
        fnd.related.sort_by_key(|r| r.span.start);
        out.push(fnd);
    }
}
