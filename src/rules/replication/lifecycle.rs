//! The source bucket's lifecycle rules that act on what a replication rule replicates (lifecycle actions
//! are not replicated), shared by REPL-DMR-LIFECYCLE and REPL-SRC-GLACIER.

use super::common::Site;
use crate::model::s3::{Bucket, LifecycleRule};

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

/// The destination expires the keys under `prefix` itself.
pub fn dest_expires(dst: &Bucket, prefix: &str) -> bool {
    dst.lifecycle_rules
        .iter()
        .any(|l| l.enabled() && l.expiration.is_some() && prefix.starts_with(l.prefix_str()))
}
