//! Rules over CloudFormation templates themselves (references, intrinsics, trustlint metadata).
//!
//! The loader (`load::cfn`) reports what it met as typed issues (`load::issue`); `rules::load_issues`
//! hands each issue to the module of its rule here, which holds the rule's metadata and words the finding.

pub mod intrinsic_unknown;
pub mod metadata;
pub mod ref_unknown;
pub mod transform_unexpanded;

use crate::rules::RuleMeta;

/// Metadata of every template rule, for the registry.
pub fn rules() -> impl Iterator<Item = RuleMeta> {
    [
        ref_unknown::META,
        intrinsic_unknown::META,
        metadata::META,
        transform_unexpanded::META,
    ]
    .into_iter()
}
