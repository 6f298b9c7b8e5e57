//! BKT-OBJLOCK — object Lock source replicating to a bucket without Object Lock.

use super::bucket_versioning::replicated_pairs;
use super::Ctx;
use crate::model::s3::Bucket;
use crate::model::symbolic::display;
use crate::rule_meta;
use crate::rules::unproven::META as UNPROVEN;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(BktObjlock, "BKT-OBJLOCK", Error, "Object Lock source replicating to a bucket without Object Lock");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for (s, dst) in replicated_pairs(cx.sites()) {
        match (s.src.object_lock_known(), dst.object_lock_known()) {
            (Some(true), Some(false)) => out.push(
                s.finding(&META, s.dest_bucket_span(), format!(
                    "source {} has Object Lock but destination {} does not: replication fails with DstBucketObjectLockConfigMissing",
                    display(&s.src.name), display(&dst.name)
                ))
                .related(dst.origin.file, dst.origin.logical_id_span, "destination bucket without ObjectLockEnabled")
                .help("create the destination with \"ObjectLockEnabled\": true"),
            ),
            // Object lock not known statically on one side, the other side making it matter.
            (None, Some(false)) | (Some(true) | None, None) => {
                let unknown: Vec<String> = [s.src, dst]
                    .into_iter()
                    .filter_map(lock_unknown)
                    .collect();
                out.push(
                    s.finding(&UNPROVEN, s.dest_bucket_span(), format!(
                        "whether replication from {} to {} fails with DstBucketObjectLockConfigMissing (Object Lock on the source only) depends on {}",
                        display(&s.src.name), display(&dst.name), unknown.join(" and ")
                    ))
                    .help("give the ObjectLockEnabled parameters a value, or pin them with Metadata.trustlint"),
                );
            }
            _ => {}
        }
    }
}

/// "Object Lock of bucket X (‹value›)" when it is not known statically.
fn lock_unknown(b: &Bucket) -> Option<String> {
    let u = b.object_lock_unknown.as_ref()?;
    Some(format!(
        "Object Lock of bucket {} ({})",
        display(&b.name),
        display(&u.value)
    ))
}
