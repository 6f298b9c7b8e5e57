//! `UNPROVEN`: a requirement whose outcome depends on a value trustlint cannot know (architecture.md,
//! "Which rule id a finding carries"). Shared by every rule family; the finding names the requirement and
//! the unknown value. Families may emit it below its default severity (e.g. `info` for a security-group
//! source that cannot be identified).

use crate::rules::RuleMeta;

pub const META: RuleMeta = crate::rule_meta!(
    "UNPROVEN",
    Warning,
    "A requirement cannot be proven statically"
);
