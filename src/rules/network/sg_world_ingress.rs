//! SG-WORLD-INGRESS — ingress from the whole internet on a port other than 80/443.

use super::ingress_exposure::{proto_name, Exposure};
use super::ports::fmt_range;
use super::{rule_finding, Ctx};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use ipnet::IpNet;

pub const META: RuleMeta = rule_meta!(
    SgWorldIngress, "SG-WORLD-INGRESS",
    Warning,
    "Ingress from the whole internet on a non-public port"
);

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

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for x in cx.exposures() {
        let Exposure::WorldIngress { cidr: n, span, range } = &x.exposure else {
            continue;
        };
        let Some(sg) = m.security_groups.get(x.sg) else {
            continue;
        };
        let r = x.rule;
        let proto = proto_name(r);
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
        out.push(rule_finding(&META, META.severity, r, sg, *span, format!("{} admits {proto} {} from the whole internet ({n}){extra}", sg.origin.logical_id, fmt_range(*range)))
            .label("open to the internet")
            .help(format!("restrict the source: {{ \"IpProtocol\": \"{proto}\", \"FromPort\": {}, \"ToPort\": {}, \"{}\": \"203.0.113.0/24\" }} (your network), or use a security-group source / Session Manager for administration", range.0, range.1, if matches!(n, IpNet::V4(_)) { "CidrIp" } else { "CidrIpv6" })));
    }
}
