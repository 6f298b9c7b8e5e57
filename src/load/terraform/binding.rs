//! Which account and region each AWS provider configuration of a plan deploys to.
//!
//! The default `aws` provider: `[[stack]]` of `trustlint.toml` first (as for CloudFormation), else the
//! provider's constant `region` (or the root variable it names) and the account of its
//! `assume_role.role_arn`, else the account of the resources' own ARNs (or `data.aws_caller_identity`)
//! when they all agree, else unknown. An alias (`aws.destination`) with its own constant region or role
//! ARN is bound to them; otherwise it inherits from the default provider, unless it has credentials of
//! its own (`profile`, `assume_role`, keys) whose account cannot be read — then ARNs, else unknown.
//! Each provider configuration used by AWS resources becomes one model stack
//! ([`Stack`](crate::model::input::Stack)).

use super::plan::{references, Plan};
use crate::config::{is_account_id, is_region, Config};
use crate::model::arn::{partition_of, Arn};
use crate::source::Node;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// The default provider's key.
pub const DEFAULT: &str = "aws";

/// Where a provider configuration's account/region came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A `[[stack]]` entry of `trustlint.toml`.
    Config,
    /// The plan itself: the provider's region or role ARN, or the resources' own ARNs.
    Plan,
    /// Neither: an unknown account of the plan's own.
    Unknown,
}

/// The account and region a provider configuration deploys to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// 12-digit account id; `None` = an unknown account of this stack's own.
    pub account: Option<String>,
    pub region: Option<String>,
    /// `aws` unless the region says otherwise.
    pub partition: String,
    pub source: Source,
}

#[derive(Debug, Clone)]
pub struct Target {
    /// `aws`, `aws.destination`, `module.x:aws`.
    pub provider: String,
    pub stack: String,
    pub binding: Binding,
}

#[derive(Debug, Clone)]
pub struct Bindings {
    /// Index 0 is the default provider.
    pub targets: Vec<Target>,
    /// Stack index of each resource of the plan (`None`: not an AWS resource).
    pub of_resource: Vec<Option<usize>>,
}

/// The stack name of a plan: its path without `.json` (and `.plan`/`.tfplan`): `envs/prod/plan.json` →
/// `envs/prod/plan`, `source.plan.json` → `source`. The whole path, because plans are usually all
/// called `plan.json`, and two plans must not share generated identities or an unknown account.
fn stem(path: &Path) -> String {
    let p = path.to_string_lossy().replace('\\', "/");
    let p = p.strip_prefix("./").unwrap_or(&p);
    let n = p.strip_suffix(".json").unwrap_or(p);
    let n = n
        .strip_suffix(".tfplan")
        .or_else(|| n.strip_suffix(".plan"))
        .filter(|s| !s.is_empty() && !s.ends_with('/'))
        .unwrap_or(n);
    n.to_string()
}

/// The key of the provider configuration a resource uses, as listed in `provider_config`.
fn provider_of(key: Option<&str>, configs: Option<&Node>) -> String {
    let Some(key) = key else {
        return DEFAULT.to_string();
    };
    if configs.and_then(|c| c.get(key)).is_some() {
        return key.to_string();
    }
    // `module.x:aws` without a provider block in the module: inherited from the root.
    let local = key.rsplit_once(':').map_or(key, |(_, k)| k);
    local.to_string()
}

/// A constant string of an expression, or the root variable it names (`var.region`).
fn constant(expr: Option<&Node>, root: &Node, module_scoped: bool) -> Option<String> {
    let e = expr?;
    if let Some(s) = e.get("constant_value").and_then(Node::as_str) {
        return Some(s.to_string());
    }
    if module_scoped {
        return None;
    }
    match references(Some(e)).as_slice() {
        [v, ..] => {
            let name = v.strip_prefix("var.")?;
            root.get("variables")?
                .get(name)?
                .get("value")?
                .as_str()
                .map(str::to_string)
        }
        [] => None,
    }
}

struct ProviderFacts {
    region: Option<String>,
    account: Option<String>,
    /// Credentials of its own (`profile`, `assume_role`, keys): the account may differ from the default.
    own_credentials: bool,
}

