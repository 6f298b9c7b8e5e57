//! CFN-METADATA: invalid `Metadata.trustlint` in a template (binding, pinned identifiers, suppressions).

use crate::rules::{Finding, RuleMeta};
use crate::source::{FileId, Span};

pub const META: RuleMeta = crate::rule_meta!(
    CfnMetadata,
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

/// `Metadata.trustlint.ignore` entries that name no rule (the loader keeps them as written).
pub fn check_suppressions(t: &crate::load::cfn::Template, out: &mut Vec<Finding>) {
    let known = || crate::rules::all_rules().iter().map(|r| r.id.as_str());
    for s in &t.suppressions {
        for (id, span) in &s.rules {
            if crate::rules::find_rule(id).is_some() {
                continue;
            }
            let hint = crate::load::cfn::resolve::closest(id, known(), 4).map_or_else(
                || "run `trustlint rules` for the list".to_string(),
                |s| format!("did you mean `{s}`?"),
            );
            out.push(
                finding(
                    t.file,
                    *span,
                    format!("`{id}` in `Metadata.trustlint.ignore` is not a rule id"),
                    hint,
                )
                .resource(Some(format!(
                    "{} ({})",
                    s.logical_id,
                    resource_type(t, &s.logical_id)
                ))),
            );
        }
    }
}

fn resource_type<'t>(t: &'t crate::load::cfn::Template, logical_id: &str) -> &'t str {
    t.resource(logical_id).map_or("", |r| r.type_name.as_str())
}
