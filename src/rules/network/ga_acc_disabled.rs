//! GA-ACC-DISABLED — the accelerator is disabled and routes no traffic.

use super::{finding, Ctx};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(GaAccDisabled, "GA-ACC-DISABLED", Info, "The accelerator is disabled");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for a in &cx.net.m.accelerators {
        if let Some(e) = a.enabled.as_ref().filter(|e| !e.value) {
            out.push(
                finding(&META, META.severity, &a.origin, e.span, "the accelerator is disabled: it routes no traffic (it must be disabled before it can be deleted)")
                    .help("\"Enabled\": true"),
            );
        }
    }
}
