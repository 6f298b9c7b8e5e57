//! GASG-SELF-MADE — a security group of the template stands in for the accelerator's `GlobalAccelerator`
//! group, which Global Accelerator creates itself.

use super::reachability::{rule_json, RuleFact, GA_PARAM_JSON};
use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    GasgSelfMade, "GASG-SELF-MADE",
    Warning,
    "A security group of the template stands in for the accelerator's"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for e in &cx.reach().endpoints {
        for fact in e.rules() {
            let RuleFact::SelfMade { rule, fake, range } = fact else {
                continue;
            };
            let (Some(sg), Some(fake)) = (m.security_groups.get(rule.sg), m.security_groups.get(*fake))
            else {
                continue;
            };
            let f = Finding::new(
                META.id,
                META.severity,
                rule.at.file,
                rule.at.span,
                format!(
                    "{} admits security group {}, defined in the template, as if it were the accelerator's: Global Accelerator only uses the `GlobalAccelerator` group it creates itself, so this rule admits no accelerator traffic",
                    sg.origin.logical_id, fake.origin.logical_id
                ),
            )
            .label("not the group Global Accelerator attaches to its network interfaces")
            .resource(Some(rule.at.resource.clone()))
            .related(fake.origin.file, fake.origin.logical_id_span, "a security group created by the template")
            .help(format!(
                "reference the group Global Accelerator creates in this VPC instead: {} — pass its id as a parameter of type AWS::EC2::SecurityGroup::Id, look it up (CDK `AcceleratorSecurityGroupPeer.fromVpc`), or name it in trustlint.toml `[global_accelerator] security_groups`",
                rule_json(*range, GA_PARAM_JSON)
            ));
            out.push(e.with_path(m, f));
        }
    }
}
