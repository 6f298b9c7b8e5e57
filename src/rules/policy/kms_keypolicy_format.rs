//! KMS-KEYPOLICY-FORMAT: a key policy KMS rejects or misreads because of its format: more than 32 KB
//! (32,768 bytes), characters outside printable ASCII / Latin-1 plus TAB, LF and CR, a `Version` other than
//! `2012-10-17` (warning), or a statement without `Effect`, `Principal` or `Action` (a statement without
//! `Resource` is KMS-KEYPOLICY-RESOURCE). Sids may contain spaces in key policies (POL-SID knows).
//!
//! The measurements are the general rules' own (POL-SIZE, POL-CHARS, POL-VERSION): their findings on a key
//! policy are re-issued under this id at the same place, and the general findings yield to them
//! (`precedence.rs`), as do POL-STATEMENT-SHAPE and POL-PRINCIPAL-PLACEMENT for the missing elements.

use super::head;
use super::wording::statement_name;
use super::{chars, size, version, Ctx};
use crate::model::DocKind;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta, Severity};

pub const META: RuleMeta = rule_meta!(
    KmsKeypolicyFormat, "KMS-KEYPOLICY-FORMAT",
    Error,
    "Key policy is too large, has disallowed characters, a wrong Version or a statement missing an element"
);

fn retag(mut f: Finding, severity: Severity) -> Finding {
    f.rule = META.id;
    f.severity = severity;
    f
}

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if ctx.doc.kind != DocKind::KeyPolicy {
        return;
    }
    // Size (32,768 bytes) and characters: measured exactly as POL-SIZE and POL-CHARS measure them.
    let mut general = Vec::new();
    size::check(ctx, &mut general);
    chars::check(ctx, &mut general);
    // KMS documents only `2012-10-17`: anything else (missing, legacy, invalid) is a warning.
    let before = general.len();
    version::check(ctx, &mut general);
    for (i, f) in general.into_iter().enumerate() {
        if i >= before {
            let mut f = retag(f, Severity::Warning);
            f.message
                .push_str(" (key policies are documented with Version 2012-10-17 only)");
            out.push(f);
        } else {
            let severity = f.severity;
            out.push(retag(f, severity));
        }
    }
    for st in &ctx.doc.policy.statements {
        let at = head(st.span);
        let name = statement_name(st);
        let mut missing = Vec::new();
        if st.effect.is_none() {
            // The parser's error: a whole-statement span when `Effect` is missing, the value's span
            // when it is neither `Allow` nor `Deny`.
            for e in ctx.doc.shape_errors.iter().filter(|e| {
                e.message.contains("`Effect`")
                    && st.span.start <= e.span.start
                    && e.span.end <= st.span.end
            }) {
                if e.span == st.span {
                    missing.push("`Effect`");
                } else {
                    out.push(
                        ctx.finding(
                            &META,
                            e.span,
                            format!("{name} of this key policy: {}", e.message),
                        )
                        .help("\"Effect\": \"Allow\" or \"Effect\": \"Deny\" (case-sensitive)"),
                    );
                }
            }
        }
        if st.principal.is_none() && st.not_principal.is_none() {
            missing.push("`Principal`");
        }
        if st.action.is_none() && st.not_action.is_none() {
            missing.push("`Action`");
        }
        if missing.is_empty() {
            continue;
        }
        out.push(
            ctx.finding(
                &META,
                at,
                format!(
                    "{name} of this key policy has no {}: every key policy statement needs Effect, \
                     Principal, Action and Resource",
                    missing.join(", no ")
                ),
            )
            .label("incomplete key policy statement")
            .help(
                "write each statement as { \"Sid\": \"…\", \"Effect\": \"Allow\", \"Principal\": \
                 {\"AWS\": \"arn:aws:iam::<account-id>:root\"}, \"Action\": \"kms:…\", \"Resource\": \"*\" }",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run_kind, spans};
    use super::*;

    #[test]
    fn reports_key_policies_only() {
        let p = r#"{"Version":"2008-10-17","Statement":[
            {"Sid":"Allow use \u2013 replication","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"kms:*","Resource":"*"},
            {"Sid":"No effect","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Resource":"*"}]}"#;
        let fs = run_kind(check, DocKind::KeyPolicy, p);
        let got: Vec<_> = fs.iter().map(|f| (f.rule, f.severity)).collect();
        assert_eq!(got.len(), 3, "{fs:#?}");
        assert!(got.iter().all(|(r, _)| *r == META.id));
        assert_eq!(spans(p, &fs), ["\\u2013", "\"2008-10-17\"", "{"]);
        assert_eq!(fs[1].severity, Severity::Warning);
        assert!(
            fs[2].message.contains("no `Effect`, no `Principal`")
                || fs[2].message.contains("no `Effect`, no `Action`")
        );
        assert!(fs[2].message.contains("`Action`"));
        assert!(run_kind(check, DocKind::Resource, p).is_empty());
    }

    #[test]
    fn large_key_policy_uses_the_kms_quota() {
        let sids: Vec<String> = (0..400)
            .map(|i| format!(r#"{{"Sid":"S{i:0>60}","Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::111111111111:root"}},"Action":"kms:*","Resource":"*"}}"#))
            .collect();
        let p = format!(
            r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
            sids.join(",")
        );
        assert!(p.len() > 32_768);
        let fs = run_kind(check, DocKind::KeyPolicy, &p);
        assert_eq!(fs.len(), 1);
        assert_eq!(fs[0].severity, Severity::Error);
        assert!(fs[0].message.contains("32,768"));
    }
}
