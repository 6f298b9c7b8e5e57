//! LIMIT: an input whose value trustlint cannot compute within its analysis limits (alias expansion,
//! nesting after expansion, resolved string size, condition chains) or at all (a circular reference).
//! Raised where the limit is hit, naming it; the rest of the file is still checked.

use crate::rules::{Finding, RuleMeta};
use crate::source::{FileId, Span};

pub const META: RuleMeta = crate::rule_meta!(
    Limit,
    "LIMIT",
    Error,
    "Value too large, too deep or circular to analyse"
);

/// `limit` names the limit (`YAML alias expansion`, `Fn::Sub result size`, …).
pub fn finding(file: FileId, span: Span, limit: &str, message: impl Into<String>) -> Finding {
    Finding::new(META.id, META.severity, file, span, message.into())
        .label(format!("{limit} limit"))
        .help(
            "trustlint did not analyse this value; checks that depend on it cannot prove anything",
        )
}

/// A value defined in terms of itself.
pub fn cycle(file: FileId, span: Span, message: impl Into<String>) -> Finding {
    Finding::new(META.id, META.severity, file, span, message.into())
        .label("circular reference")
        .help("CloudFormation rejects circular references; break the cycle")
}
