//! REPL-FILTER-ONE-OF — filter must have exactly one of Prefix, TagFilter, And.
//! From each site's rule and destination ([`super::Ctx::sites`]).

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplFilterOneOf, "REPL-FILTER-ONE-OF", Error, "Filter must have exactly one of Prefix, TagFilter, And");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites() {
        let Some(f) = &s.rule.filter else { continue };
        let n = [f.prefix.is_some(), f.tag.is_some(), f.and.is_some()]
            .iter()
            .filter(|x| **x)
            .count();
        if n > 1 {
            out.push(
                s.finding(
                    &META,
                    f.span,
                    format!(
                        "rule {}: Filter has more than one of Prefix, TagFilter, And",
                        s.rule.label()
                    ),
                )
                .help("combine a prefix and tags under \"And\": {\"Prefix\": …, \"TagFilters\": […]}"),
            );
        }
    }
}
