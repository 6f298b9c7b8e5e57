//! Bucket prerequisites (rules-spec §4) shared by BKT-VERSIONING-SRC, BKT-VERSIONING-DEST and
//! BKT-OBJLOCK: whether a bucket is versioned, and the (source, destination) pairs replication writes.

use super::common::Site;
use crate::model::s3::Bucket;
use std::collections::HashSet;

/// Versioning is enabled, or cannot be known (a parameter): only a known other value is a defect.
pub fn versioned(b: &Bucket) -> bool {
    b.versioning
        .as_ref()
        .is_some_and(|v| v.value == "Enabled" || crate::model::symbolic::has_symbol(&v.value))
}

/// The first enabled site of each (source, defined destination) pair, with the destination bucket.
pub fn replicated_pairs<'s, 'm>(sites: &'s [Site<'m>]) -> Vec<(&'s Site<'m>, &'m Bucket)> {
    let mut pair_seen = HashSet::new();
    sites
        .iter()
        .filter(|s| s.rule.enabled())
        .filter_map(|s| match (s.dst, s.dst_index) {
            (Some(dst), Some(di)) if pair_seen.insert((s.b, di)) => Some((s, dst)),
            _ => None,
        })
        .collect()
}
