//! GASG-INTERNET-FACING — a load balancer that admits only the accelerator is still internet-facing.

use super::reachability::Verdict;
use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    GasgInternetFacing, "GASG-INTERNET-FACING",
    Info,
    "An accelerator-only load balancer is internet-facing"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for e in &cx.reach().endpoints {
        let Some(a) = &e.admission else { continue };
        if a.verdict != (Verdict::Admitted { only_accelerator: true }) {
            continue;
        }
        let Some(lb) = m.load_balancers.get(e.path.lb) else {
            continue;
        };
        let span = lb
            .scheme
            .as_ref()
            .map_or(lb.origin.logical_id_span, |s| s.span);
        out.push(
            Finding::new(
                META.id,
                META.severity,
                lb.origin.file,
                span,
                format!(
                    "{} admits only the accelerator, but it is internet-facing: its DNS name stays public; an internal load balancer in private subnets is not reachable from the internet at all",
                    lb.origin.logical_id
                ),
            )
            .resource(Some(lb.origin.logical_id.clone()))
            .help("\"Scheme\": \"internal\" with \"Subnets\" in private subnets (Global Accelerator still reaches it with client IP preservation; the VPC needs an internet gateway attached)"),
        );
    }
}
