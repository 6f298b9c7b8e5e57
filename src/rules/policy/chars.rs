//! POL-CHARS: IAM policy documents may contain only TAB, LF, CR and U+0020–U+00FF; KMS key policies only
//! printable ASCII / Latin-1 characters plus TAB, LF, CR. Typographic quotes and dashes pasted from
//! documents, and invisible zero-width characters, are the usual culprits. Each offending character is
//! reported at its exact bytes (an escape such as `\u2019` included), the first few individually.

use super::raw_text::{string_chars, strings};
use super::wording::kind_with_article;
use super::Ctx;
use crate::model::symbolic::literal_chars;
use crate::model::DocKind;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta, Severity};
use crate::source::Span;

pub const META: RuleMeta = rule_meta!(
    PolChars,
    "POL-CHARS",
    Error,
    "Policy contains characters outside TAB, LF, CR and U+0020-U+00FF"
);

/// Characters reported one by one; the rest are summarized in one more finding.
const SHOWN: usize = 5;

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let (severity, key_policy) = match ctx.doc.kind {
        DocKind::Identity | DocKind::Trust => (Severity::Error, false),
        DocKind::KeyPolicy => (Severity::Error, true),
        // SCPs/RCPs are validated with the IAM policy grammar, but the character rule is documented only
        // for IAM and KMS.
        DocKind::Scp | DocKind::Rcp => (Severity::Warning, false),
        // S3 and other services document no character restriction.
        DocKind::Resource => return,
    };
    let mut bad: Vec<(char, Span)> = Vec::new();
    strings(&ctx.doc.node, &mut |value, span| {
        // Fast path for nearly every string: printable ASCII, TAB, LF and CR are allowed everywhere
        // (and symbols are not ASCII), so no decoding is needed.
        if value
            .bytes()
            .all(|b| matches!(b, b' '..=b'~' | b'\t' | b'\n' | b'\r'))
        {
            return;
        }
        if literal_chars(value).all(|c| allowed(c, key_policy)) {
            return;
        }
        match string_chars(&ctx.src.text, span) {
            // A JSON literal: point at each character's own bytes.
            Some(d) if d.iter().map(|x| x.0).eq(value.chars()) => {
                bad.extend(d.into_iter().filter(|(c, _)| !allowed(*c, key_policy)))
            }
            // A YAML scalar or a value computed from a template: point at the whole value.
            _ => bad.extend(
                literal_chars(value)
                    .filter(|c| !allowed(*c, key_policy))
                    .map(|c| (c, span)),
            ),
        }
    });
    let rule = if key_policy {
        "key policies may contain only printable ASCII and Latin-1 characters, TAB, LF and CR (KMS)"
    } else {
        "IAM policy documents may contain only TAB, LF, CR and U+0020-U+00FF"
    };
    let finding = |span, message: String| ctx.finding_with(&META, severity, span, message);
    for &(c, span) in bad.iter().take(SHOWN) {
        out.push(
            finding(
                span,
                format!(
                    "{} is not allowed in {}: {rule}",
                    describe(c),
                    kind_with_article(ctx.doc.kind)
                ),
            )
            .label(format!("U+{:04X}", c as u32))
            .help(replacement(c)),
        );
    }
    if let Some(&(c, span)) = bad.get(SHOWN) {
        let mut kinds: Vec<String> = Vec::new();
        for (c, _) in bad.get(SHOWN..).unwrap_or_default() {
            let k = format!("U+{:04X}", *c as u32);
            if !kinds.contains(&k) {
                kinds.push(k);
            }
        }
        out.push(
            finding(
                span,
                format!(
                    "{} more characters outside the allowed range follow ({}), the first of them here: {}",
                    bad.len() - SHOWN,
                    kinds.join(", "),
                    describe(c)
                ),
            )
            .label(format!("{} more", bad.len() - SHOWN))
            .help("retype the affected strings in a plain-text editor; typographic quotes and dashes usually come from copying out of documents or chat"),
        );
    }
}

