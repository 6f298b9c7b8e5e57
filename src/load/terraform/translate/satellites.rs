//! Satellite resources (`aws_s3_bucket_versioning`, `aws_iam_role_policy_attachment`,
//! `aws_security_group_rule`, …) indexed by the resource they complete, and the rule for reading an
//! attribute such a satellite may also manage.

use super::context::Tr;
use crate::load::terraform::plan::PlanResource;
use std::collections::HashMap;

/// Satellites folded into their parent, by parent index.
#[derive(Default)]
pub(super) struct Folded {
    pub(super) bucket: HashMap<usize, Vec<usize>>,
    pub(super) role_attachments: HashMap<usize, Vec<usize>>,
    /// Roles with `aws_iam_role_policy` resources (their `inline_policy` mirrors those when not
    /// configured).
    pub(super) role_policies: HashMap<usize, usize>,
    /// Groups with standalone rules (their `ingress`/`egress` mirror those when not configured).
    pub(super) sg_rules: HashMap<usize, usize>,
}

/// Whether an Optional+Computed attribute should be read: written in the configuration, or nothing
/// else manages it.
pub(super) fn use_inline(r: &PlanResource, key: &str, managed_elsewhere: bool) -> bool {
    r.config.is_none() || r.expression(key).is_some() || !managed_elsewhere
}

/// Index the satellites by the resource they are folded into.
pub(super) fn fold(t: &Tr) -> Folded {
    let mut f = Folded::default();
    for (j, r) in t.plan.resources.iter().enumerate() {
        if r.data {
            continue;
        }
        match r.type_name {
            "aws_s3_bucket_versioning"
            | "aws_s3_bucket_server_side_encryption_configuration"
            | "aws_s3_bucket_ownership_controls"
            | "aws_s3_bucket_object_lock_configuration"
            | "aws_s3_bucket_replication_configuration" => {
                if let Some(b) = t.bucket_of(r) {
                    f.bucket.entry(b).or_default().push(j);
                }
            }
            "aws_iam_role_policy_attachment" => {
                if let Some(ro) = t.role_of(r) {
                    f.role_attachments.entry(ro).or_default().push(j);
                }
            }
            "aws_iam_role_policy" => {
                if let Some(ro) = t.role_of(r) {
                    *f.role_policies.entry(ro).or_default() += 1;
                }
            }
            "aws_security_group_rule"
            | "aws_vpc_security_group_ingress_rule"
            | "aws_vpc_security_group_egress_rule" => {
                let target = match r.str("security_group_id") {
                    Some(id) => t.sg_ids.get(id).copied(),
                    None => t
                        .referenced_resources(r, r.expression("security_group_id"))
                        .into_iter()
                        .find(|x| t.res(*x).type_name == "aws_security_group"),
                };
                if let Some(g) = target {
                    *f.sg_rules.entry(g).or_default() += 1;
                }
            }
            _ => {}
        }
    }
    f
}
