//! EC2 networking: security groups and their rules (inline, `aws_security_group_rule`,
//! `aws_vpc_security_group_*_rule`), VPCs, subnets and internet gateways, read from their own attribute
//! names into the model's typed fields ([`SecurityGroupFields`], [`StandaloneRuleFields`], …).

use super::context::{values_span, Tr};
use super::cursor::Cur;
use super::satellites::{use_inline, Folded};
use crate::load::terraform::plan::PlanResource;
use crate::model::ec2::{
    GatewayAttachmentFields, SecurityGroupFields, SgRuleFields, StandaloneRuleFields, SubnetFields,
    VpcFields,
};
use crate::model::input::Typed;
use crate::model::props::{boolean_of, integer_of, scalar_of, string_of};
use crate::source::{Node, Spanned, Value};

fn text(t: &Tr, r: &PlanResource, c: Cur, k: &str) -> Option<Spanned<String>> {
    t.text(r, c, k).as_ref().and_then(string_of)
}

/// A scalar (string, number or boolean) as text.
fn scalar(n: Option<Node>) -> Option<Spanned<String>> {
    n.and_then(|n| scalar_of(&n).map(|s| Spanned::new(s, n.span)))
}

fn int(t: &Tr, r: &PlanResource, c: Cur, k: &str) -> Option<Spanned<i64>> {
    t.leaf(r, c, k).as_ref().and_then(integer_of)
}

/// The rule type for one direction.
fn rule_type(ingress: bool) -> &'static str {
    if ingress {
        "AWS::EC2::SecurityGroupIngress"
    } else {
        "AWS::EC2::SecurityGroupEgress"
    }
}

/// Where a rule's source goes.
#[derive(Clone, Copy)]
enum Source {
    Ipv4,
    Ipv6,
    PrefixList,
    Group,
}

fn with_source(mut f: SgRuleFields, source: Source, v: &Node) -> SgRuleFields {
    f.span = Some(v.span);
    let v = string_of(v);
    match source {
        Source::Ipv4 => f.cidr_ipv4 = v,
        Source::Ipv6 => f.cidr_ipv6 = v,
        Source::PrefixList => f.prefix_list = v,
        Source::Group => f.peer_group_id = v,
    }
    f
}

/// One rule per source of a Terraform rule (CIDRs, IPv6 CIDRs, prefix lists, groups, `self`).
fn sg_rules(t: &Tr, r: &PlanResource, c: Cur, own: Option<Node>) -> Vec<SgRuleFields> {
    let base = SgRuleFields {
        protocol: scalar(t.text(r, c, "protocol")),
        from_port: int(t, r, c, "from_port"),
        to_port: int(t, r, c, "to_port"),
        description: text(t, r, c, "description"),
        ..SgRuleFields::default()
    };
    let mut out = Vec::new();
    let sources = [
        ("cidr_blocks", Source::Ipv4),
        ("ipv6_cidr_blocks", Source::Ipv6),
        ("prefix_list_ids", Source::PrefixList),
        ("security_groups", Source::Group),
    ];
    for (tf, source) in sources {
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
            out.push(with_source(base.clone(), source, &v));
        }
    }
    if let (Some(n), Some(own)) = (c.get("self").values, own) {
        if matches!(n.value, Value::Bool(true)) {
            let peer = Node {
                span: n.span,
                ..own
            };
            out.push(with_source(base, Source::Group, &peer));
        }
    }
    out
}

pub(super) fn security_group(t: &Tr, i: usize, folded: &Folded) -> SecurityGroupFields {
    let (r, c) = t.open(i);
    let own = Some(Node {
        span: r.address_span,
        value: Value::String(t.identity(i, "id")),
    });
    let elsewhere = folded.sg_rules.contains_key(&i);
    let rules = |key: &str| -> Vec<SgRuleFields> {
        if !use_inline(r, key, elsewhere) {
            return Vec::new();
        }
        c.blocks(key)
            .into_iter()
            .flat_map(|b| sg_rules(t, r, b, own.clone()))
            .collect()
    };
    // Unknown only as written: left out, the provider reports the rules unknown (see `unknown_written`).
    let unknown = |key: &str| t.unknown_written(r, c, key);
    SecurityGroupFields {
        group_name: text(t, r, c, "name"),
        description: text(t, r, c, "description"),
        vpc_id: text(t, r, c, "vpc_id"),
        ingress: rules("ingress"),
        egress: rules("egress"),
        ingress_unknown: unknown("ingress"),
        egress_unknown: unknown("egress"),
        // Terraform removes the default allow-all egress: egress is always "written".
        egress_written: true,
    }
}

