//! CFN-REF-UNKNOWN: a `Ref`, `Fn::GetAtt`, `Fn::Sub` variable, `Fn::If` condition or `Fn::FindInMap`
//! mapping that names nothing in the template.

use crate::rules::{Finding, RuleMeta};
use crate::source::{FileId, Span};

pub const META: RuleMeta = crate::rule_meta!(
    CfnRefUnknown,
    "CFN-REF-UNKNOWN",
    Error,
    "Reference to a logical id, parameter, condition or mapping that does not exist"
);

/// `what` is e.g. "resource or parameter", `name` what was written, `suggestion` a close existing name.
pub fn finding(
    file: FileId,
    span: Span,
    what: &str,
    name: &str,
    suggestion: Option<&str>,
) -> Finding {
    let f = Finding::new(
        META.id,
        META.severity,
        file,
        span,
        format!("`{name}` is not a {what} of this template"),
    )
    .label(format!("no {what} named `{name}`"));
    match suggestion {
        Some(s) => f.help(format!("did you mean `{s}`?")),
        None => f.help(format!(
            "define the {what}, or fix the name (names are case-sensitive)"
        )),
    }
}
