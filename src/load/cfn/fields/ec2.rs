//! `AWS::EC2::SecurityGroup`, `SecurityGroupIngress`/`Egress`, `VPC`, `Subnet`, `VPCGatewayAttachment`.

use super::unknown_list;
use crate::model::ec2::{
    Direction, GatewayAttachmentFields, SecurityGroupFields, SgRuleFields, StandaloneRuleFields,
    SubnetFields, VpcFields,
};
use crate::model::props::{array, boolean, integer, scalar, string};
use crate::source::Node;

/// One rule (an inline rule object, or a standalone rule's properties).
fn rule(n: &Node, direction: Direction) -> SgRuleFields {
    let p = Some(n);
    let (peer, prefix) = match direction {
        Direction::Ingress => ("SourceSecurityGroupId", "SourcePrefixListId"),
        Direction::Egress => ("DestinationSecurityGroupId", "DestinationPrefixListId"),
    };
    SgRuleFields {
        span: Some(n.span),
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
    }
}

pub(in crate::load::cfn) fn security_group(p: Option<&Node>) -> SecurityGroupFields {
    let rules = |key: &str, d: Direction| -> Vec<SgRuleFields> {
        array(p, key).iter().map(|r| rule(r, d)).collect()
    };
    SecurityGroupFields {
        group_name: string(p, "GroupName"),
        description: string(p, "GroupDescription"),
        vpc_id: string(p, "VpcId"),
        ingress: rules("SecurityGroupIngress", Direction::Ingress),
        egress: rules("SecurityGroupEgress", Direction::Egress),
        ingress_unknown: unknown_list(p, "SecurityGroupIngress"),
        egress_unknown: unknown_list(p, "SecurityGroupEgress"),
        egress_written: p.and_then(|p| p.get("SecurityGroupEgress")).is_some(),
    }
}

/// `AWS::EC2::SecurityGroupIngress` / `SecurityGroupEgress`.
pub(in crate::load::cfn) fn standalone_rule(
    direction: Direction,
    p: Option<&Node>,
) -> StandaloneRuleFields {
    StandaloneRuleFields {
        group: string(p, "GroupId").or_else(|| string(p, "GroupName")),
        rule: p.map_or_else(SgRuleFields::default, |n| rule(n, direction)),
    }
}

pub(in crate::load::cfn) fn vpc(p: Option<&Node>) -> VpcFields {
    VpcFields {
        cidr: string(p, "CidrBlock"),
    }
}

pub(in crate::load::cfn) fn subnet(p: Option<&Node>) -> SubnetFields {
    SubnetFields {
        vpc_id: string(p, "VpcId"),
        cidr: string(p, "CidrBlock"),
        availability_zone: string(p, "AvailabilityZone"),
        map_public_ip: boolean(p, "MapPublicIpOnLaunch"),
    }
}

pub(in crate::load::cfn) fn gateway_attachment(p: Option<&Node>) -> GatewayAttachmentFields {
    GatewayAttachmentFields {
        vpc_id: string(p, "VpcId"),
        internet_gateway_id: string(p, "InternetGatewayId"),
    }
}
