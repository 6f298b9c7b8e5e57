//! CFN-METADATA: invalid `Metadata.trustlint` in a template (binding, pinned identifiers, suppressions).

use crate::rules::{Finding, RuleMeta};
use crate::source::{FileId, Span};

pub const META: RuleMeta = crate::rule_meta!(
    "CFN-METADATA",
    Error,
    "Invalid trustlint metadata in a CloudFormation template"
);

pub fn finding(
    file: FileId,
    span: Span,
    message: impl Into<String>,
    help: impl Into<String>,
) -> Finding {
    let message = message.into();
    Finding::new(META.id, META.severity, file, span, message.clone())
        .label(message)
        .help(help)
}
