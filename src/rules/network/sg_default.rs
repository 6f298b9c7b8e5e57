//! SG-DEFAULT — rules added to a VPC's default security group.

use super::{finding, Ctx};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use crate::model::origin::Origin;
use crate::model::symbolic::{only_symbol, Sym};
use crate::model::Model;

pub const META: RuleMeta = rule_meta!(
    SgDefault, "SG-DEFAULT",
    Info,
    "Rules added to a VPC's default security group"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    default_group(cx, out);
}

/// `{"Fn::GetAtt": ["<VPC>", "DefaultSecurityGroup"]}` (or `"<VPC>.DefaultSecurityGroup"`) where `<VPC>` is
/// an `AWS::EC2::VPC` of the same stack: the logical id of that VPC. The frontend resolved the `GetAtt` to
/// the VPC's generated `DefaultSecurityGroup` symbol.
fn default_sg_of<'a>(m: &'a Model, o: &Origin, group: &str) -> Option<&'a str> {
    let sym = only_symbol(group)?.get();
    let Sym::Generated {
        key,
        logical_id,
        attr,
        ..
    } = &*sym
    else {
        return None;
    };
    if attr != "DefaultSecurityGroup" || *key != o.stack_key {
        return None;
    }
    let vpc = m.stack(key)?.resource(logical_id)?;
    (vpc.type_name == "AWS::EC2::VPC").then_some(vpc.logical_id.as_str())
}

fn default_group(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = &cx.graph.model;
    for sr in &m.sg_rules {
        let Some(o) = &sr.rule.standalone else {
            continue;
        };
        let Some(group) = &sr.group else {
            continue;
        };
        let Some(vpc) = default_sg_of(m, o, &group.value) else {
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

