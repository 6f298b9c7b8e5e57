//! POL-SID: in IAM policies (identity, trust) and SCPs a `Sid` may contain only ASCII letters and
//! digits. Key policies and bucket policies accept other characters (spaces), so they are not checked.

use super::wording::{json_str, kind_with_article};
use super::Ctx;
use crate::model::DocKind;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta, Severity};

pub const META: RuleMeta = rule_meta!(
    PolSid,
    "POL-SID",
    Error,
    "Sid contains characters other than ASCII letters and digits"
);

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let severity = match ctx.doc.kind {
        // IAM: "Statement IDs (SID) must be alpha-numeric"; SCPs: the same check (Access Analyzer).
        DocKind::Identity | DocKind::Trust | DocKind::Scp => Severity::Error,
        // Organizations validates RCPs like SCPs, but that an RCP Sid is rejected is not verified.
        DocKind::Rcp => Severity::Warning,
        // KMS key policies allow spaces; S3 and other services document no restriction.
        DocKind::Resource | DocKind::KeyPolicy => return,
    };
    for st in &ctx.doc.policy.statements {
        let Some(sid) = &st.sid else { continue };
        // A value trustlint cannot know (CloudFormation parameter in a `!Sub`): cannot prove.
        if crate::model::symbolic::has_symbol(&sid.value) {
            continue;
        }
        let bad: Vec<char> = sid
            .value
            .chars()
            .filter(|c| !c.is_ascii_alphanumeric())
            .collect();
        if bad.is_empty() {
            continue;
        }
        let mut shown: Vec<String> = Vec::new();
        for c in &bad {
            let d = describe(*c);
            if !shown.contains(&d) {
                shown.push(d);
            }
        }
        let fixed = suggestion(&sid.value);
        let help = if fixed.is_empty() {
            "use only A-Z, a-z and 0-9, or remove the \"Sid\"".to_string()
        } else {
            format!("use only A-Z, a-z and 0-9: \"Sid\": {}", json_str(&fixed))
        };
        out.push(
            ctx.finding_with(
                &META,
                severity,
                sid.span,
                format!(
                    "`Sid` {} contains {}; {} accepts only ASCII letters and digits ([A-Za-z0-9]*)",
                    json_str(&sid.value),
                    shown.join(", "),
                    kind_with_article(ctx.doc.kind)
                ),
            )
            .label("not [A-Za-z0-9]*")
            .help(help),
        );
    }
}

fn describe(c: char) -> String {
    match c {
        ' ' => "a space".to_string(),
        '\t' => "a tab".to_string(),
        c if c.is_control() || !c.is_ascii() => format!("U+{:04X}", c as u32),
        c => format!("`{c}`"),
    }
}

/// `allow-s3 read_only` → `AllowS3ReadOnly`: drop the other characters, capitalizing what follows them.
fn suggestion(sid: &str) -> String {
    let mut out = String::with_capacity(sid.len());
    let mut upper = true;
    for c in sid.chars() {
        if c.is_ascii_alphanumeric() {
            if upper {
                out.push(c.to_ascii_uppercase());
            } else {
                out.push(c);
            }
            upper = false;
        } else {
            upper = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(kind: DocKind, text: &str) -> Vec<Finding> {
        super::super::testing::run_kind(check, kind, text)
    }

    const SPACED: &str = r#"{"Version":"2012-10-17","Statement":[{"Sid":"Allow S3-read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Sid":"","Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}"#;

    #[test]
    fn identity_policy_sid_with_space_and_dash() {
        let f = run(DocKind::Identity, SPACED);
        assert_eq!(f.len(), 1, "the empty Sid matches [A-Za-z0-9]*");
        assert_eq!(
            &SPACED[f[0].span.start as usize..f[0].span.end as usize],
            "\"Allow S3-read\""
        );
        assert!(f[0].message.contains("a space, `-`"), "{}", f[0].message);
        assert!(f[0]
            .help
            .as_deref()
            .unwrap()
            .contains("\"Sid\": \"AllowS3Read\""));
    }

    #[test]
    fn key_and_bucket_policies_are_not_checked() {
        assert!(run(DocKind::KeyPolicy, SPACED).is_empty());
        assert!(run(DocKind::Resource, SPACED).is_empty());
        assert_eq!(run(DocKind::Rcp, SPACED)[0].severity, Severity::Warning);
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggestion("allow-s3 read_only"), "AllowS3ReadOnly");
        assert_eq!(suggestion("--"), "");
    }
}
