//! GA-EG-DIAL — a traffic dial is a percentage, 0–100.

use super::{finding, Ctx};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(GaEgDial, "GA-EG-DIAL", Error, "Traffic dial outside 0–100");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for g in &cx.net.m.endpoint_groups {
        if let Some(d) = g.traffic_dial.as_ref().filter(|d| !(0..=100).contains(&d.value)) {
            out.push(
                finding(
                    &META,
                    META.severity,
                    &g.origin,
                    d.span,
                    format!("TrafficDialPercentage {} is outside 0–100", d.value),
                )
                .help("\"TrafficDialPercentage\": 100"),
            );
        }
    }
}
