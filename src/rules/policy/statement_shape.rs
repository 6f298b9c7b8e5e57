//! POL-STATEMENT-SHAPE: every statement needs an `Effect`, exactly one of `Action`/`NotAction` and exactly
//! one of `Resource`/`NotResource` (key policies: `Resource`); element types and duplicate keys.

use super::Ctx;
use crate::model::DocKind;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    PolStatementShape,
    "POL-STATEMENT-SHAPE",
    Error,
    "Statement is missing a required element or has a malformed one"
);

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for e in ctx.doc.shape_errors.iter().filter(|e| e.rule == META.id) {
        let mut f = ctx.finding(&META, e.span, e.message.clone());
        f.help = e.help.clone();
        out.push(f);
    }
    for e in ctx
        .doc
        .shape_errors
        .iter()
        .filter(|e| e.rule == crate::rules::unproven::META.id)
    {
        let mut f = ctx.finding(&crate::rules::unproven::META, e.span, e.message.clone());
        f.severity = crate::rules::Severity::Info;
        out.push(f);
    }
    for st in &ctx.doc.policy.statements {
        let head = super::head(st.span);
        match (&st.action, &st.not_action) {
            (Some(a), Some(_)) => out.push(
                ctx.finding(
                    &META,
                    a.key_span,
                    format!("statement {} has both `Action` and `NotAction`", st.index),
                )
                .help("keep one of them"),
            ),
            (None, None) => out.push(
                ctx.finding(
                    &META,
                    head,
                    format!(
                        "statement {} has neither `Action` nor `NotAction`",
                        st.index
                    ),
                )
                .label("statement without Action")
                .help("add \"Action\": [\"service:Action\", …]"),
            ),
            _ => {}
        }
        match (&st.resource, &st.not_resource) {
            (Some(r), Some(_)) => out.push(
                ctx.finding(
                    &META,
                    r.key_span,
                    format!(
                        "statement {} has both `Resource` and `NotResource`",
                        st.index
                    ),
                )
                .help("keep one of them"),
            ),
            // Trust policies name no resource: the role itself is the resource.
            (None, None) if ctx.doc.kind != DocKind::Trust && !ctx.doc.resource_implied => out
                .push(
                    ctx.finding(
                        &META,
                        head,
                        format!(
                            "statement {} has neither `Resource` nor `NotResource`",
                            st.index
                        ),
                    )
                    .label("statement without Resource")
                    .help(if ctx.doc.kind == DocKind::KeyPolicy {
                        "key policies need \"Resource\": \"*\" (it means this key)"
                    } else {
                        "add \"Resource\": [\"arn:…\"]"
                    }),
                ),
            (None, Some(nr)) if ctx.doc.kind == DocKind::KeyPolicy => out.push(
                ctx.finding(
                    &META,
                    nr.key_span,
                    "key policies do not support `NotResource`",
                )
                .help("use \"Resource\": \"*\" (it means this key)"),
            ),
            _ => {}
        }
    }
}
