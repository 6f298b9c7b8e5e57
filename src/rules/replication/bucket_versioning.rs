//! Bucket prerequisites (rules-spec §4): versioning on both sides, Object Lock on the destination.

use super::common::sites;
use super::Ctx;
use crate::model::symbolic::display;
use crate::rules::Finding;
use std::collections::HashSet;

/// Versioning is enabled, or cannot be known (a parameter): only a known other value is a defect.
fn versioned(b: &crate::model::s3::Bucket) -> bool {
    b.versioning
        .as_ref()
        .is_some_and(|v| v.value == "Enabled" || crate::model::symbolic::has_symbol(&v.value))
}

pub fn compute(ctx: &Ctx, out: &mut Vec<Finding>) {
    let mut src_seen = HashSet::new();
    let mut pair_seen = HashSet::new();
    for s in sites(&ctx.graph.model) {
        if src_seen.insert(s.b) && !versioned(s.src) {
            let span = s
                .src
                .versioning
                .as_ref()
                .map_or(s.src.origin.logical_id_span, |v| v.span);
            out.push(
                s.finding(
                    &super::bkt_versioning_src::META,
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
        if !s.rule.enabled() {
            continue;
        }
        let (Some(dst), Some(di)) = (s.dst, s.dst_index) else {
            continue;
        };
        if !pair_seen.insert((s.b, di)) {
            continue;
        }
        if !versioned(dst) {
            out.push(
                s.finding(&super::bkt_versioning_dest::META, s.dest_bucket_span(), format!(
                    "destination bucket {} is not versioned: every object fails with DstBucketUnversioned",
                    display(&dst.name)
                ))
                .label("replication status FAILED (DstBucketUnversioned)")
                .related(dst.origin.file, dst.versioning.as_ref().map_or(dst.origin.logical_id_span, |v| v.span), "versioning of the destination bucket")
                .help("on the destination bucket: \"VersioningConfiguration\": {\"Status\": \"Enabled\"}"),
            );
        }
        let src_lock = s.src.object_lock.as_ref().is_some_and(|o| o.value);
        let dst_lock = dst.object_lock.as_ref().is_some_and(|o| o.value);
        if src_lock && !dst_lock {
            out.push(
                s.finding(&super::bkt_objlock::META, s.dest_bucket_span(), format!(
                    "source {} has Object Lock but destination {} does not: replication fails with DstBucketObjectLockConfigMissing",
                    display(&s.src.name), display(&dst.name)
                ))
                .related(dst.origin.file, dst.origin.logical_id_span, "destination bucket without ObjectLockEnabled")
                .help("create the destination with \"ObjectLockEnabled\": true"),
            );
        }
    }
}
