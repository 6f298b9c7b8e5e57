//! POL-SIZE: the policy is larger than the size quota of its type. IAM counts non-whitespace characters
//! (managed 6,144; inline aggregate per user 2,048 / group 5,120 / role 10,240; role trust policy 2,048 by
//! default, adjustable to 8,192); Organizations counts every character of an SCP or RCP (5,120); KMS
//! allows 32,768 bytes per key policy and S3 20 KB per bucket policy.
//!
//! Sizes are measured on a canonical minified serialization of the policy (what `jq -c` would send; the
//! same for JSON, embedded JSON strings, YAML and templates). Where whitespace may count (SCPs, RCPs, key
//! and bucket policies) the text as written is measured too, when the document is JSON text. Values unknown
//! statically (template symbols) count as empty, so a size is then a lower bound ("at least").

use super::arn_shape::arn_segments;
use super::head;
use super::raw_text::policy_text;
use super::Ctx;
use crate::model::document::Attachment;
use crate::model::DocKind;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta, Severity};
use crate::source::{Node, Value};

pub const META: RuleMeta = rule_meta!(
    PolSize,
    "POL-SIZE",
    Error,
    "Policy is larger than the size quota of its policy type"
);

const MANAGED: usize = 6_144;
const INLINE_USER: usize = 2_048;
const INLINE_GROUP: usize = 5_120;
const INLINE_ROLE: usize = 10_240;
const TRUST_DEFAULT: usize = 2_048;
const TRUST_MAX: usize = 8_192;
const ORG_POLICY: usize = 5_120;
const KEY_POLICY: usize = 32_768;
const BUCKET_POLICY: usize = 20_480;

/// Sizes of a policy text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Measure {
    /// Characters other than space, tab, LF and CR (IAM's count).
    non_ws_chars: usize,
    /// Every character (Organizations' count).
    chars: usize,
    bytes: usize,
}

fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

fn measure(text: &str) -> Measure {
    // Counted in two tight passes rather than one `match` per decoded char: the whitespace IAM
    // ignores is ASCII, so counting its bytes counts its chars.
    let chars = text.chars().count();
    let ws = text.bytes().filter(|&b| is_ws(b as char)).count();
    Measure {
        non_ws_chars: chars - ws,
        chars,
        bytes: text.len(),
    }
}

fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A resource policy whose resources are all S3 ARNs: a bucket policy (other services' resource policies
/// have other quotas, e.g. SQS 8,192 bytes, and are not checked).
fn is_bucket_policy(ctx: &Ctx) -> bool {
    let mut any = false;
    for st in &ctx.doc.policy.statements {
        for block in [&st.resource, &st.not_resource].into_iter().flatten() {
            for r in &block.items {
                any = true;
                if arn_segments(&r.value).get(2) != Some(&"s3") {
                    return false;
                }
            }
        }
    }
    any
}

const IAM_SPLIT_HELP: &str = "split the statements over several managed policies (a role or user can have several attached), merge statements that share Effect/Resource/Condition, and use action wildcards such as \"s3:Get*\" instead of long action lists";

/// Append `s` to `out` escaped exactly as serde_json escapes string contents (`"`, `\\`, the short
/// escapes `\b \t \n \f \r`, other control characters as `\u00xx`; everything else verbatim), without
/// the quotes. Written out here rather than calling `serde_json::to_string` so that no temporary
/// `String` is allocated per string: this runs on every key and value of every document.
fn push_escaped(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    // Nearly every policy string needs no escape: copy it whole.
    if !s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        out.push_str(s);
        return;
    }
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            b'\t' => "\\t",
            b'\n' => "\\n",
            0x0c => "\\f",
            b'\r' => "\\r",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if esc.is_empty() {
            out.push_str("\\u00");
            for nibble in [b >> 4, b & 0xf] {
                out.push(HEX.get(usize::from(nibble)).map_or('0', |&h| h as char));
            }
        } else {
            out.push_str(esc);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

/// Minified JSON of `node` (serde_json string escaping); symbol parts are left out and reported.
fn canonical(node: &Node, out: &mut String, symbolic: &mut bool) {
    let string = |s: &str, out: &mut String, symbolic: &mut bool| {
        out.push('"');
        if crate::model::symbolic::has_symbol(s) {
            *symbolic = true;
            for p in crate::model::symbolic::parts(s) {
                if let crate::model::symbolic::Part::Lit(l) = p {
                    push_escaped(out, l);
                }
            }
        } else {
            push_escaped(out, s);
        }
        out.push('"');
    };
    match &node.value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(n),
        Value::String(s) => string(s, out, symbolic),
        Value::Array(items) => {
            out.push('[');
            for (i, n) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical(n, out, symbolic);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (i, m) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                string(&m.key, out, symbolic);
                out.push(':');
                canonical(&m.value, out, symbolic);
            }
            out.push('}');
        }
    }
}

