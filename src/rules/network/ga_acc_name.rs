//! GA-ACC-NAME — an accelerator name must be 1–64 letters, digits, `.` or `-`, not starting or ending
//! with `-` or `.`.

use super::{finding, Ctx};
use crate::model::symbolic::has_symbol;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(GaAccName, "GA-ACC-NAME", Error, "Invalid accelerator name");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for a in &cx.net.m.accelerators {
        let Some(n) = &a.name else { continue };
        let v = &n.value;
        let bad_char = v
            .chars()
            .any(|c| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'));
        let bad_end = v.starts_with(['-', '.']) || v.ends_with(['-', '.']);
        if !has_symbol(v) && (v.len() > 64 || bad_char || bad_end || v.is_empty()) {
            let why = if v.len() > 64 {
                format!("is {} characters long (at most 64)", v.len())
            } else if bad_char {
                "contains characters other than letters, digits, `.` and `-`".to_string()
            } else {
                "begins or ends with `-` or `.`".to_string()
            };
            out.push(
                finding(&META, META.severity, &a.origin, n.span, format!("accelerator name `{v}` {why}"))
                    .help("\"Name\": \"workshop-accelerator\" (1–64 letters, digits, `.` or `-`, not starting or ending with `-` or `.`)"),
            );
        }
    }
}
