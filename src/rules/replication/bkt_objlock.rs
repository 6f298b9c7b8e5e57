//! BKT-OBJLOCK — object Lock source replicating to a bucket without Object Lock.

use super::bucket_versioning::replicated_pairs;
use super::Ctx;
use crate::model::symbolic::display;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(BktObjlock, "BKT-OBJLOCK", Error, "Object Lock source replicating to a bucket without Object Lock");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for (s, dst) in replicated_pairs(cx.sites()) {
        // Only known settings: object lock not known statically may be on (or off) on either side.
        if s.src.object_lock_known() == Some(true) && dst.object_lock_known() == Some(false) {
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
