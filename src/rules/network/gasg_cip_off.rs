//! GASG-CIP-OFF — only the accelerator group is admitted, but client IP preservation is off.

use super::ports::fmt_ranges;
use super::reachability::Verdict;
use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    GasgCipOff, "GASG-CIP-OFF",
    Warning,
    "Only the accelerator group is admitted, but client IP preservation is off"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for e in &cx.reach().endpoints {
        let Some(a) = &e.admission else { continue };
        let Verdict::CipOff {
            missing,
            span,
            admitted_at,
        } = &a.verdict
        else {
            continue;
        };
        let (Some(g), Some(lb)) = (
            m.endpoint_groups.get(e.path.group),
            m.load_balancers.get(e.path.lb),
        ) else {
            continue;
        };
        out.push(
            Finding::new(
                META.id,
                META.severity,
                g.origin.file,
                *span,
                format!(
                    "client IP preservation is off for {}, whose security groups admit tcp {} only from the GlobalAccelerator group: without client IP preservation traffic comes from Global Accelerator edge addresses, not from that group, and is dropped",
                    lb.origin.logical_id,
                    fmt_ranges(missing)
                ),
            )
            .resource(Some(g.origin.logical_id.clone()))
            .related(admitted_at.file, admitted_at.span, "admits only the GlobalAccelerator security group")
            .help("\"ClientIPPreservationEnabled\": true on the endpoint configuration (or admit the GLOBALACCELERATOR ranges of ip-ranges.json instead of the group)"),
        );
    }
}
