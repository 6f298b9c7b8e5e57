//! BKT-VERSIONING-SRC — replication source bucket is not versioned.

use super::bucket_versioning::versioned;
use super::Ctx;
use crate::model::symbolic::display;
use std::collections::HashSet;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(BktVersioningSrc, "BKT-VERSIONING-SRC", Error, "Replication source bucket is not versioned");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let mut src_seen = HashSet::new();
    for s in cx.sites() {
        if src_seen.insert(s.b) && !versioned(s.src) {
            let span = s
                .src
                .versioning
                .as_ref()
                .map_or(s.src.origin.logical_id_span, |v| v.span);
            out.push(
                s.finding(
                    &META,
                    span,
                    format!(
                        "bucket {} has a replication configuration but versioning is {}",
                        display(&s.src.name),
                        s.src
                            .versioning
                            .as_ref()
                            .map_or("not enabled".to_string(), |v| format!("`{}`", v.value))
                    ),
                )
                .related(s.file(), s.config.span, "replication configuration")
                .help("\"VersioningConfiguration\": {\"Status\": \"Enabled\"}"),
            );
        }
    }
}
