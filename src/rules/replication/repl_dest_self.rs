//! REPL-DEST-SELF — a bucket replicates to itself.
//! From each site's rule and destination ([`super::Ctx::sites`]).

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplDestSelf, "REPL-DEST-SELF", Warning, "A bucket replicates to itself");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites() {
        let Some(b) = s.dest.and_then(|d| d.bucket.as_ref()) else {
            continue;
        };
        if s.dst_index == Some(s.b) {
            out.push(s.finding(
                &META,
                b.span,
                format!("rule {} replicates the bucket to itself", s.rule.label()),
            ));
        }
    }
}
