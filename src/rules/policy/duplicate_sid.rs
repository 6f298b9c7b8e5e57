//! POL-DUPLICATE-SID: two statements of one policy share a `Sid`. IAM rejects that (identity and trust
//! policies: "Statement IDs (SID) in a single policy must be unique"); elsewhere it is a warning.

use super::wording::json_str;
use super::Ctx;
use crate::model::DocKind;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta, Severity};
use std::collections::HashMap;

pub const META: RuleMeta = rule_meta!(
    PolDuplicateSid,
    "POL-DUPLICATE-SID",
    Error,
    "Two statements of the policy have the same Sid"
);

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let severity = match ctx.doc.kind {
        DocKind::Identity | DocKind::Trust => Severity::Error,
        // Access Analyzer requires unique Sids "for some policy types"; which ones beyond IAM is not
        // documented, and S3 / KMS are not known to reject duplicates.
        DocKind::Scp | DocKind::Rcp | DocKind::Resource | DocKind::KeyPolicy => Severity::Warning,
    };
    let mut first: HashMap<&str, (usize, crate::source::Span)> = HashMap::new();
    for st in &ctx.doc.policy.statements {
        let Some(sid) = &st.sid else { continue };
        // Unknown values (template symbols) cannot be compared.
        if sid.value.is_empty() || crate::model::symbolic::has_symbol(&sid.value) {
            continue;
        }
        match first.get(sid.value.as_str()) {
            None => {
                first.insert(sid.value.as_str(), (st.index, sid.span));
            }
            Some(&(index, span)) => {
                let why = if severity == Severity::Error {
                    "IAM rejects the policy: \"Statement IDs (SID) in a single policy must be unique\""
                } else {
                    "statement ids are meant to identify one statement; tools and services that look statements up by Sid see only one of them"
                };
                out.push(
                    ctx.finding_with(
                        &META,
                        severity,
                        sid.span,
                        format!(
                            "statement {} repeats the `Sid` {} of statement {index}; {why}",
                            st.index,
                            json_str(&sid.value)
                        ),
                    )
                    .label("duplicate Sid")
                    .related(ctx.src.id, span, "first used here")
                    .help(format!(
                        "give each statement its own Sid, e.g. \"Sid\": {}",
                        json_str(&format!("{}{}", sid.value, st.index + 1))
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(kind: DocKind, text: &str) -> Vec<Finding> {
        super::super::testing::run_kind(check, kind, text)
    }

    const DUP: &str = r#"{"Version":"2012-10-17","Statement":[
        {"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},
        {"Sid":"read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},
        {"Sid":"Read","Effect":"Allow","Action":"s3:ListBucket","Resource":"*"},
        {"Sid":"Read","Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]}"#;

    #[test]
    fn every_repeat_points_back_at_the_first() {
        let f = run(DocKind::Identity, DUP);
        assert_eq!(f.len(), 2, "Sids are case-sensitive: `read` is distinct");
        let first = DUP.find("\"Read\"").unwrap() as u32;
        assert!(f.iter().all(|x| x.related[0].span.start == first));
        assert!(f[0].message.starts_with("statement 2 repeats"));
        assert_eq!(f[0].severity, Severity::Error);
    }

    #[test]
    fn bucket_policies_get_a_warning() {
        assert!(run(DocKind::Resource, DUP)
            .iter()
            .all(|x| x.severity == Severity::Warning));
    }
}
