//! SG-DEFAULT — rules added to a VPC's default security group.

use super::{finding, Ctx};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use crate::source::{Node, Value};

pub const META: RuleMeta = rule_meta!(
    SgDefault, "SG-DEFAULT",
    Info,
    "Rules added to a VPC's default security group"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    default_group(cx, out);
}

/// `{"Fn::GetAtt": ["<VPC>", "DefaultSecurityGroup"]}` (or `"<VPC>.DefaultSecurityGroup"`) where `<VPC>` is
/// an `AWS::EC2::VPC` of the same template: the logical id of that VPC.
fn default_sg_of<'a>(raw: &'a Node, group: &'a Node) -> Option<&'a str> {
    let Value::Object(members) = &group.value else {
        return None;
    };
    let ga = members.iter().find(|m| m.key == "Fn::GetAtt")?;
    let (vpc, attr) = match &ga.value.value {
        Value::Array(a) => match a.as_slice() {
            [vpc, attr] => (vpc.as_str()?, attr.as_str()?),
            _ => return None,
        },
        Value::String(s) => s.split_once('.')?,
        _ => return None,
    };
    if attr != "DefaultSecurityGroup" {
        return None;
    }
    let ty = raw.get("Resources")?.get(vpc)?.get("Type")?.as_str()?;
    (ty == "AWS::EC2::VPC").then_some(vpc)
}

fn default_group(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = &cx.graph.model;
    for sr in &m.sg_rules {
        let Some(o) = &sr.rule.standalone else {
            continue;
        };
        let Some(raw) = cx.net.raw.get(cx.sources, o.file) else {
            continue;
        };
        let Some(group) = raw
            .get("Resources")
            .and_then(|r| r.get(&o.logical_id))
            .and_then(|r| r.get("Properties"))
            .and_then(|p| p.get("GroupId"))
        else {
            continue;
        };
        let Some(vpc) = default_sg_of(&raw, group) else {
            continue;
        };
        let dir = match sr.rule.direction {
            crate::model::ec2::Direction::Ingress => "an ingress",
            crate::model::ec2::Direction::Egress => "an egress",
        };
        let span = sr.group.as_ref().map_or(o.logical_id_span, |g| g.span);
        out.push(
            finding(
                &META,
                META.severity,
                o,
                span,
                format!(
                    "{} adds {dir} rule to the default security group of VPC {vpc}: every resource \
                     launched without an explicit group gets it",
                    o.logical_id
                ),
            )
            .label("the VPC's default security group")
            .help("create a dedicated AWS::EC2::SecurityGroup for the resources that need this rule and attach it to them; keep the default group without rules (AWS Security Hub control EC2.2)"),
        );
    }
}

