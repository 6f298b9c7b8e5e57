//! BKT-OBJLOCK-DEST-RETENTION-POLICY — a retention-restricting destination bucket policy omits s3:ReplicateObject.

use crate::model::s3::Bucket;
use crate::model::symbolic::display;
use crate::model::PolicyDoc;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use super::Ctx;
use super::common::{destination_policies, Site};
use super::statements::{has_action, has_condition_key};

pub const META: RuleMeta = rule_meta!(BktObjlockDestRetentionPolicy, "BKT-OBJLOCK-DEST-RETENTION-POLICY", Warning, "A retention-restricting destination bucket policy omits s3:ReplicateObject");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for (s, dst, doc) in destination_policies(cx.sites(), &cx.graph.model) {
        retention_policy(s, dst, doc, out);
    }
}

fn retention_policy(s: &Site, dst: &Bucket, doc: &PolicyDoc, out: &mut Vec<Finding>) {
    // Only a known object lock (one not known statically may be off: then the policy limits nothing).
    if dst.object_lock_known() != Some(true) {
        return;
    }
    for st in &doc.policy.statements {
        let limits = has_condition_key(st, |k| {
            k == "s3:object-lock-remaining-retention-days"
                || k == "s3:object-lock-retain-until-date"
                || k == "s3:object-lock-mode"
        });
        // An action not known statically may be s3:ReplicateObject.
        let maybe_replicate = st.action.as_ref().is_some_and(|a| {
            a.items
                .iter()
                .any(|i| crate::model::symbolic::has_symbol(&i.value))
        });
        if !limits || has_action(st, "s3:ReplicateObject") || maybe_replicate || st.action.is_none()
        {
            continue;
        }
        out.push(
            Finding::new(META.id, META.severity, doc.file, st.action.as_ref().map_or(st.span, |a| a.span), format!(
                "this statement limits Object Lock retention in replication destination {}, but its actions do not include s3:ReplicateObject: the limit does not apply to replicas",
                display(&dst.name)
            ))
            .resource(Some(dst.origin.logical_id.clone()))
            .related(s.file(), s.dest_bucket_span(), "replication into this bucket")
            .help("add \"s3:ReplicateObject\" to the statement's Action, next to s3:PutObjectRetention"),
        );
    }
}
