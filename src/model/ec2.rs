//! `AWS::EC2::SecurityGroup` (+ standalone `SecurityGroupIngress` / `SecurityGroupEgress`), `VPC`,
//! `Subnet`, `InternetGateway`, `VPCGatewayAttachment`, typed.

use super::origin::Origin;
use super::props::{array, boolean, integer, scalar, string};
use crate::source::{Node, Span, Spanned};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ingress,
    Egress,
}

/// One security-group rule, inline or standalone.
#[derive(Debug, Clone)]
pub struct SgRule {
    pub direction: Direction,
    /// The rule object (inline) or the standalone resource's properties.
    pub span: Span,
    /// `IpProtocol`: `tcp`, `udp`, `icmp`, `icmpv6`, `-1`, or a number.
    pub protocol: Option<Spanned<String>>,
    pub from_port: Option<Spanned<i64>>,
    pub to_port: Option<Spanned<i64>>,
    pub cidr_ipv4: Option<Spanned<String>>,
    pub cidr_ipv6: Option<Spanned<String>>,
    /// `SourceSecurityGroupId` (ingress) / `DestinationSecurityGroupId` (egress).
    pub peer_group_id: Option<Spanned<String>>,
    /// `SourceSecurityGroupName` (default VPC only).
    pub peer_group_name: Option<Spanned<String>>,
    pub peer_group_owner: Option<Spanned<String>>,
    /// `SourcePrefixListId` / `DestinationPrefixListId`.
    pub prefix_list: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    /// For a standalone `AWS::EC2::SecurityGroupIngress/Egress`: where it is defined.
    pub standalone: Option<Origin>,
    /// Index into `Model::security_groups` of the peer group (set when linking).
    pub peer_group: Option<usize>,
}

impl SgRule {
    /// `-1`/`all` or a protocol number other than tcp(6)/udp(17)/icmp(1)/icmpv6(58): all ports.
    pub fn all_protocols(&self) -> bool {
        // An unknown protocol (a parameter) is not proven to be "all".
        if self
            .protocol
            .as_ref()
            .is_some_and(|p| super::symbolic::has_symbol(&p.value))
        {
            return false;
        }
        match self.protocol.as_ref().map(|p| p.value.to_ascii_lowercase()) {
            Some(p) => !matches!(
                p.as_str(),
                "tcp" | "udp" | "icmp" | "icmpv6" | "6" | "17" | "1" | "58"
            ),
            None => false,
        }
    }
    /// Whether TCP `port` is covered (for `-1`, every port is).
    pub fn admits_tcp_port(&self, port: i64) -> bool {
        if self.all_protocols() {
            return true;
        }
        let tcp = self
            .protocol
            .as_ref()
            .is_some_and(|p| p.value.eq_ignore_ascii_case("tcp") || p.value == "6");
        let (Some(f), Some(t)) = (&self.from_port, &self.to_port) else {
            return false;
        };
        tcp && f.value <= port && port <= t.value
    }
}

