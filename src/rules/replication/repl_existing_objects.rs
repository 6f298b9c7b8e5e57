//! REPL-EXISTING-OBJECTS — ExistingObjectReplication is no longer supported.
//! From each site's rule and destination ([`super::Ctx::sites`]).

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplExistingObjects, "REPL-EXISTING-OBJECTS", Warning, "ExistingObjectReplication is no longer supported");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites() {
        if let Some(e) = s.rule.existing_object_replication {
            out.push(
                s.finding(
                    &META,
                    e,
                    format!(
                        "rule {}: ExistingObjectReplication is no longer supported by the API",
                        s.rule.label()
                    ),
                )
                .help("remove it; replicate existing objects with S3 Batch Replication"),
            );
        }
    }
}
