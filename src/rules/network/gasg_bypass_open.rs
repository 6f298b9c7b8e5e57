//! GASG-BYPASS-OPEN — an internet-facing load balancer behind an accelerator stays directly reachable.

use super::cidr::is_world;
use super::ports::fmt_range;
use super::reachability::{rule_json, RuleFact, GA_PARAM_JSON};
use super::rule_source::Source;
use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta, Severity};

pub const META: RuleMeta = rule_meta!(
    GasgBypassOpen, "GASG-BYPASS-OPEN",
    Warning,
    "The load balancer stays reachable besides the accelerator"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for e in &cx.reach().endpoints {
        for fact in e.rules() {
            let RuleFact::Bypass {
                rule,
                source,
                range,
                intent,
                ga_example,
            } = fact
            else {
                continue;
            };
            let Some(sg) = m.security_groups.get(rule.sg) else {
                continue;
            };
            // Described as accelerator-only: the open rule contradicts the stated intent.
            let sev = if *intent {
                Severity::Error
            } else {
                Severity::Warning
            };
            let ga = ga_example.as_deref().unwrap_or(GA_PARAM_JSON);
            let what = match source {
                Source::Cidr(n) if is_world(n) => format!("the whole internet ({n})"),
                _ => source.describe(m),
            };
            let intent_note = if *intent {
                " although the group is described as accelerator-only"
            } else {
                ""
            };
            let f = Finding::new(
                META.id,
                sev,
                rule.at.file,
                rule.at.span,
                format!(
                    "{} admits {what} on tcp {} besides the accelerator{intent_note}: the internet-facing load balancer stays directly reachable, bypassing Global Accelerator",
                    sg.origin.logical_id,
                    fmt_range(*range)
                ),
            )
            .label("direct access, not through the accelerator")
            .resource(Some(rule.at.resource.clone()))
            .help(format!(
                "remove this rule; the load balancer's security groups should admit the listener port only from the GlobalAccelerator security group: {}",
                rule_json(*range, ga)
            ));
            out.push(e.with_path(m, f));
        }
    }
}
