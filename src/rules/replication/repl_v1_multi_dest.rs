//! REPL-V1-MULTI-DEST — V1 replication configuration with more than one destination bucket.
//! Over each configuration whose rules are known ([`super::configurations`]).

use super::Ctx;
use crate::model::symbolic::display;
use crate::source::Spanned;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplV1MultiDest, "REPL-V1-MULTI-DEST", Error, "V1 replication configuration with more than one destination bucket");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for c in cx.configurations().iter().filter(|c| c.rules_known()) {
        // V1: no rule has a Filter.
        if c.config.rules.iter().any(|r| r.is_v2()) {
            continue;
        }
        let mut first: Option<&Spanned<String>> = None;
        for r in &c.config.rules {
            let Some(d) = r.destination.as_ref().and_then(|d| d.bucket.as_ref()) else {
                continue;
            };
            match first {
                None => first = Some(d),
                Some(f) if f.value != d.value => {
                    out.push(
                        c.finding(&META, d.span, format!(
                            "this V1 configuration (no rule has a Filter) replicates to {} and {}: S3 answers `Number of distinct destination bucket ARNs cannot exceed 1`",
                            display(&f.value), display(&d.value)
                        ))
                        .related(c.bucket.origin.file, f.span, "the first destination")
                        .help("convert every rule to V2: add \"Filter\": {\"Prefix\": \"…\"}, a unique \"Priority\" and \"DeleteMarkerReplication\": {\"Status\": \"Enabled\" | \"Disabled\"}"),
                    );
                    break;
                }
                Some(_) => {}
            }
        }
    }
}
