//! The source bucket's lifecycle rules that act on what a replication rule replicates (lifecycle actions
//! are not replicated), shared by REPL-DMR-LIFECYCLE and REPL-SRC-GLACIER.

use super::common::Site;
use crate::model::s3::{Bucket, LifecycleRule};
use crate::model::symbolic::has_symbol;

/// Two prefixes select common keys when one starts with the other.
fn prefixes_overlap(a: &str, b: &str) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

/// The enabled lifecycle rules of the source whose prefix overlaps the replication rule's.
pub fn covering<'a>(s: &Site<'a>) -> Vec<&'a LifecycleRule> {
    let prefix = s.prefix();
    s.src
        .lifecycle_rules
        .iter()
        .filter(|l| l.enabled() && prefixes_overlap(l.prefix_str(), &prefix))
        .collect()
}

/// The destination may expire the keys under `prefix` itself: a lifecycle rule with an expiration whose
/// status may be Enabled and whose prefix may contain them (a value not known statically may).
pub fn dest_may_expire(dst: &Bucket, prefix: &str) -> bool {
    dst.lifecycle_rules.iter().any(|l| {
        let on = l
            .status
            .as_ref()
            .is_some_and(|s| s.value == "Enabled" || has_symbol(&s.value));
        let under =
            prefix.starts_with(l.prefix_str()) || has_symbol(prefix) || has_symbol(l.prefix_str());
        on && l.expiration.is_some() && under
    })
}
