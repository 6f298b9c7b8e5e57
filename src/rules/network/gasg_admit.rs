//! GASG-ADMIT — the load balancer's security groups do not admit the accelerator on a port it sends to
//! (and UNPROVEN when only sources trustlint cannot identify could admit it).

use super::ports::fmt_ranges;
use super::reachability::{rule_json, AlbEndpoint, Verdict};
use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta, Severity};

pub const META: RuleMeta = rule_meta!(
    GasgAdmit, "GASG-ADMIT",
    Error,
    "The load balancer's security groups do not admit the accelerator"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for e in &cx.reach().endpoints {
        let Some(a) = &e.admission else { continue };
        match &a.verdict {
            Verdict::Blocked {
                missing,
                at,
                ga_json,
            } => {
                let Some(lb) = m.load_balancers.get(e.path.lb) else {
                    continue;
                };
                let sg_name = e
                    .path
                    .security_groups
                    .first()
                    .and_then(|s| m.security_groups.get(*s))
                    .map_or("the load balancer's security group".to_string(), |s| {
                        s.origin.logical_id.clone()
                    });
                let from = if e.cip {
                    "the GlobalAccelerator security group of its VPC or the clients' addresses"
                } else {
                    "the Global Accelerator edge addresses (client IP preservation is off)"
                };
                let fixes: Vec<String> = missing.iter().map(|r| rule_json(*r, ga_json)).collect();
                let f = Finding::new(
                    META.id,
                    META.severity,
                    at.file,
                    at.span,
                    format!(
                        "the security groups of {} do not admit tcp {} from {from}: connections through the accelerator time out, and since the endpoint's health comes from its target groups, Global Accelerator keeps sending traffic there",
                        lb.origin.logical_id,
                        fmt_ranges(missing)
                    ),
                )
                .label("no rule here admits the accelerator on that port")
                .resource(Some(at.resource.clone()));
                let f = if e.cip {
                    f.help(format!(
                        "add to the SecurityGroupIngress of {sg_name}: {}",
                        fixes.join(", ")
                    ))
                } else {
                    f.help("enable client IP preservation on the endpoint (\"ClientIPPreservationEnabled\": true) and admit the GlobalAccelerator group, or admit the GLOBALACCELERATOR ranges of ip-ranges.json")
                };
                out.push(e.with_path(m, f));
            }
            Verdict::Unknown { missing, unknowns } => out.extend(unproven(cx, e, missing, unknowns)),
            _ => {}
        }
    }
}

/// Whether the accelerator reaches the load balancer depends on sources trustlint cannot identify.
fn unproven(
    cx: &Ctx,
    e: &AlbEndpoint,
    missing: &[super::ports::Range],
    unknowns: &[String],
) -> Option<Finding> {
    let m = cx.net.m;
    let g = m.endpoint_groups.get(e.path.group)?;
    let lb = m.load_balancers.get(e.path.lb)?;
    Some(Finding::new(
        crate::rules::unproven::META.id,
        Severity::Info,
        g.origin.file,
        e.id_span(m),
        format!(
            "cannot prove that the accelerator can reach {} on tcp {}: it depends on {}",
            lb.origin.logical_id,
            fmt_ranges(missing),
            unknowns.join(", ")
        ),
    )
    .resource(Some(g.origin.logical_id.clone()))
    .help("if that source is the accelerator's `GlobalAccelerator` group, name it in trustlint.toml: `[global_accelerator] security_groups = { \"vpc-…\" = \"sg-…\" }`, or pass it as a parameter of type AWS::EC2::SecurityGroup::Id whose name or description says GlobalAccelerator"))
}
