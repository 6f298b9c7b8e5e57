//! Which account and region a template is deployed to (architecture.md, "Binding a template"):
//! template `Metadata.trustlint {account, region}`, then the first matching `[[stack]]` of
//! `trustlint.toml`, then the CDK cloud assembly manifest next to the template ([`super::cdk`]), else an
//! unknown account of the template's own. Each field falls back separately.

use super::template::{Binding, BindingSource};
use crate::config::{is_account_id, is_region, Config};
use crate::load::issue::LoadIssue;
use crate::source::{FileId, Node, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// The binding and what else `[[stack]]` says about the template.
#[derive(Debug, Clone)]
pub struct Bound {
    pub binding: Binding,
    /// `AWS::StackName` when known (config `name`).
    pub stack_name: Option<String>,
    /// The stack name shown in labels: the configured name, else the file stem
    /// (`infra/Foo.template.json` → `Foo`). Not an identity: see `key`.
    pub stack: String,
    /// The stack's identity: unique to the template's path even when two templates share a configured
    /// stack name (AWS samples deploy same-named stacks to two accounts).
    pub key: String,
    pub parameters: BTreeMap<String, String>,
}

use crate::model::arn::partition_of;

fn scalar_text(n: &Node) -> Option<String> {
    match &n.value {
        Value::String(s) | Value::Number(s) => Some(s.clone()),
        _ => None,
    }
}

/// A template's path without `./`, its extension and `.template`: `./a/Src.template.json` → `a/Src`.
pub fn path_stem(path: &Path) -> String {
    let p = path.to_string_lossy().replace('\\', "/");
    let p = p.strip_prefix("./").unwrap_or(&p);
    let (dir, name) = p.rsplit_once('/').map_or(("", p), |(d, n)| (d, n));
    let name = name.rsplit_once('.').map_or(name, |(a, _)| a);
    let name = name.strip_suffix(".template").unwrap_or(name);
    let name = if name.is_empty() { "template" } else { name };
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

pub fn bind(
    root: &Node,
    file: FileId,
    path: &Path,
    cfg: &Config,
    issues: &mut Vec<LoadIssue>,
) -> Bound {
    let meta = root.get("Metadata").and_then(|m| m.get("trustlint"));
    let mut account = None;
    let mut region = None;
    if let Some(meta) = meta {
        if let Some(a) = meta.get("account") {
            match scalar_text(a) {
                Some(s) if is_account_id(&s) => account = Some(s),
                _ => issues.push(LoadIssue::metadata(
                    file,
                    a.span,
                    "`Metadata.trustlint.account` is not a 12-digit AWS account id",
                    "write the account id as a quoted 12-digit string, e.g. \"111111111111\"",
                )),
            }
        }
        if let Some(r) = meta.get("region") {
            match r.as_str() {
                Some(s) if is_region(s) => region = Some(s.to_string()),
                _ => issues.push(LoadIssue::metadata(
                    file,
                    r.span,
                    "`Metadata.trustlint.region` does not look like an AWS region",
                    "use a region name such as \"eu-west-1\"",
                )),
            }
        }
    }
    let from_meta = account.is_some() || region.is_some();
    let stack_cfg = cfg.stack_for(path);
    if let Some(s) = stack_cfg {
        account = account.or_else(|| s.account.clone());
        region = region.or_else(|| s.region.clone());
    }
    let from_cfg = stack_cfg.is_some_and(|s| s.account.is_some() || s.region.is_some());
    // CDK output: the stack's environment and name in the cloud assembly manifest (after config).
    let cdk = super::cdk::stack_for(path);
    let mut from_cdk = false;
    if let Some(c) = &cdk {
        from_cdk =
            (account.is_none() && c.account.is_some()) || (region.is_none() && c.region.is_some());
        account = account.or_else(|| c.account.clone());
        region = region.or_else(|| c.region.clone());
    }
    let source = if from_meta {
        BindingSource::Metadata
    } else if from_cfg {
        BindingSource::Config
    } else if from_cdk {
        BindingSource::Cdk
    } else {
        BindingSource::Unknown
    };
    let stem = path_stem(path);
    let stack_name = stack_cfg
        .and_then(|s| s.name.clone())
        .or_else(|| cdk.map(|c| c.stack_name));
    Bound {
        binding: Binding {
            partition: partition_of(region.as_deref()).to_string(),
            account,
            region,
            source,
        },
        stack: stack_name
            .clone()
            .unwrap_or_else(|| stem.rsplit('/').next().unwrap_or(&stem).to_string()),
        key: stem,
        stack_name,
        parameters: stack_cfg.map(|s| s.parameters.clone()).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::json;
    use std::path::PathBuf;

    fn cfg() -> Config {
        Config::parse(
            "[[stack]]\npath = \"stacks/*.json\"\naccount = \"222222222222\"\nregion = \"us-east-1\"\nname = \"dst\"\nparameters = { Env = \"prod\" }\n",
            PathBuf::from("/nonexistent-root"),
            None,
        )
        .unwrap()
    }

    #[test]
    fn metadata_wins_over_config_field_by_field() {
        let t = json::parse(
            r#"{"Metadata": {"trustlint": {"account": "111111111111"}}, "Resources": {}}"#,
        )
        .unwrap();
        let mut f = Vec::new();
        let b = bind(&t, FileId(0), Path::new("stacks/a.json"), &cfg(), &mut f);
        assert!(f.is_empty());
        assert_eq!(b.binding.account.as_deref(), Some("111111111111"));
        assert_eq!(b.binding.region.as_deref(), Some("us-east-1"));
        assert_eq!(b.binding.source, BindingSource::Metadata);
        assert_eq!(b.stack, "dst");
        assert_eq!(b.parameters["Env"], "prod");
    }

    #[test]
    fn config_then_unknown() {
        let t = json::parse(r#"{"Resources": {}}"#).unwrap();
        let mut f = Vec::new();
        let b = bind(&t, FileId(0), Path::new("stacks/a.json"), &cfg(), &mut f);
        assert_eq!(b.binding.source, BindingSource::Config);
        assert_eq!(b.binding.account.as_deref(), Some("222222222222"));
        let b = bind(
            &t,
            FileId(0),
            Path::new("other/Src.template.json"),
            &cfg(),
            &mut f,
        );
        assert_eq!(b.binding.source, BindingSource::Unknown);
        assert_eq!(b.binding.account, None);
        assert_eq!(b.binding.partition, "aws");
        assert_eq!(b.stack, "Src");
        assert_eq!(b.key, "other/Src");
        assert_eq!(b.stack_name, None);
    }

    #[test]
    fn invalid_metadata_is_an_issue() {
        let t = json::parse(r#"{"Metadata": {"trustlint": {"account": "12345", "region": "mars"}}, "Resources": {}}"#).unwrap();
        let mut f = Vec::new();
        let b = bind(
            &t,
            FileId(0),
            Path::new("x.json"),
            &Config::default(),
            &mut f,
        );
        assert_eq!(f.len(), 2);
        assert!(matches!(
            f[0].kind,
            crate::load::issue::IssueKind::Metadata { .. }
        ));
        assert_eq!(b.binding.source, BindingSource::Unknown);
        assert_eq!(partition_of(Some("cn-north-1")), "aws-cn");
        assert_eq!(partition_of(Some("us-gov-west-1")), "aws-us-gov");
    }
}
