//! REPL-XACCT-NO-OWNERSHIP — cross-account replicas stay owned by the source account.
//! From each site's rule and destination ([`super::Ctx::sites`]).

use super::Ctx;
use crate::model::symbolic::display;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplXacctNoOwnership, "REPL-XACCT-NO-OWNERSHIP", Warning, "Cross-account replicas stay owned by the source account");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites() {
        let (Some(d), Some(dst)) = (s.dest, s.dst) else {
            continue;
        };
        if s.cross_account() != Some(true)
            || d.access_control_span.is_some()
            || s.dst_ownership_may_be_enforced()
        {
            continue;
        }
        out.push(
            s.finding(&META, s.dest_bucket_span(), format!(
                "replicas in {} stay owned by account {}: the destination account cannot read them unless ACLs grant it",
                display(&dst.name), display(s.src_account())
            ))
            .related(dst.origin.file, dst.ownership.as_ref().map_or(dst.origin.logical_id_span, |o| o.span), "Object Ownership is not BucketOwnerEnforced")
            .help("set OwnershipControls ObjectOwnership: BucketOwnerEnforced on the destination, or add AccessControlTranslation {Owner: Destination} + Account (and s3:ObjectOwnerOverrideToBucketOwner)"),
        );
    }
}
