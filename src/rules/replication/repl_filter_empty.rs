//! REPL-FILTER-EMPTY — replication rule with an empty filter applies to every object.
//! From each site's rule and destination ([`super::Ctx::sites`]).

use super::Ctx;
use crate::model::s3::ReplicationRule;
use crate::source::Span;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplFilterEmpty, "REPL-FILTER-EMPTY", Info, "Replication rule with an empty filter applies to every object");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites().iter().filter(|s| s.rule.enabled()) {
        if let Some(span) = filter_empty(s.rule) {
            out.push(s.finding(
                &META,
                span,
                format!(
                    "rule {} has an empty filter: it replicates every new object of the bucket",
                    s.rule.label()
                ),
            ));
        }
    }
}

/// The filter applies to every object: `Filter: {}`, `Filter: {Prefix: ""}`, `And` with neither, or a
/// V1 `Prefix: ""`.
fn filter_empty(r: &ReplicationRule) -> Option<Span> {
    match &r.filter {
        Some(f) => {
            let and_empty = f.and.as_ref().is_none_or(|a| {
                a.tags.is_empty() && a.prefix.as_ref().is_none_or(|p| p.value.is_empty())
            });
            let empty = f.tag.is_none()
                && f.prefix.as_ref().is_none_or(|p| p.value.is_empty())
                && and_empty;
            empty.then_some(f.span)
        }
        None => r
            .prefix
            .as_ref()
            .filter(|p| p.value.is_empty())
            .map(|p| p.span),
    }
}
