//! BKT-VERSIONING-DEST — replication destination bucket is not versioned.

use super::bucket_versioning::{replicated_pairs, versioned};
use super::Ctx;
use crate::model::symbolic::display;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(BktVersioningDest, "BKT-VERSIONING-DEST", Error, "Replication destination bucket is not versioned");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for (s, dst) in replicated_pairs(cx.sites()) {
        if !versioned(dst) {
            out.push(
                s.finding(&META, s.dest_bucket_span(), format!(
                    "destination bucket {} is not versioned: every object fails with DstBucketUnversioned",
                    display(&dst.name)
                ))
                .label("replication status FAILED (DstBucketUnversioned)")
                .related(dst.origin.file, dst.versioning.as_ref().map_or(dst.origin.logical_id_span, |v| v.span), "versioning of the destination bucket")
                .help("on the destination bucket: \"VersioningConfiguration\": {\"Status\": \"Enabled\"}"),
            );
        }
    }
}