/// `aws_security_group_rule` → one standalone ingress/egress rule per source.
pub(super) fn standalone_rules(t: &Tr, i: usize) -> Vec<(&'static str, Typed)> {
    let r = t.res(i);
    let c = Cur::root(r);
    let ty = rule_type(r.str("type") != Some("egress"));
    let own = t.text(r, c, "security_group_id");
    let group = own.as_ref().and_then(string_of);
    sg_rules(t, r, c, own)
        .into_iter()
        .map(|rule| {
            let f = StandaloneRuleFields {
                group: group.clone(),
                rule,
            };
            (ty, Typed::SgRule(Box::new(f)))
        })
        .collect()
}

/// `aws_vpc_security_group_ingress_rule` / `_egress_rule`: one source each.
pub(super) fn vpc_rule(t: &Tr, i: usize) -> (&'static str, Typed) {
    let (r, c) = t.open(i);
    let rule = SgRuleFields {
        span: Some(values_span(r)),
        protocol: scalar(t.text(r, c, "ip_protocol")),
        from_port: int(t, r, c, "from_port"),
        to_port: int(t, r, c, "to_port"),
        cidr_ipv4: text(t, r, c, "cidr_ipv4"),
        cidr_ipv6: text(t, r, c, "cidr_ipv6"),
        peer_group_id: text(t, r, c, "referenced_security_group_id"),
        prefix_list: text(t, r, c, "prefix_list_id"),
        description: text(t, r, c, "description"),
        ..SgRuleFields::default()
    };
    let f = StandaloneRuleFields {
        group: text(t, r, c, "security_group_id"),
        rule,
    };
    (
        rule_type(r.type_name.ends_with("ingress_rule")),
        Typed::SgRule(Box::new(f)),
    )
}

/// A string attribute as Terraform wrote it (`""` included).
fn leaf_string(t: &Tr, r: &PlanResource, c: Cur, k: &str) -> Option<Spanned<String>> {
    t.leaf(r, c, k).as_ref().and_then(string_of)
}

pub(super) fn vpc(t: &Tr, i: usize) -> VpcFields {
    let (r, c) = t.open(i);
    VpcFields {
        cidr: leaf_string(t, r, c, "cidr_block"),
    }
}

pub(super) fn subnet(t: &Tr, i: usize) -> SubnetFields {
    let (r, c) = t.open(i);
    SubnetFields {
        vpc_id: leaf_string(t, r, c, "vpc_id"),
        cidr: leaf_string(t, r, c, "cidr_block"),
        availability_zone: leaf_string(t, r, c, "availability_zone"),
        map_public_ip: t
            .leaf(r, c, "map_public_ip_on_launch")
            .as_ref()
            .and_then(boolean_of),
    }
}

/// `aws_internet_gateway` → `AWS::EC2::InternetGateway`, plus its `AWS::EC2::VPCGatewayAttachment`
/// when it names a VPC.
pub(super) fn internet_gateway(t: &Tr, i: usize) -> Vec<(&'static str, Typed)> {
    let r = t.res(i);
    let mut out = vec![("AWS::EC2::InternetGateway", Typed::InternetGateway)];
    let c = Cur::root(r);
    if let Some(vpc) = text(t, r, c, "vpc_id") {
        let f = GatewayAttachmentFields {
            vpc_id: Some(vpc),
            internet_gateway_id: Some(Spanned::new(t.identity(i, "id"), r.address_span)),
        };
        out.push((
            "AWS::EC2::VPCGatewayAttachment",
            Typed::GatewayAttachment(f),
        ));
    }
    out
}

pub(super) fn gateway_attachment(t: &Tr, i: usize) -> GatewayAttachmentFields {
    let (r, c) = t.open(i);
    GatewayAttachmentFields {
        vpc_id: leaf_string(t, r, c, "vpc_id"),
        internet_gateway_id: leaf_string(t, r, c, "internet_gateway_id"),
    }
}