fn facts(conf: Option<&Node>, root: &Node) -> ProviderFacts {
    let module_scoped = conf.and_then(|c| c.get("module_address")).is_some();
    let exprs = conf.and_then(|c| c.get("expressions"));
    let region =
        constant(exprs.and_then(|e| e.get("region")), root, module_scoped).filter(|r| is_region(r));
    let assume = exprs
        .and_then(|e| e.get("assume_role"))
        .and_then(|a| match a.as_array() {
            Some(items) => items.first(),
            None => Some(a),
        });
    let account = constant(assume.and_then(|a| a.get("role_arn")), root, module_scoped)
        .and_then(|arn| Arn::parse(&arn))
        .map(|a| a.account)
        .filter(|a| is_account_id(a));
    let own_credentials = [
        "profile",
        "assume_role",
        "access_key",
        "assume_role_with_web_identity",
    ]
    .iter()
    .any(|k| exprs.and_then(|e| e.get(k)).is_some());
    ProviderFacts {
        region,
        account,
        own_credentials,
    }
}

/// Accounts named by the resources' own ARNs and `data.aws_caller_identity` (per template).
#[expect(
    clippy::indexing_slicing,
    reason = "target indices are positions in `targets` (index 0, the default target, always exists) and in the vectors built parallel to it"
)]
fn evidence(plan: &Plan, of_resource: &[Option<usize>], n: usize) -> Vec<BTreeSet<String>> {
    let mut out = vec![BTreeSet::new(); n];
    for (r, t) in plan.resources.iter().zip(of_resource) {
        let Some(t) = t else { continue };
        let own = if r.type_name == "aws_caller_identity" {
            r.str("account_id").map(str::to_string)
        } else {
            r.str("arn")
                .and_then(Arn::parse)
                .map(|a| a.account)
                .filter(|a| is_account_id(a))
        };
        out[*t].extend(own);
    }
    out
}

