//! POL-VERSION: `Version` must be `2012-10-17` (or the legacy `2008-10-17`, which disables policy variables).

use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta, Severity};

pub const META: RuleMeta = rule_meta!(
    PolVersion,
    "POL-VERSION",
    Error,
    "Policy Version is invalid, missing or legacy"
);

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let policy = &ctx.doc.policy;
    let uses_variables = ctx.src.slice(ctx.doc.span()).contains("${");
    match &policy.version {
        None => {
            // Anchor on the policy's opening brace: there is no Version text to point at.
            let at = crate::source::Span::new(
                policy.span.start as usize,
                policy.span.start as usize + 1,
            );
            let mut f = ctx
                .finding_with(
                    &META,
                    Severity::Warning,
                    at,
                    "the policy has no `Version`; AWS then assumes 2008-10-17",
                )
                .label("no Version in this policy")
                .help("add \"Version\": \"2012-10-17\" as the first element");
            if uses_variables {
                f.message
                    .push_str(", so policy variables such as ${aws:username} are literal text");
            }
            out.push(f);
        }
        Some(v) if v.value == "2012-10-17" => {}
        // A Version trustlint cannot know (a parameter): neither valid nor invalid.
        Some(v) if crate::model::symbolic::has_symbol(&v.value) => {}
        Some(v) if v.value == "2008-10-17" => {
            let mut f = ctx
                .finding_with(
                    &META,
                    Severity::Warning,
                    v.span,
                    "the policy uses the legacy Version 2008-10-17",
                )
                .help("use \"Version\": \"2012-10-17\"");
            if uses_variables {
                f.message
                    .push_str("; its policy variables such as ${aws:username} are literal text");
            }
            out.push(f);
        }
        Some(v) => out.push(
            ctx.finding(
                &META,
                v.span,
                format!("`{}` is not a valid policy Version", v.value),
            )
            .label("not 2012-10-17 or 2008-10-17")
            .help("the Version is a fixed date string: use \"Version\": \"2012-10-17\""),
        ),
    }
}
