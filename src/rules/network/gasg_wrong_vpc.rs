//! GASG-WRONG-VPC — a load balancer's group admits the `GlobalAccelerator` group of another VPC.

use super::reachability::RuleFact;
use super::rule_source::GaHow;
use super::Ctx;
use crate::model::symbolic::display;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    GasgWrongVpc, "GASG-WRONG-VPC",
    Error,
    "The GlobalAccelerator security group of another VPC is referenced"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for e in &cx.reach().endpoints {
        for fact in e.rules() {
            let RuleFact::WrongVpc { rule, ga } = fact else {
                continue;
            };
            let Some(sg) = m.security_groups.get(rule.sg) else {
                continue;
            };
            let own = sg
                .vpc_id
                .as_ref()
                .map_or("?".to_string(), |v| display(&v.value));
            let mut f = Finding::new(
                META.id,
                META.severity,
                rule.at.file,
                rule.at.span,
                format!(
                    "{} (in VPC {own}) admits {}, which belongs to another VPC: Global Accelerator creates one GlobalAccelerator group per VPC, and a group can only be referenced from its own (or a peered) VPC",
                    sg.origin.logical_id,
                    ga.describe(m)
                ),
            )
            .label("the accelerator group of another VPC")
            .resource(Some(rule.at.resource.clone()))
            .help("reference the GlobalAccelerator security group of this load balancer's own VPC (each Regional VPC has its own)");
            if let GaHow::Lookup(i) = &ga.how {
                if let Some(l) = m.sg_lookups.get(*i) {
                    f = f.related(l.origin.file, l.span, "this lookup filters on another VPC");
                }
            }
            out.push(e.with_path(m, f));
        }
    }
}