#[derive(Debug, Clone)]
pub struct SecurityGroup {
    pub origin: Origin,
    /// The group id identity: pinned (`Metadata.trustlint.id`), else a generated symbol.
    pub group_id: String,
    pub group_name: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    pub vpc_id: Option<Spanned<String>>,
    /// Inline rules; standalone rules are in `Model::sg_rules` and linked through `standalone`.
    pub ingress: Vec<SgRule>,
    pub egress: Vec<SgRule>,
    /// Whether `SecurityGroupEgress` was written (CloudFormation adds allow-all egress otherwise).
    pub egress_written: bool,
    /// Indices into `Model::sg_rules` of standalone rules targeting this group (set when linking).
    pub standalone: Vec<usize>,
    /// Index into `Model::vpcs` (set when linking).
    pub vpc: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct StandaloneRule {
    /// `GroupId` (or `GroupName`) as written.
    pub group: Option<Spanned<String>>,
    pub rule: SgRule,
    /// Index into `Model::security_groups` (set when linking).
    pub target: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Vpc {
    pub origin: Origin,
    pub vpc_id: String,
    pub cidr: Option<Spanned<String>>,
    /// Indices into `Model::internet_gateways` attached to it (set when linking).
    pub internet_gateways: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Subnet {
    pub origin: Origin,
    pub subnet_id: String,
    pub vpc_id: Option<Spanned<String>>,
    pub cidr: Option<Spanned<String>>,
    pub availability_zone: Option<Spanned<String>>,
    pub map_public_ip: Option<Spanned<bool>>,
    pub vpc: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct InternetGateway {
    pub origin: Origin,
    pub igw_id: String,
}

#[derive(Debug, Clone)]
pub struct GatewayAttachment {
    pub origin: Origin,
    pub vpc_id: Option<Spanned<String>>,
    pub internet_gateway_id: Option<Spanned<String>>,
}

fn id_of(origin: &Origin, attr: &str) -> String {
    origin
        .pinned_id
        .clone()
        .unwrap_or_else(|| origin.generated(attr))
}

pub(crate) fn rule(n: &Node, direction: Direction, standalone: Option<Origin>) -> SgRule {
    let p = Some(n);
    let (peer, prefix) = match direction {
        Direction::Ingress => ("SourceSecurityGroupId", "SourcePrefixListId"),
        Direction::Egress => ("DestinationSecurityGroupId", "DestinationPrefixListId"),
    };
    SgRule {
        direction,
        span: n.span,
        protocol: scalar(p, "IpProtocol"),
        from_port: integer(p, "FromPort"),
        to_port: integer(p, "ToPort"),
        cidr_ipv4: string(p, "CidrIp"),
        cidr_ipv6: string(p, "CidrIpv6"),
        peer_group_id: string(p, peer),
        peer_group_name: string(p, "SourceSecurityGroupName"),
        peer_group_owner: scalar(p, "SourceSecurityGroupOwnerId"),
        prefix_list: string(p, prefix),
        description: string(p, "Description"),
        standalone,
        peer_group: None,
    }
}

pub(crate) fn security_group(origin: Origin, p: Option<&Node>) -> SecurityGroup {
    SecurityGroup {
        group_id: id_of(&origin, "GroupId"),
        group_name: string(p, "GroupName"),
        description: string(p, "GroupDescription"),
        vpc_id: string(p, "VpcId"),
        ingress: array(p, "SecurityGroupIngress")
            .iter()
            .map(|r| rule(r, Direction::Ingress, None))
            .collect(),
        egress: array(p, "SecurityGroupEgress")
            .iter()
            .map(|r| rule(r, Direction::Egress, None))
            .collect(),
        egress_written: p.and_then(|p| p.get("SecurityGroupEgress")).is_some(),
        standalone: Vec::new(),
        vpc: None,
        origin,
    }
}

pub(crate) fn standalone_rule(
    origin: Origin,
    direction: Direction,
    p: Option<&Node>,
) -> StandaloneRule {
    let group = string(p, "GroupId").or_else(|| string(p, "GroupName"));
    let span = p.map_or(origin.span, |n| n.span);
    let mut rule = match p {
        Some(n) => rule(n, direction, Some(origin.clone())),
        None => rule(
            &Node {
                span,
                value: crate::source::Value::Object(Vec::new()),
            },
            direction,
            Some(origin.clone()),
        ),
    };
    rule.span = span;
    StandaloneRule {
        group,
        rule,
        target: None,
    }
}

pub(crate) fn vpc(origin: Origin, p: Option<&Node>) -> Vpc {
    Vpc {
        vpc_id: id_of(&origin, "VpcId"),
        cidr: string(p, "CidrBlock"),
        internet_gateways: Vec::new(),
        origin,
    }
}

pub(crate) fn subnet(origin: Origin, p: Option<&Node>) -> Subnet {
    Subnet {
        subnet_id: id_of(&origin, "SubnetId"),
        vpc_id: string(p, "VpcId"),
        cidr: string(p, "CidrBlock"),
        availability_zone: string(p, "AvailabilityZone"),
        map_public_ip: boolean(p, "MapPublicIpOnLaunch"),
        vpc: None,
        origin,
    }
}

pub(crate) fn internet_gateway(origin: Origin) -> InternetGateway {
    InternetGateway {
        igw_id: id_of(&origin, "InternetGatewayId"),
        origin,
    }
}

pub(crate) fn gateway_attachment(origin: Origin, p: Option<&Node>) -> GatewayAttachment {
    GatewayAttachment {
        vpc_id: string(p, "VpcId"),
        internet_gateway_id: string(p, "InternetGatewayId"),
        origin,
    }
}

/// A CDK `AwsCustomResource` (`Custom::AWS`) that calls EC2 `describeSecurityGroups` at deploy time — the
/// pattern CDK uses to find the `GlobalAccelerator` security group of a VPC
/// (`AcceleratorSecurityGroupPeer.fromVpc`), whose `Fn::GetAtt` then feeds `SourceSecurityGroupId`.
#[derive(Debug, Clone)]
pub struct SgLookup {
    pub origin: Origin,
    /// The `Create` (or `Update`) call.
    pub span: Span,
    /// Values of the `group-name` filter.
    pub group_names: Vec<String>,
    /// Values of the `vpc-id` filter (resolved; may be symbolic).
    pub vpc_ids: Vec<String>,
}

/// Read a `describeSecurityGroups` lookup out of a custom resource's `Create`/`Update` call (a JSON string
/// once intrinsics are resolved); `None` for any other custom resource.
pub(crate) fn sg_lookup(origin: &Origin, p: Option<&Node>) -> Option<SgLookup> {
    for key in ["Create", "Update"] {
        let Some(call) = string(p, key) else { continue };
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&call.value) else {
            continue;
        };
        let service = v.get("service").and_then(|s| s.as_str()).unwrap_or("");
        let action = v.get("action").and_then(|s| s.as_str()).unwrap_or("");
        if !service.to_ascii_lowercase().contains("ec2")
            || !action.eq_ignore_ascii_case("describeSecurityGroups")
                && !action.eq_ignore_ascii_case("DescribeSecurityGroupsCommand")
        {
            continue;
        }
        let mut out = SgLookup {
            origin: origin.clone(),
            span: call.span,
            group_names: Vec::new(),
            vpc_ids: Vec::new(),
        };
        let filters = v
            .pointer("/parameters/Filters")
            .and_then(|f| f.as_array())
            .cloned()
            .unwrap_or_default();
        for f in filters {
            let name = f.get("Name").and_then(|n| n.as_str()).unwrap_or("");
            let values = f
                .get("Values")
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            match name {
                "group-name" => out.group_names.extend(values),
                "vpc-id" => out.vpc_ids.extend(values),
                _ => {}
            }
        }
        return Some(out);
    }
    None
}

/// `AWS::EC2::Instance`, minimally: what a load balancer's target group needs to know about it.
#[derive(Debug, Clone)]
pub struct Instance {
    pub origin: Origin,
    /// What `Ref` gives (the instance id): pinned (`Metadata.trustlint.id`), else a generated symbol.
    pub instance_id: String,
    /// `SecurityGroupIds`, then `SecurityGroups` (names in a default VPC, or ids), as written (resolved).
    pub security_groups: Vec<Spanned<String>>,
}

pub(crate) fn instance(origin: Origin, p: Option<&Node>) -> Instance {
    let mut security_groups = super::props::strings(p, "SecurityGroupIds");
    security_groups.extend(super::props::strings(p, "SecurityGroups"));
    Instance {
        instance_id: id_of(&origin, "Ref"),
        security_groups,
        origin,
    }
}
