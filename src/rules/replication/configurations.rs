//! Every bucket's replication configuration, once, with what its `Role` names resolved (rules-spec §3):
//! the facts the configuration-level rules (REPL-ROLE-*, REPL-RULES-COUNT, REPL-ID-*, schema and
//! priority checks) read. Computed once per run ([`super::Ctx::configurations`]); it returns facts, and
//! each rule file turns the facts of its kind into findings.

use super::common::{may_be_same, Site};
use crate::model::arn::{is_account_id, Arn};
use crate::model::iam::Role;
use crate::model::s3::{Bucket, Replication};
use crate::model::symbolic::has_symbol;
use crate::model::Model;
use crate::rules::{Finding, RuleMeta};
use crate::source::{Span, Spanned};
use std::collections::{HashMap, HashSet};

/// One bucket's replication configuration.
pub struct Configuration<'a> {
    /// Index of the bucket in `model.buckets`.
    pub b: usize,
    pub bucket: &'a Bucket,
    pub config: &'a Replication,
    /// What `Role` names; `None` when the configuration has no rule (no rule makes S3 assume it).
    pub role: Option<ConfiguredRole<'a>>,
}

/// What a configuration's `Role` names.
#[derive(Debug, Clone)]
pub enum ConfiguredRole<'a> {
    /// No `Role`, or a blank one.
    Missing,
    /// Not an IAM role ARN (`arn:<partition>:iam::<account>:role/<path><name>`).
    NotRoleArn(&'a Spanned<String>),
    /// Of role-ARN form, but not known statically enough to parse (a lone symbol): nothing to compare.
    Unknown,
    /// A role ARN.
    Arn {
        written: &'a Spanned<String>,
        /// The role's account, when it and the source bucket's are known and differ: S3 cannot be
        /// passed another account's role.
        foreign_account: Option<String>,
        /// A role of the templates with this account and name whose ARN is not the one written (its
        /// path differs); only when `Role` does not resolve to a defined role.
        path_differs: Option<&'a Role>,
    },
}

impl Configuration<'_> {
    /// A finding in the bucket's template, about the bucket.
    pub fn finding(&self, meta: &RuleMeta, span: Span, msg: impl Into<String>) -> Finding {
        Finding::new(meta.id, meta.severity, self.bucket.origin.file, span, msg)
            .resource(Some(self.bucket.origin.logical_id.clone()))
    }

    /// The rules are written literally (not one value trustlint cannot know): their shape can be checked.
    pub fn rules_known(&self) -> bool {
        self.config.rules_unknown.is_none()
    }
}

/// Every bucket with a replication configuration, in model order.
pub fn configurations(model: &Model) -> Vec<Configuration<'_>> {
    // Roles by (account, name): the first one defined, for the path comparison.
    let mut by_name: HashMap<(&str, &str), &Role> = HashMap::new();
    for r in &model.roles {
        by_name
            .entry((r.origin.account.as_str(), r.name.as_str()))
            .or_insert(r);
    }
    model
        .buckets
        .iter()
        .enumerate()
        .filter_map(|(b, bucket)| {
            let config = bucket.replication.as_ref()?;
            let role =
                (!config.rules.is_empty()).then(|| configured_role(bucket, config, &by_name));
            Some(Configuration {
                b,
                bucket,
                config,
                role,
            })
        })
        .collect()
}

fn configured_role<'a>(
    bucket: &Bucket,
    config: &'a Replication,
    by_name: &HashMap<(&str, &str), &'a Role>,
) -> ConfiguredRole<'a> {
    let Some(written) = config.role.as_ref().filter(|r| !r.value.trim().is_empty()) else {
        return ConfiguredRole::Missing;
    };
    if !role_arn_ok(&written.value) {
        return ConfiguredRole::NotRoleArn(written);
    }
    let Some(a) = Arn::parse(&written.value) else {
        return ConfiguredRole::Unknown;
    };
    let src_account = bucket.origin.account.as_str();
    let foreign_account =
        (is_account_id(&a.account) && is_account_id(src_account) && a.account != src_account)
            .then(|| a.account.clone());
    let path_differs = if config.role_target.is_none() {
        let name = a.resource.rsplit('/').next().unwrap_or("");
        by_name
            .get(&(a.account.as_str(), name))
            .copied()
            // A role whose ARN may be the one written (its path not known statically) may be the role
            // named: its path is not known to differ.
            .filter(|real| !may_be_same(&real.arn, &written.value))
    } else {
        None
    };
    ConfiguredRole::Arn {
        written,
        foreign_account,
        path_differs,
    }
}

/// `arn:(aws|aws-cn|aws-us-gov):iam::<12 digits>:role/(path/)?name` (symbols allowed in any part).
fn role_arn_ok(s: &str) -> bool {
    let Some(a) = Arn::parse(s) else {
        return has_symbol(s) && !s.contains(':');
    };
    let partition_ok =
        has_symbol(&a.partition) || ["aws", "aws-cn", "aws-us-gov"].contains(&a.partition.as_str());
    let account_ok = has_symbol(&a.account) || is_account_id(&a.account);
    let name = a.resource.rsplit('/').next().unwrap_or("");
    let name_ok = has_symbol(name)
        || (!name.is_empty()
            && name.len() <= 64
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c)));
    // A `Path` not known statically stands between `role` and the name.
    let path_ok = a.resource.strip_prefix("role").is_some_and(|rest| {
        rest.starts_with('/')
            || (has_symbol(rest) && crate::model::symbolic::literal_prefix(rest).is_empty())
    });
    a.service == "iam" && a.region.is_empty() && path_ok && partition_ok && account_ok && name_ok
}