/// The canonical (minified) form of the document, its sizes, and whether symbols made the size a
/// lower bound.
struct Canonical {
    text: String,
    measure: Measure,
    symbolic: bool,
}

fn canonical_measure(ctx: &Ctx) -> Canonical {
    // The minified form is at most about as long as the text: no regrowth while writing it.
    let mut text = String::with_capacity(ctx.doc.span().len());
    let mut symbolic = false;
    canonical(&ctx.doc.node, &mut text, &mut symbolic);
    let measure = measure(&text);
    Canonical {
        text,
        measure,
        symbolic,
    }
}

/// The size that counts where whitespace may count: the text as written when the document is JSON text
/// that is exactly this document, else the canonical size; `size` picks the quantity (chars or bytes).
/// Only the quotas that may count whitespace (SCP/RCP, key and bucket policies) need it, so it is
/// computed on demand; and re-parsing the written text to compare it with the canonical form is skipped
/// when both candidate sizes are within `limit` (every caller then returns without a finding).
fn as_written(ctx: &Ctx, canon: &Canonical, limit: usize, size: fn(&Measure) -> usize) -> usize {
    if canon.symbolic {
        return size(&canon.measure);
    }
    let text = policy_text(ctx);
    let as_text = measure(&text);
    if size(&as_text) <= limit && size(&canon.measure) <= limit {
        return size(&canon.measure);
    }
    let same = crate::source::json::parse(&text).is_ok_and(|n| {
        let mut again = String::new();
        canonical(&n, &mut again, &mut false);
        again == canon.text
    });
    if same {
        size(&as_text)
    } else {
        size(&canon.measure)
    }
}

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let full = canonical_measure(ctx);
    let (canon, symbolic) = (full.measure, full.symbolic);
    let at = head(ctx.doc.span());
    let n = canon.non_ws_chars;
    let least = if symbolic { "at least " } else { "" };
    let finding = |severity: Severity, msg: String, label: String, help: &str| {
        ctx.finding_with(&META, severity, at, msg)
            .label(label)
            .help(help.to_string())
    };
    match ctx.doc.kind {
        DocKind::Identity => {
            let (limit, what) = match ctx.doc.attachment {
                Attachment::Managed => (MANAGED, "a managed policy"),
                Attachment::InlineUser => {
                    (INLINE_USER, "the inline policies of a user, all together,")
                }
                Attachment::InlineGroup => (
                    INLINE_GROUP,
                    "the inline policies of a group, all together,",
                ),
                Attachment::InlineRole => {
                    (INLINE_ROLE, "the inline policies of a role, all together,")
                }
                Attachment::Unknown => (MANAGED, "a managed policy"),
            };
            if n <= limit {
                return;
            }
            let label = format!(
                "{} / {} non-whitespace characters",
                thousands(n),
                thousands(limit)
            );
            if ctx.doc.attachment == Attachment::Unknown && n <= INLINE_ROLE {
                out.push(finding(
                    Severity::Warning,
                    format!(
                        "this identity policy has {least}{} non-whitespace characters: too large for a managed policy ({}); it fits only as a role's inline policy (a role's inline policies together may have {})",
                        thousands(n),
                        thousands(MANAGED),
                        thousands(INLINE_ROLE)
                    ),
                    label,
                    IAM_SPLIT_HELP,
                ));
            } else {
                out.push(finding(
                    Severity::Error,
                    format!(
                        "this identity policy has {least}{} non-whitespace characters; {what} may have at most {} (IAM does not count whitespace)",
                        thousands(n),
                        thousands(limit)
                    ),
                    label,
                    IAM_SPLIT_HELP,
                ));
            }
        }
        DocKind::Trust if n > TRUST_DEFAULT => {
            let label = format!(
                "{} / {} non-whitespace characters",
                thousands(n),
                thousands(TRUST_DEFAULT)
            );
            if n > TRUST_MAX {
                out.push(finding(
                    Severity::Error,
                    format!(
                        "this trust policy has {least}{} non-whitespace characters, more than {} (the highest \"Role trust policy length\" quota)",
                        thousands(n),
                        thousands(TRUST_MAX)
                    ),
                    label,
                    "split the trusted principals over several roles, or merge statements that share Action and Condition",
                ));
            } else {
                out.push(finding(
                    Severity::Warning,
                    format!(
                        "this trust policy has {least}{} non-whitespace characters; the default \"Role trust policy length\" quota is {} (adjustable up to {})",
                        thousands(n),
                        thousands(TRUST_DEFAULT),
                        thousands(TRUST_MAX)
                    ),
                    label,
                    "move repeated conditions into one statement with value lists, or request a higher \"Role trust policy length\" quota (IAM, Service Quotas, us-east-1)",
                ));
            }
        }
        DocKind::Scp | DocKind::Rcp => {
            let chars = as_written(ctx, &full, ORG_POLICY, |m| m.chars);
            if chars <= ORG_POLICY {
                return;
            }
            let what = if ctx.doc.kind == DocKind::Scp {
                "SCP"
            } else {
                "RCP"
            };
            let help = if canon.chars <= ORG_POLICY {
                format!(
                    "remove the whitespace outside strings: minified, the {what} has {} characters",
                    thousands(canon.chars)
                )
            } else {
                format!(
                    "even minified it has {} characters: split it into several {what}s (each target can have several attached)",
                    thousands(canon.chars)
                )
            };
            out.push(finding(
                Severity::Error,
                format!(
                    "this {what} has {least}{} characters; Organizations allows {} and counts every character, whitespace included",
                    thousands(chars),
                    thousands(ORG_POLICY)
                ),
                format!("{} / {} characters", thousands(chars), thousands(ORG_POLICY)),
                &help,
            ));
        }
        DocKind::KeyPolicy => bytes_quota(ctx, out, &full, KEY_POLICY, "key policy", "32 KB"),
        DocKind::Resource if is_bucket_policy(ctx) => {
            bytes_quota(ctx, out, &full, BUCKET_POLICY, "bucket policy", "20 KB")
        }
        _ => {}
    }
}

