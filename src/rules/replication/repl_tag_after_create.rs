//! REPL-TAG-AFTER-CREATE — tag-filtered replication only sees tags present at creation.
//! From each rule's tag filters ([`super::rule_facts`]).

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplTagAfterCreate, "REPL-TAG-AFTER-CREATE", Info, "Tag-filtered replication only sees tags present at creation");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for (s, facts) in cx.sites_with_facts() {
        if !s.rule.enabled() || facts.tags.is_empty() {
            continue;
        }
        let span = s.rule.filter.as_ref().map_or(s.rule.span, |f| f.span);
        out.push(
            s.finding(&META, span, format!(
                "rule {} selects objects by tag: only objects that carry the tag when they are created replicate; tagging an object later does not replicate it",
                s.rule.label()
            ))
            .help("tag objects in the upload request (x-amz-tagging), or replicate later-tagged objects with S3 Batch Replication"),
        );
    }
}