/// The configured role cannot be the one S3 uses: it is in another account than the source bucket, or it
/// names a defined role with the wrong path (REPL-ROLE-ACCOUNT / REPL-ROLE-PATH report it; the permission
/// checks are skipped rather than repeating the fact under other ids).
pub fn role_unusable(s: &Site, roles: &HashSet<(&str, &str)>) -> bool {
    let Some(a) = s.config.role.as_ref().and_then(|r| Arn::parse(&r.value)) else {
        return false;
    };
    if is_account_id(&a.account) && is_account_id(s.src_account()) && a.account != s.src_account() {
        return true;
    }
    if s.role.is_some() {
        return false;
    }
    let name = a.resource.rsplit('/').next().unwrap_or("");
    roles.contains(&(a.account.as_str(), name))
}

/// (account, name) of every defined role, for [`role_unusable`].
pub fn role_names(model: &Model) -> HashSet<(&str, &str)> {
    model
        .roles
        .iter()
        .map(|r| (r.origin.account.as_str(), r.name.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::with_ctx;
    use super::*;

    /// A bucket whose replication configuration has `role` (JSON, or nothing) and `rules`.
    fn bucket(logical_id: &str, role: Option<&str>, rules: &str) -> String {
        let role = role.map_or(String::new(), |r| format!(r#""Role": {r}, "#));
        format!(
            r#""{logical_id}": {{"Type": "AWS::S3::Bucket", "Properties": {{
                "VersioningConfiguration": {{"Status": "Enabled"}},
                "ReplicationConfiguration": {{{role}"Rules": {rules}}}}}}}"#
        )
    }

    const RULES: &str = r#"[{"Status": "Enabled", "Destination": {"Bucket": "arn:aws:s3:::dst"}}]"#;

    /// The role of each configuration, by bucket, as text.
    fn roles(resources: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        with_ctx(resources, |cx| {
            for c in cx.configurations() {
                let role = match &c.role {
                    None => "no rules".to_string(),
                    Some(ConfiguredRole::Missing) => "missing".into(),
                    Some(ConfiguredRole::NotRoleArn(w)) => format!("not a role ARN: {}", w.value),
                    Some(ConfiguredRole::Unknown) => "unknown".into(),
                    Some(ConfiguredRole::Arn {
                        foreign_account,
                        path_differs,
                        ..
                    }) => format!(
                        "foreign {foreign_account:?}, path of {:?}",
                        path_differs.map(|r| r.origin.logical_id.as_str())
                    ),
                };
                out.push((c.bucket.origin.logical_id.clone(), role));
            }
        });
        out
    }

    #[test]
    fn each_configuration_once_with_what_its_role_names() {
        let resources = format!(
            "{{{}, {}, {}, {}, {}, {}}}",
            bucket("NoRole", None, RULES),
            bucket("NotArn", Some(r#""my-role""#), RULES),
            bucket(
                "Foreign",
                Some(r#""arn:aws:iam::222222222222:role/r""#),
                RULES
            ),
            bucket("Fine", Some(r#"{"Fn::GetAtt": ["Repl", "Arn"]}"#), RULES),
            bucket(
                "NoRules",
                Some(r#""arn:aws:iam::111111111111:role/r""#),
                "[]"
            ),
            r#""Repl": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "repl", "Path": "/svc/",
                "AssumeRolePolicyDocument": {"Statement": []}}},
              "WrongPath": {"Type": "AWS::S3::Bucket", "Properties": {
                "VersioningConfiguration": {"Status": "Enabled"},
                "ReplicationConfiguration": {"Role": "arn:aws:iam::111111111111:role/repl",
                  "Rules": [{"Status": "Enabled", "Destination": {"Bucket": "arn:aws:s3:::dst"}}]}}}"#,
        );
        let got = roles(&resources);
        let want = [
            ("NoRole", "missing"),
            ("NotArn", "not a role ARN: my-role"),
            ("Foreign", "foreign Some(\"222222222222\"), path of None"),
            ("Fine", "foreign None, path of None"),
            ("NoRules", "no rules"),
            ("WrongPath", "foreign None, path of Some(\"Repl\")"),
        ];
        let got: Vec<(&str, &str)> = got.iter().map(|(b, r)| (b.as_str(), r.as_str())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn rules_not_known_statically_are_not_shape_checked() {
        let resources = r#"{"P": {"Type": "AWS::S3::Bucket", "Properties": {
            "ReplicationConfiguration": {"Role": "arn:aws:iam::111111111111:role/r",
              "Rules": {"Ref": "RulesParam"}}}}}"#;
        with_ctx(resources, |cx| {
            let [c] = cx.configurations() else {
                panic!("one configuration")
            };
            assert!(!c.rules_known());
            assert!(c.role.is_none());
        });
    }
}
