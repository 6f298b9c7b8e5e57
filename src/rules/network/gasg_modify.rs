//! GASG-MODIFY — a template adds rules to the `GlobalAccelerator` security group, which Global
//! Accelerator manages.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    GasgModify, "GASG-MODIFY",
    Warning,
    "Rules are added to the GlobalAccelerator security group"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let net = &cx.net;
    let m = net.m;
    for sr in &m.sg_rules {
        let (Some(gid), Some(o)) = (&sr.group, &sr.rule.standalone) else {
            continue;
        };
        if let Some(ga) = net.ga_sg(&gid.value) {
            out.push(
                Finding::new(
                    META.id,
                    META.severity,
                    o.file,
                    gid.span,
                    format!(
                        "{} adds a rule to {}: Global Accelerator manages that group, and editing it can make endpoints unhealthy",
                        o.logical_id,
                        ga.describe(m)
                    ),
                )
                .resource(Some(o.logical_id.clone()))
                .help("add the rule to your own security group instead (e.g. the load balancer's, with the GlobalAccelerator group as its SourceSecurityGroupId)"),
            );
        }
    }
}
