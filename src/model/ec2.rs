//! `AWS::EC2::SecurityGroup` (+ standalone `SecurityGroupIngress` / `SecurityGroupEgress`), `VPC`,
//! `Subnet`, `InternetGateway`, `VPCGatewayAttachment`, typed.

use super::origin::Origin;
use super::props::string;
use crate::source::{Node, Span, Spanned};

/// What a frontend knows of one security-group rule, by meaning (`load::cfn` reads CloudFormation
/// properties, the Terraform translation its rule blocks and rule resources, one per source).
#[derive(Debug, Clone, Default)]
pub struct SgRuleFields {
    /// The rule as written (`None`: a standalone rule with nothing written).
    pub span: Option<Span>,
    pub protocol: Option<Spanned<String>>,
    pub from_port: Option<Spanned<i64>>,
    pub to_port: Option<Spanned<i64>>,
    pub cidr_ipv4: Option<Spanned<String>>,
    pub cidr_ipv6: Option<Spanned<String>>,
    /// The source (ingress) / destination (egress) group id.
    pub peer_group_id: Option<Spanned<String>>,
    pub peer_group_name: Option<Spanned<String>>,
    pub peer_group_owner: Option<Spanned<String>>,
    pub prefix_list: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Default)]
pub struct SecurityGroupFields {
    pub group_name: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    pub vpc_id: Option<Spanned<String>>,
    pub ingress: Vec<SgRuleFields>,
    pub egress: Vec<SgRuleFields>,
    /// The inline ingress / egress rules are not known as a whole (a parameter, an undecidable
    /// `Fn::If`, a Terraform list known after apply): the symbol naming them; the list is then empty.
    pub ingress_unknown: Option<Spanned<String>>,
    pub egress_unknown: Option<Spanned<String>>,
    /// Whether egress rules are written (CloudFormation adds allow-all egress otherwise).
    pub egress_written: bool,
}

/// A standalone ingress/egress rule (its direction is the resource type).
#[derive(Debug, Clone, Default)]
pub struct StandaloneRuleFields {
    /// The group it adds to (id, or name in a default VPC), as written.
    pub group: Option<Spanned<String>>,
    pub rule: SgRuleFields,
}

#[derive(Debug, Clone, Default)]
pub struct VpcFields {
    pub cidr: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Default)]
pub struct SubnetFields {
    pub vpc_id: Option<Spanned<String>>,
    pub cidr: Option<Spanned<String>>,
    pub availability_zone: Option<Spanned<String>>,
    pub map_public_ip: Option<Spanned<bool>>,
}

#[derive(Debug, Clone, Default)]
pub struct GatewayAttachmentFields {
    pub vpc_id: Option<Spanned<String>>,
    pub internet_gateway_id: Option<Spanned<String>>,
}

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
    /// Inline rules not known as a whole: the symbol naming them (`ingress`/`egress` is then empty and
    /// says nothing: the group may admit anything).
    pub ingress_unknown: Option<Spanned<String>>,
    pub egress_unknown: Option<Spanned<String>>,
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

/// A rule of `direction`; `at` is its span when none is written.
fn rule(f: SgRuleFields, direction: Direction, standalone: Option<Origin>, at: Span) -> SgRule {
    SgRule {
        direction,
        span: f.span.unwrap_or(at),
        protocol: f.protocol,
        from_port: f.from_port,
        to_port: f.to_port,
        cidr_ipv4: f.cidr_ipv4,
        cidr_ipv6: f.cidr_ipv6,
        peer_group_id: f.peer_group_id,
        peer_group_name: f.peer_group_name,
        peer_group_owner: f.peer_group_owner,
        prefix_list: f.prefix_list,
        description: f.description,
        standalone,
        peer_group: None,
    }
}

pub(crate) fn security_group(origin: Origin, f: SecurityGroupFields) -> SecurityGroup {
    let at = origin.span;
    let rules = |v: Vec<SgRuleFields>, d: Direction| -> Vec<SgRule> {
        v.into_iter().map(|r| rule(r, d, None, at)).collect()
    };
    SecurityGroup {
        group_id: id_of(&origin, "GroupId"),
        group_name: f.group_name,
        description: f.description,
        vpc_id: f.vpc_id,
        ingress: rules(f.ingress, Direction::Ingress),
        egress: rules(f.egress, Direction::Egress),
        ingress_unknown: f.ingress_unknown,
        egress_unknown: f.egress_unknown,
        egress_written: f.egress_written,
        standalone: Vec::new(),
        vpc: None,
        origin,
    }
}

pub(crate) fn standalone_rule(
    origin: Origin,
    direction: Direction,
    f: StandaloneRuleFields,
) -> StandaloneRule {
    let at = origin.span;
    StandaloneRule {
        group: f.group,
        rule: rule(f.rule, direction, Some(origin), at),
        target: None,
    }
}

pub(crate) fn vpc(origin: Origin, f: VpcFields) -> Vpc {
    Vpc {
        vpc_id: id_of(&origin, "VpcId"),
        cidr: f.cidr,
        internet_gateways: Vec::new(),
        origin,
    }
}

pub(crate) fn subnet(origin: Origin, f: SubnetFields) -> Subnet {
    Subnet {
        subnet_id: id_of(&origin, "SubnetId"),
        vpc_id: f.vpc_id,
        cidr: f.cidr,
        availability_zone: f.availability_zone,
        map_public_ip: f.map_public_ip,
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

pub(crate) fn gateway_attachment(origin: Origin, f: GatewayAttachmentFields) -> GatewayAttachment {
    GatewayAttachment {
        vpc_id: f.vpc_id,
        internet_gateway_id: f.internet_gateway_id,
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
