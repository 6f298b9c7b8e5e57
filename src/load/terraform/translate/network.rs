//! EC2 networking: security groups and their rules (inline, `aws_security_group_rule`,
//! `aws_vpc_security_group_*_rule`), VPCs, subnets and internet gateways.

use super::context::{values_span, Tr};
use super::cursor::Cur;
use super::node::{arr, s, Obj};
use super::props;
use super::satellites::{use_inline, Folded};
use crate::load::terraform::plan::PlanResource;
use crate::source::{Member, Node, Value};

/// The CloudFormation names for one direction: peer group key, prefix list key, rule type.
fn direction(ingress: bool) -> (&'static str, &'static str, &'static str) {
    if ingress {
        (
            "SourceSecurityGroupId",
            "SourcePrefixListId",
            "AWS::EC2::SecurityGroupIngress",
        )
    } else {
        (
            "DestinationSecurityGroupId",
            "DestinationPrefixListId",
            "AWS::EC2::SecurityGroupEgress",
        )
    }
}

/// One CloudFormation rule per source of a Terraform rule (CIDRs, IPv6 CIDRs, groups, prefix lists,
/// `self`).
fn sg_rules(t: &Tr, r: &PlanResource, c: Cur, ingress: bool, own: Option<Node>) -> Vec<Node> {
    let (peer_key, prefix_key, _) = direction(ingress);
    let base = |o: &mut Obj| {
        o.put("IpProtocol", t.text(r, c, "protocol"));
        o.put("FromPort", t.leaf(r, c, "from_port"));
        o.put("ToPort", t.leaf(r, c, "to_port"));
        o.put("Description", t.text(r, c, "description"));
    };
    let mut out = Vec::new();
    let sources: [(&str, &str); 4] = [
        ("cidr_blocks", "CidrIp"),
        ("ipv6_cidr_blocks", "CidrIpv6"),
        ("prefix_list_ids", prefix_key),
        ("security_groups", peer_key),
    ];
    for (tf, cfn) in sources {
        let key =
            if tf == "security_groups" && c.get(tf).values.is_none() && !c.get(tf).is_unknown() {
                "source_security_group_id"
            } else {
                tf
            };
        let items = if key == "source_security_group_id" {
            t.text(r, c, key).into_iter().collect()
        } else {
            t.strings(r, c, key)
        };
        for v in items {
            let mut o = Obj::new(v.span);
            base(&mut o);
            o.put(cfn, Some(v));
            out.push(o.node());
        }
    }
    if let (Some(n), Some(own)) = (c.get("self").values, own) {
        if matches!(n.value, Value::Bool(true)) {
            let mut o = Obj::new(n.span);
            base(&mut o);
            o.put(
                peer_key,
                Some(Node {
                    span: n.span,
                    ..own
                }),
            );
            out.push(o.node());
        }
    }
    out
}

pub(super) fn security_group(t: &Tr, i: usize, folded: &Folded) -> Node {
    let (r, c, mut p) = t.open(i);
    p.put("GroupName", t.text(r, c, "name"));
    p.put("GroupDescription", t.text(r, c, "description"));
    p.put("VpcId", t.text(r, c, "vpc_id"));
    let own = Some(s(t.identity(i, "id"), r.address_span));
    let elsewhere = folded.sg_rules.contains_key(&i);
    for (key, cfn, ingress) in [
        ("ingress", "SecurityGroupIngress", true),
        ("egress", "SecurityGroupEgress", false),
    ] {
        let mut rules = Vec::new();
        if use_inline(r, key, elsewhere) {
            for b in c.blocks(key) {
                rules.extend(sg_rules(t, r, b, ingress, own.clone()));
            }
        }
        // Terraform removes the default allow-all egress: the egress list is always "written".
        if ingress {
            p.list(cfn, rules, c.get(key).anchor);
        } else {
            p.put(cfn, Some(arr(rules, c.get(key).anchor)));
        }
    }
    p.node()
}

/// `aws_security_group_rule` → one `AWS::EC2::SecurityGroupIngress/Egress` per source.
pub(super) fn standalone_rules(t: &Tr, i: usize) -> Vec<(&'static str, Node)> {
    let r = t.res(i);
    let c = Cur::root(r);
    let ingress = r.str("type") != Some("egress");
    let (_, _, ty) = direction(ingress);
    let group = t.text(r, c, "security_group_id");
    let own = group.clone();
    sg_rules(t, r, c, ingress, own)
        .into_iter()
        .map(|mut n| {
            if let Value::Object(m) = &mut n.value {
                if let Some(g) = group.clone() {
                    m.insert(
                        0,
                        Member {
                            key: "GroupId".into(),
                            key_span: g.span,
                            value: g,
                        },
                    );
                }
            }
            (ty, n)
        })
        .collect()
}

/// `aws_vpc_security_group_ingress_rule` / `_egress_rule`: one source each.
pub(super) fn vpc_rule(t: &Tr, i: usize) -> (&'static str, Node) {
    let (r, c, mut p) = t.open(i);
    let ingress = r.type_name.ends_with("ingress_rule");
    p.put("GroupId", t.text(r, c, "security_group_id"));
    p.put("IpProtocol", t.text(r, c, "ip_protocol"));
    p.put("FromPort", t.leaf(r, c, "from_port"));
    p.put("ToPort", t.leaf(r, c, "to_port"));
    p.put("CidrIp", t.text(r, c, "cidr_ipv4"));
    p.put("CidrIpv6", t.text(r, c, "cidr_ipv6"));
    p.put("Description", t.text(r, c, "description"));
    let (peer, prefix, ty) = direction(ingress);
    p.put(peer, t.text(r, c, "referenced_security_group_id"));
    p.put(prefix, t.text(r, c, "prefix_list_id"));
    (ty, p.node())
}

pub(super) fn vpc(t: &Tr, i: usize) -> Node {
    props(t, i, &[("CidrBlock", "cidr_block")])
}

pub(super) fn subnet(t: &Tr, i: usize) -> Node {
    props(
        t,
        i,
        &[
            ("VpcId", "vpc_id"),
            ("CidrBlock", "cidr_block"),
            ("AvailabilityZone", "availability_zone"),
            ("MapPublicIpOnLaunch", "map_public_ip_on_launch"),
        ],
    )
}

/// `aws_internet_gateway` → `AWS::EC2::InternetGateway`, plus its `AWS::EC2::VPCGatewayAttachment`
/// when it names a VPC.
pub(super) fn internet_gateway(t: &Tr, i: usize) -> Vec<(&'static str, Node)> {
    let r = t.res(i);
    let span = values_span(r);
    let mut out = vec![("AWS::EC2::InternetGateway", Obj::new(span).node())];
    let c = Cur::root(r);
    if let Some(vpc) = t.text(r, c, "vpc_id") {
        let mut p = Obj::new(span);
        p.put("VpcId", Some(vpc));
        p.put(
            "InternetGatewayId",
            Some(s(t.identity(i, "id"), r.address_span)),
        );
        out.push(("AWS::EC2::VPCGatewayAttachment", p.node()));
    }
    out
}

pub(super) fn gateway_attachment(t: &Tr, i: usize) -> Node {
    props(
        t,
        i,
        &[
            ("VpcId", "vpc_id"),
            ("InternetGatewayId", "internet_gateway_id"),
        ],
    )
}
