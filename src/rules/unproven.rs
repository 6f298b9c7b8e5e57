//! `UNPROVEN`: a requirement whose outcome depends on a value trustlint cannot know (architecture.md,
//! "Which rule id a finding carries"). Shared by every rule family; the finding names the requirement and
//! the unknown value. Families may emit it below its default severity (e.g. `info` for a security-group
//! source that cannot be identified).

use crate::rules::RuleMeta;

pub const META: RuleMeta = crate::rule_meta!(
    Unproven,
    "UNPROVEN",
    Warning,
    "A requirement cannot be proven statically"
);

/// A policy whose text is built from values not known statically (`what` shows them): its statements
/// are not checked, said at info severity rather than silently.
pub fn policy_not_known(
    file: crate::source::FileId,
    span: crate::source::Span,
    what: &str,
) -> crate::rules::Finding {
    crate::rules::Finding::new(
        META.id,
        crate::rules::Severity::Info,
        file,
        span,
        format!("the policy is not known statically ({what}): its statements are not checked"),
    )
    .label("policy text not known")
}
