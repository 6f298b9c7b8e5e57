//! POL-REDUNDANT-ACTION: an `Action`/`NotAction` entry already covered by a wildcard entry (or
//! repeated) in the same statement (`s3:Get*` and `s3:GetObject`).
//!
//! Each entry is compared only with the wildcard entries of its list (typically few), so the
//! cost is O(entries × wildcards), plus a hash set for repeats.

use super::Ctx;
use crate::eval::wildcard::{has_wildcard, matches_ci};
use crate::model::Statement;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use crate::source::Spanned;
use std::collections::HashMap;

pub const META: RuleMeta = rule_meta!(
    PolRedundantAction,
    "POL-REDUNDANT-ACTION",
    Info,
    "Action is already covered by another entry of the same statement"
);

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for st in &ctx.doc.policy.statements {
        for (block, element) in blocks(st) {
            check_list(ctx, element, &block.items, out);
        }
    }
}

fn blocks(st: &Statement) -> impl Iterator<Item = (&crate::model::ListBlock, &'static str)> {
    st.action
        .iter()
        .map(|b| (b, "Action"))
        .chain(st.not_action.iter().map(|b| (b, "NotAction")))
}

/// Does the wildcard pattern `w` cover every action that `p` (itself possibly a pattern) covers?
/// Sound when `w` has no `?`: `w` matching the text of `p` means each `*` of `p` falls inside a
/// `*` of `w` (a literal of `w` never matches `*`), so any expansion of `p` still matches.
fn covers(w: &str, p: &str) -> bool {
    if w == "*" {
        return true;
    }
    if w.contains('?') || p.contains('?') {
        return false;
    }
    // `*` with no `:` spans the separator ("*Object*"); a prefixed pattern stays in its service.
    matches_ci(w, p)
}

fn check_list(ctx: &Ctx, element: &str, items: &[Spanned<String>], out: &mut Vec<Finding>) {
    let wildcards: Vec<&Spanned<String>> =
        items.iter().filter(|i| has_wildcard(&i.value)).collect();
    let mut seen: HashMap<String, &Spanned<String>> = HashMap::new();
    for item in items {
        let a = item.value.as_str();
        if a.is_empty() {
            continue;
        }
        let lower = a.to_ascii_lowercase();
        if let Some(first) = seen.get(&lower) {
            out.push(
                ctx.finding(
                    &META,
                    item.span,
                    format!("`{a}` is listed twice in this statement's `{element}` (action names are case-insensitive)"),
                )
                .label("repeated entry")
                .help(format!("remove this entry; `{}` is already listed", first.value))
                .related(ctx.src.id, first.span, "first listed here"),
            );
            continue;
        }
        seen.insert(lower.clone(), item);
        let cover = wildcards.iter().find(|w| {
            w.span != item.span && !w.value.eq_ignore_ascii_case(a) && covers(&w.value, a)
        });
        if let Some(w) = cover {
            out.push(
                ctx.finding(
                    &META,
                    item.span,
                    format!(
                        "`{a}` is already covered by `{}` in this statement's `{element}`",
                        w.value
                    ),
                )
                .label(format!("covered by `{}`", w.value))
                .help(format!(
                    "remove `{a}`, or replace `{}` with the explicit actions you need (least privilege)",
                    w.value
                ))
                .related(ctx.src.id, w.span, "the wildcard that covers it"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, spans};
    use super::*;

    #[test]
    fn coverage() {
        assert!(covers("s3:Get*", "s3:GetObject"));
        assert!(covers("s3:get*", "S3:GetObjectAcl"));
        assert!(covers("s3:Get*", "s3:GetObject*"));
        assert!(covers("s3:*", "s3:Get*"));
        assert!(covers("*", "kms:Decrypt"));
        assert!(covers("iam:*AccessKey*", "iam:CreateAccessKey"));
        assert!(!covers("s3:Get*", "s3:PutObject"));
        assert!(!covers("s3:GetObject*", "s3:Get*"));
        assert!(!covers("s3:Get*t", "s3:Get*"));
        assert!(!covers("s3:Get?bject", "s3:Get*"));
        assert!(!covers("s3:*Object", "s3:GetObject*"));
    }

    #[test]
    fn reports_covered_and_repeated_entries() {
        let text = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow",
            "Action":["s3:Get*","s3:GetObject","s3:PutObject","s3:putobject","s3:GetObject*","s3:get*"],
            "Resource":"*"}}"#;
        let fs = run(check, text);
        assert_eq!(
            spans(text, &fs),
            [
                "\"s3:GetObject\"",
                "\"s3:putobject\"",
                "\"s3:GetObject*\"",
                "\"s3:get*\""
            ]
        );
        assert!(fs[0].message.contains("covered by `s3:Get*`"));
        assert!(fs[1].message.contains("listed twice"));
        assert!(fs[3].message.contains("listed twice"));
    }
}
