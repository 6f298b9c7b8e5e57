//! What several rules read of each replication rule (rules-spec §3): its status, the prefixes and tags
//! it selects by, and whether its destination has Replication Time Control on. Computed once per run,
//! one entry per site ([`super::Ctx::rule_facts`], in the order of [`super::Ctx::sites`]); each rule
//! file turns the facts of its kind into findings.

use super::common::Site;
use crate::model::s3::{ReplicationRule, Tag};
use crate::model::symbolic::{has_symbol, parts, Part};
use crate::source::Spanned;

/// The facts of one site's rule.
#[derive(Debug)]
pub struct RuleFacts<'a> {
    pub status: Status<'a>,
    /// Every prefix as written: rule-level (V1), `Filter.Prefix`, `Filter.And.Prefix`.
    pub prefixes: Vec<&'a Spanned<String>>,
    /// The tags of its filter (`TagFilter`, `And.TagFilters`).
    pub tags: Vec<&'a Tag>,
    /// Replication Time Control is enabled on its destination.
    pub rtc_on: bool,
}

/// A rule's `Status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status<'a> {
    Missing,
    /// Neither `Enabled` nor `Disabled` (case-sensitive) and known statically.
    Invalid(&'a Spanned<String>),
    Disabled(&'a Spanned<String>),
    /// `Enabled`, or not known statically.
    EnabledOrUnknown,
}

impl<'a> RuleFacts<'a> {
    pub fn of(s: &Site<'a>) -> RuleFacts<'a> {
        let r = s.rule;
        let status = match &r.status {
            None => Status::Missing,
            Some(st) if st.value == "Disabled" => Status::Disabled(st),
            Some(st) if st.value != "Enabled" && !has_symbol(&st.value) => Status::Invalid(st),
            Some(_) => Status::EnabledOrUnknown,
        };
        RuleFacts {
            status,
            prefixes: prefixes(r),
            tags: tags(r),
            rtc_on: s
                .dest
                .and_then(|d| d.replication_time_status.as_ref())
                .is_some_and(|x| x.value == "Enabled"),
        }
    }
}

/// The facts of every site, in site order.
pub fn rule_facts<'a>(sites: &[Site<'a>]) -> Vec<RuleFacts<'a>> {
    sites.iter().map(RuleFacts::of).collect()
}

fn prefixes(r: &ReplicationRule) -> Vec<&Spanned<String>> {
    let mut v: Vec<&Spanned<String>> = r.prefix.iter().collect();
    if let Some(f) = &r.filter {
        v.extend(f.prefix.iter());
        v.extend(f.and.as_ref().and_then(|a| a.prefix.as_ref()));
    }
    v
}

/// Tags of a rule's filter (`TagFilter`, `And.TagFilters`).
pub fn tags(r: &ReplicationRule) -> Vec<&Tag> {
    let Some(f) = &r.filter else {
        return Vec::new();
    };
    let mut v: Vec<&Tag> = f.tag.iter().collect();
    if let Some(a) = &f.and {
        v.extend(a.tags.iter());
    }
    v
}

/// No part of `s` is a value trustlint cannot know (a symbol): it can be checked as written.
pub fn symbol_free(s: &str) -> bool {
    !parts(s).iter().any(|p| matches!(p, Part::Sym(_)))
}

#[cfg(test)]
mod tests {
    use super::super::with_ctx;
    use super::*;

    #[test]
    fn status_prefixes_tags_and_rtc_per_rule() {
        let resources = r#"{"Src": {"Type": "AWS::S3::Bucket", "Properties": {
            "VersioningConfiguration": {"Status": "Enabled"},
            "ReplicationConfiguration": {"Role": "arn:aws:iam::111111111111:role/r", "Rules": [
              {"Id": "a", "Status": "enabled", "Priority": 1,
               "Filter": {"And": {"Prefix": "logs/", "TagFilters": [{"Key": "k", "Value": "v"}]}},
               "DeleteMarkerReplication": {"Status": "Disabled"},
               "Destination": {"Bucket": "arn:aws:s3:::dst",
                 "ReplicationTime": {"Status": "Enabled", "Time": {"Minutes": 15}}}},
              {"Id": "b", "Status": "Disabled", "Prefix": "old",
               "Destination": {"Bucket": "arn:aws:s3:::dst"}},
              {"Id": "c", "Destination": {"Bucket": "arn:aws:s3:::dst"}}]}}}}"#;
        with_ctx(resources, |cx| {
            let facts = cx.rule_facts();
            assert_eq!(facts.len(), cx.sites().len());
            let [a, b, c] = facts else {
                panic!("three rules: {facts:#?}")
            };
            assert!(matches!(a.status, Status::Invalid(s) if s.value == "enabled"));
            let prefixes = |f: &RuleFacts| {
                f.prefixes
                    .iter()
                    .map(|p| p.value.clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(prefixes(a), ["logs/"]);
            assert_eq!(a.tags.len(), 1);
            assert!(a.rtc_on);
            assert!(matches!(b.status, Status::Disabled(_)));
            assert_eq!(prefixes(b), ["old"]);
            assert!(b.tags.is_empty() && !b.rtc_on);
            assert_eq!(c.status, Status::Missing);
            assert!(c.prefixes.is_empty());
        });
    }

    #[test]
    fn symbols_are_not_checked_as_written() {
        let sym = crate::model::ident::generated("a", "a", "Src", "BucketName");
        assert!(!symbol_free(&format!("{sym}/logs")));
        assert!(symbol_free("logs/"));
    }
}
