//! CFN-INTRINSIC-UNKNOWN: an `Fn::` function CloudFormation does not know, or an intrinsic whose
//! arguments have the wrong shape.

use crate::rules::{Finding, RuleMeta};
use crate::source::{FileId, Span};

pub const META: RuleMeta = crate::rule_meta!(
    CfnIntrinsicUnknown,
    "CFN-INTRINSIC-UNKNOWN",
    Error,
    "Unknown intrinsic function or malformed intrinsic arguments"
);

pub fn unknown(file: FileId, span: Span, name: &str, suggestion: Option<&str>) -> Finding {
    let f = Finding::new(
        META.id,
        META.severity,
        file,
        span,
        format!("`{name}` is not a CloudFormation intrinsic function"),
    )
    .label("unknown intrinsic function");
    match suggestion {
        Some(s) => f.help(format!("did you mean `{s}`?")),
        None => f.help("see the CloudFormation intrinsic function reference"),
    }
}

pub fn malformed(file: FileId, span: Span, name: &str, expected: &str) -> Finding {
    Finding::new(
        META.id,
        META.severity,
        file,
        span,
        format!("malformed `{name}`: expected {expected}"),
    )
    .label(format!("expected {expected}"))
}