#[expect(
    clippy::indexing_slicing,
    reason = "target indices are positions in `targets` (index 0, the default target, always exists) and in the vectors built parallel to it"
)]
pub fn bind(plan: &Plan, root: &Node, path: &Path, cfg: &Config) -> Bindings {
    let configs = plan.provider_config;
    let stack_cfg = cfg.stack_for(path);
    let base = stack_cfg
        .and_then(|s| s.name.clone())
        .unwrap_or_else(|| stem(path));
    let mut targets = vec![Target {
        provider: DEFAULT.to_string(),
        stack: base.clone(),
        binding: Binding {
            account: None,
            region: None,
            partition: "aws".into(),
            source: Source::Unknown,
        },
    }];
    let mut index: HashMap<String, usize> = HashMap::from([(DEFAULT.to_string(), 0)]);
    let mut of_resource = Vec::with_capacity(plan.resources.len());
    for r in &plan.resources {
        if !r.type_name.starts_with("aws_") {
            of_resource.push(None);
            continue;
        }
        let key = provider_of(r.provider_key(), configs);
        let t = *index.entry(key.clone()).or_insert_with(|| {
            targets.push(Target {
                stack: format!("{base}/{key}"),
                provider: key,
                binding: targets[0].binding.clone(),
            });
            targets.len() - 1
        });
        of_resource.push(Some(t));
    }
    let evidence = evidence(plan, &of_resource, targets.len());
    let unique = |t: usize| match evidence[t].iter().collect::<Vec<_>>().as_slice() {
        [one] => Some((*one).clone()),
        _ => None,
    };
    // The default provider.
    let d = facts(configs.and_then(|c| c.get(DEFAULT)), root);
    let (mut account, mut region, mut source) = (None, None, Source::Unknown);
    if let Some(s) = stack_cfg {
        account = s.account.clone();
        region = s.region.clone();
        if account.is_some() || region.is_some() {
            source = Source::Config;
        }
    }
    let from_plan = d.account.clone().or_else(|| unique(0));
    // Neither from `[[stack]]`: the plan itself says (reported like template metadata).
    if source == Source::Unknown
        && (account.is_none() && from_plan.is_some() || region.is_none() && d.region.is_some())
    {
        source = Source::Plan;
    }
    account = account.or(from_plan);
    region = region.or(d.region);
    targets[0].binding = Binding {
        partition: partition_of(region.as_deref()).to_string(),
        account,
        region,
        source,
    };
    // Aliases and module-scoped providers.
    for t in 1..targets.len() {
        let f = facts(configs.and_then(|c| c.get(&targets[t].provider)), root);
        let def = targets[0].binding.clone();
        let account = f.account.clone().or_else(|| {
            if f.own_credentials {
                unique(t)
            } else {
                def.account.clone()
            }
        });
        let region = f.region.clone().or(def.region.clone());
        let source = if f.account.is_some() || f.region.is_some() {
            Source::Plan
        } else {
            def.source
        };
        targets[t].binding = Binding {
            partition: partition_of(region.as_deref()).to_string(),
            account,
            region,
            source,
        };
    }
    Bindings {
        targets,
        of_resource,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::json;
    use std::path::PathBuf;

    const PLAN: &str = r#"{
      "format_version": "1.2", "terraform_version": "1.9.5",
      "variables": {"region": {"value": "eu-west-1"}},
      "planned_values": {"root_module": {"resources": [
        {"address": "aws_iam_role.r", "mode": "managed", "type": "aws_iam_role", "name": "r", "values": {"arn": "arn:aws:iam::111111111111:role/r"}},
        {"address": "aws_s3_bucket.d", "mode": "managed", "type": "aws_s3_bucket", "name": "d", "values": {"bucket": "d"}},
        {"address": "aws_s3_bucket.p", "mode": "managed", "type": "aws_s3_bucket", "name": "p", "values": {"bucket": "p"}},
        {"address": "random_id.x", "mode": "managed", "type": "random_id", "name": "x", "values": {}}
      ]}},
      "configuration": {
        "provider_config": {
          "aws": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws", "expressions": {"region": {"references": ["var.region"]}}},
          "aws.destination": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws", "alias": "destination",
            "expressions": {"region": {"constant_value": "us-east-1"}, "assume_role": [{"role_arn": {"constant_value": "arn:aws:iam::222222222222:role/terraform"}}]}},
          "aws.profiled": {"name": "aws", "alias": "profiled", "expressions": {"profile": {"constant_value": "other"}}}
        },
        "root_module": {"resources": [
          {"address": "aws_iam_role.r", "mode": "managed", "type": "aws_iam_role", "name": "r", "provider_config_key": "aws"},
          {"address": "aws_s3_bucket.d", "mode": "managed", "type": "aws_s3_bucket", "name": "d", "provider_config_key": "aws.destination"},
          {"address": "aws_s3_bucket.p", "mode": "managed", "type": "aws_s3_bucket", "name": "p", "provider_config_key": "aws.profiled"}
        ]}
      }
    }"#;

    #[test]
    fn providers_and_aliases() {
        let root = json::parse(PLAN).unwrap();
        let plan = Plan::new(&root);
        let b = bind(
            &plan,
            &root,
            Path::new("infra/source.plan.json"),
            &Config::default(),
        );
        assert_eq!(b.targets.len(), 3);
        let t0 = &b.targets[0];
        assert_eq!(t0.stack, "infra/source");
        assert_eq!(t0.binding.account.as_deref(), Some("111111111111"));
        assert_eq!(t0.binding.region.as_deref(), Some("eu-west-1"));
        let t1 = &b.targets[1];
        assert_eq!(t1.stack, "infra/source/aws.destination");
        assert_eq!(t1.binding.account.as_deref(), Some("222222222222"));
        assert_eq!(t1.binding.region.as_deref(), Some("us-east-1"));
        // Own credentials, no ARN of its own: unknown account, default region.
        let t2 = &b.targets[2];
        assert_eq!(t2.binding.account, None);
        assert_eq!(t2.binding.region.as_deref(), Some("eu-west-1"));
        assert_eq!(b.of_resource, vec![Some(0), Some(1), Some(2), None]);
    }

    #[test]
    fn stack_config_wins_for_the_default_provider() {
        let cfg = Config::parse(
            "[[stack]]\npath = \"infra/*.json\"\naccount = \"333333333333\"\nregion = \"ap-south-1\"\n",
            PathBuf::from("/nonexistent-root"),
            None,
        )
        .unwrap();
        let root = json::parse(PLAN).unwrap();
        let plan = Plan::new(&root);
        let b = bind(&plan, &root, Path::new("infra/source.plan.json"), &cfg);
        assert_eq!(
            b.targets[0].binding.account.as_deref(),
            Some("333333333333")
        );
        assert_eq!(b.targets[0].binding.region.as_deref(), Some("ap-south-1"));
        assert_eq!(b.targets[0].binding.source, Source::Config);
        assert_eq!(
            b.targets[1].binding.account.as_deref(),
            Some("222222222222")
        );
    }
}