fn allowed(c: char, key_policy: bool) -> bool {
    match c {
        '\t' | '\n' | '\r' => true,
        '\u{7f}'..='\u{9f}' => !key_policy,
        '\u{20}'..='\u{ff}' => true,
        _ => false,
    }
}

/// `character `’` (U+2019)`, or only the code point for control and invisible characters.
fn describe(c: char) -> String {
    let invisible = c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}');
    if invisible {
        format!("the invisible character U+{:04X}", c as u32)
    } else {
        format!("the character `{c}` (U+{:04X})", c as u32)
    }
}

fn replacement(c: char) -> String {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => {
            "replace it with the ASCII apostrophe '".to_string()
        }
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => {
            "replace it with an ASCII double quote, written \\\" inside a JSON string".to_string()
        }
        '\u{2010}'..='\u{2015}' | '\u{2212}' => {
            "replace it with the ASCII hyphen-minus -".to_string()
        }
        '\u{2026}' => "replace it with three ASCII dots ...".to_string(),
        '\u{200b}'..='\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}'
        | '\u{feff}' => {
            "delete it: it is invisible, usually pasted along with text from a web page or chat"
                .to_string()
        }
        c if c.is_control() => "delete it (a control character)".to_string(),
        _ => "use only ASCII or Latin-1 characters in policy text (names, Sids, condition values)"
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PolicyDoc;
    use crate::source::{json, FileId};

    fn run(kind: DocKind, text: &str) -> Vec<Finding> {
        super::super::testing::run_kind(check, kind, text)
    }

    #[test]
    fn points_at_each_character_written_raw_or_escaped() {
        let text = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::acme\u{2013}logs/caf\u{e9}\\u200b\"}}";
        let f = run(DocKind::Identity, text);
        assert_eq!(f.len(), 2, "é (U+00E9) is allowed");
        assert_eq!(
            &text[f[0].span.start as usize..f[0].span.end as usize],
            "\u{2013}"
        );
        assert_eq!(
            &text[f[1].span.start as usize..f[1].span.end as usize],
            "\\u200b"
        );
        assert!(f[1].message.contains("invisible"));
        assert!(run(DocKind::Resource, text).is_empty());
    }

    #[test]
    fn many_characters_are_summarized() {
        let text = format!(
            "{{\"Version\":\"2012-10-17\",\"Statement\":{{\"Sid\":\"{}\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}}}",
            "\u{2019}".repeat(9)
        );
        let f = run(DocKind::Trust, &text);
        assert_eq!(f.len(), SHOWN + 1);
        assert!(f[SHOWN].message.starts_with("4 more characters"));
    }

    #[test]
    fn symbols_are_skipped_and_non_json_sources_point_at_the_value() {
        let sym = crate::model::symbolic::opaque("Arn of Role in stack src", "t");
        assert_eq!(
            literal_chars(&format!("a{sym}\u{2019}")).collect::<String>(),
            "a\u{2019}"
        );
        // A document whose node does not match the source text (as built from a template).
        let text = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"X"}}"#;
        let mut node = json::parse(text).unwrap();
        if let crate::source::Value::Object(m) = &mut node.value {
            if let crate::source::Value::Object(st) = &mut m[1].value.value {
                st[2].value.value =
                    crate::source::Value::String(format!("arn:aws:s3:::{sym}\u{2013}x"));
            }
        }
        let doc = PolicyDoc::new(FileId(0), DocKind::Identity, node, "test");
        let out = super::super::testing::run_doc(check, &doc, text);
        assert_eq!(out.len(), 1);
        assert_eq!(
            &text[out[0].span.start as usize..out[0].span.end as usize],
            "\"X\""
        );
    }

    #[test]
    fn key_policies_also_reject_c1_controls() {
        assert!(allowed('\u{85}', false));
        assert!(!allowed('\u{85}', true));
        assert!(!allowed('\u{100}', false));
        assert!(allowed('\t', true));
    }
}