/// KMS and S3 give a byte limit without saying whether whitespace counts: over the limit even minified is
/// an error, over the limit only as written is a warning.
fn bytes_quota(
    ctx: &Ctx,
    out: &mut Vec<Finding>,
    full: &Canonical,
    limit: usize,
    what: &str,
    pretty: &str,
) {
    let canon = full.measure;
    let bytes = as_written(ctx, full, limit, |m| m.bytes);
    if bytes <= limit {
        return;
    }
    let at = head(ctx.doc.span());
    let label = format!("{} / {} bytes", thousands(bytes), thousands(limit));
    if canon.bytes > limit {
        out.push(
            ctx.finding(
                &META,
                at,
                format!(
                    "this {what} is {} bytes ({} without whitespace); a {what} may be at most {pretty} ({} bytes)",
                    thousands(bytes),
                    thousands(canon.bytes),
                    thousands(limit)
                ),
            )
            .label(label)
            .help("merge statements that share Principal/Effect/Condition, list resources with wildcards, or move grants into the principals' identity policies"),
        );
    } else {
        out.push(
            ctx.finding_with(
                &META,
                Severity::Warning,
                at,
                format!(
                    "this {what} is {} bytes as written, more than the {pretty} ({} bytes) a {what} may have; without whitespace it is {} bytes",
                    thousands(bytes),
                    thousands(limit),
                    thousands(canon.bytes)
                ),
            )
            .label(label)
            .help("upload it minified (whitespace outside strings removed), e.g. `jq -c . policy.json`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PolicyDoc;
    use crate::source::{json, FileId};

    fn run(kind: DocKind, attachment: Attachment, text: &str) -> Vec<Finding> {
        let mut doc = PolicyDoc::new(FileId(0), kind, json::parse(text).unwrap(), "test");
        doc.attachment = attachment;
        super::super::testing::run_doc(check, &doc, text)
    }

    /// An identity policy of exactly `n` non-whitespace characters, padded with whitespace.
    fn identity_of(n: usize) -> String {
        let base = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/"}}"#;
        let pad = n - base.len();
        let s = base.replace("b/", &format!("b/{}", "x".repeat(pad)));
        format!("{{{}{}", " \n".repeat(3000), &s[1..])
    }

    #[test]
    fn canonical_form_is_minified_and_drops_symbols() {
        let m = measure("{ \"a b\" :\n \"\u{e9}\" }");
        assert_eq!((m.non_ws_chars, m.chars, m.bytes), (10, 16, 17));
        let sym = crate::model::symbolic::opaque("Arn of Role in stack src", "t");
        let node = json::parse(r#"{ "a b" : ["x", 1, true, null] }"#).unwrap();
        let (mut out, mut symbolic) = (String::new(), false);
        canonical(&node, &mut out, &mut symbolic);
        assert_eq!(out, r#"{"a b":["x",1,true,null]}"#);
        assert!(!symbolic);
        let node = Node {
            span: crate::source::Span::new(0, 1),
            value: Value::String(format!("arn:{sym}:x\"")),
        };
        let mut out = String::new();
        canonical(&node, &mut out, &mut symbolic);
        assert_eq!(out, r#""arn::x\"""#);
        assert!(symbolic);
        assert_eq!(thousands(6144), "6,144");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn escaping_matches_serde_json() {
        let mut all: String = (0u32..0x80).filter_map(char::from_u32).collect();
        all.push_str("caf\u{e9} \u{2028}\u{e000}/\u{1F600}");
        for s in [all.as_str(), "", "plain", "\"", "a\\b"] {
            let mut out = String::from("\"");
            push_escaped(&mut out, s);
            out.push('"');
            assert_eq!(out, serde_json::to_string(s).unwrap());
        }
    }

    #[test]
    fn managed_limit_is_exact_and_whitespace_is_free() {
        assert!(run(DocKind::Identity, Attachment::Managed, &identity_of(6144)).is_empty());
        let f = run(DocKind::Identity, Attachment::Managed, &identity_of(6145));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span, crate::source::Span::new(0, 1));
        assert!(f[0].message.contains("6,145") && f[0].message.contains("6,144"));
    }

    #[test]
    fn unknown_attachment_between_managed_and_role_limits_is_a_warning() {
        let f = run(DocKind::Identity, Attachment::Unknown, &identity_of(8000));
        assert_eq!(f[0].severity, Severity::Warning);
        let f = run(DocKind::Identity, Attachment::Unknown, &identity_of(10_241));
        assert_eq!(f[0].severity, Severity::Error);
        assert!(run(
            DocKind::Identity,
            Attachment::InlineRole,
            &identity_of(8000)
        )
        .is_empty());
        assert_eq!(
            run(
                DocKind::Identity,
                Attachment::InlineUser,
                &identity_of(2049)
            )[0]
            .severity,
            Severity::Error
        );
    }

    #[test]
    fn scp_counts_whitespace() {
        let text = identity_of(1000).replace("\n", &" ".repeat(3));
        let f = run(DocKind::Scp, Attachment::Unknown, &text);
        assert_eq!(f.len(), 1);
        assert!(f[0].help.as_deref().unwrap().contains("minified"));
    }
}
