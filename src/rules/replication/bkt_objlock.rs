//! BKT-OBJLOCK — object Lock source replicating to a bucket without Object Lock.

use super::bucket_versioning::replicated_pairs;
use super::Ctx;
use crate::model::symbolic::display;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(BktObjlock, "BKT-OBJLOCK", Error, "Object Lock source replicating to a bucket without Object Lock");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for (s, dst) in replicated_pairs(cx.sites()) {
        let src_lock = s.src.object_lock.as_ref().is_some_and(|o| o.value);
        let dst_lock = dst.object_lock.as_ref().is_some_and(|o| o.value);
        if src_lock && !dst_lock {
            out.push(
                s.finding(&META, s.dest_bucket_span(), format!(
                    "source {} has Object Lock but destination {} does not: replication fails with DstBucketObjectLockConfigMissing",
                    display(&s.src.name), display(&dst.name)
                ))
                .related(dst.origin.file, dst.origin.logical_id_span, "destination bucket without ObjectLockEnabled")
                .help("create the destination with \"ObjectLockEnabled\": true"),
            );
        }
    }
}
