//! Rules over CloudFormation templates themselves (references, intrinsics, trustlint metadata).
//!
//! Their findings are produced while a template is loaded (`load::cfn`), where the facts are known;
//! each module holds its rule's metadata and the constructor of its findings.

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
