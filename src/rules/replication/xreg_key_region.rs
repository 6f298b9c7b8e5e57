//! XREG-KEY-REGION — cross-region replication: the replica key is not in the destination region.

use super::replica_keys::replica_keys;
use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(XregKeyRegion, "XREG-KEY-REGION", Error, "Cross-region replication: the replica key is not in the destination region");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for r in replica_keys(cx.sites()) {
        let (s, k) = (r.site, r.id);
        let Some((kr, dr)) = r.region_mismatch() else {
            continue;
        };
        let cross_region = s.src_region().is_some_and(|sr| sr != dr);
        // Within one Region the mismatch is KMS-REPLICA-KEY-REGION's finding.
        if !cross_region {
            continue;
        }
        let mut f = s
            .finding(&META, k.span, format!("the replica key is in {kr} but the destination bucket {} is in {dr}: the key must be in the destination bucket's region", s.dst_label()))
            .label("replication fails: KMS keys never leave their region")
            .help(format!("use a key created in {dr}{}", if cross_region { " (cross-region replication needs two keys: the source key in the source region, the replica key in the destination region)" } else { "" }));
        if let Some(t) = r.target {
            f = f.related(
                t.origin.file,
                t.origin.logical_id_span,
                format!("key {} is deployed in {kr}", t.origin.logical_id),
            );
        }
        out.push(f);
    }
}
