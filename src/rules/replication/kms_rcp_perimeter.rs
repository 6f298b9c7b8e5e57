//! KMS-RCP-PERIMETER — a resource control policy on the account (or OU/root) that owns a key replication
//! uses denies KMS to principals outside the owner's organization (the AWS "identity perimeter" example:
//! `StringNotEqualsIfExists aws:PrincipalOrgID <own org>`), and the replication role belongs to another
//! organization. Computed by the `requirements` analysis: each KMS request of the requirements table on
//! a key of another account is evaluated with that account's RCPs as its RCP level. The role's
//! organization comes from `trustlint.toml` (`[accounts."<id>"] org = "o-…"`); unknown, or an RCP
//! attached to an OU, gives UNPROVEN. RCPs do not apply to AWS managed keys or to the management
//! account's resources.

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    KmsRcpPerimeter, "KMS-RCP-PERIMETER",
    Error,
    "A resource control policy on the key owner denies KMS to the replication role of another organization"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cx.requirement_outcomes().emit(META.id, out);
}
