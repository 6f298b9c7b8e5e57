//! CFN-TRANSFORM-UNEXPANDED: an `AWS::LanguageExtensions` construct whose value trustlint cannot know, so
//! what it generates is not analysed (said at info severity, never silently).

use crate::rules::{Finding, RuleMeta};
use crate::source::{FileId, Span};

pub const META: RuleMeta = crate::rule_meta!(
    CfnTransformUnexpanded,
    "CFN-TRANSFORM-UNEXPANDED",
    Info,
    "A language-extension loop trustlint could not expand"
);

pub fn finding(file: FileId, span: Span, what: &str, why: impl Into<String>) -> Finding {
    let why = why.into();
    Finding::new(
        META.id,
        META.severity,
        file,
        span,
        format!("`{what}` is not expanded: {why}; what it generates is not analysed"),
    )
    .label(why)
    .help("give the parameter a value in trustlint.toml (`[[stack]] parameters`) or a `Default`")
}
