//! `trustlint.toml`: include/exclude globs, rule selection, per-path ignores, document kinds.

use crate::model::DocKind;
use crate::rules::RuleId;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub const CONFIG_FILE: &str = "trustlint.toml";
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    max_file_size: Option<u64>,
    #[serde(default)]
    rules: RawRules,
    #[serde(default)]
    documents: Vec<RawDocument>,
    #[serde(default)]
    stack: Vec<RawStack>,
    #[serde(default, rename = "global_accelerator", alias = "global-accelerator")]
    global_accelerator: RawGlobalAccelerator,
    /// `[accounts."<id>"]`: facts about an account templates cannot state.
    #[serde(default)]
    accounts: BTreeMap<String, RawAccount>,
    /// `[s3]`: bucket facts templates cannot state.
    #[serde(default)]
    s3: RawS3,
}

/// `[accounts."111111111111"] enabled-regions = ["af-south-1"]`: the opt-in Regions the account has
/// enabled (Regions introduced after March 2019 are disabled until the account opts in).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawAccount {
    #[serde(default)]
    enabled_regions: Option<Vec<String>>,
    /// `org = "o-…"`: the AWS Organizations organization the account belongs to.
    #[serde(default)]
    org: Option<String>,
}

/// `[s3] requester-pays = ["bucket"]`: buckets with Requester Pays enabled (not a CloudFormation property).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawS3 {
    #[serde(default)]
    requester_pays: Vec<String>,
}

/// `[global_accelerator]`: the `GlobalAccelerator` security group Global Accelerator created in each VPC
/// (client IP preservation), which templates can only name literally.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawGlobalAccelerator {
    /// VPC id → security group id.
    #[serde(default, alias = "security_groups")]
    security_groups: BTreeMap<String, String>,
}

/// `[[stack]]`: where the CloudFormation templates matching `path` are deployed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStack {
    path: String,
    account: Option<String>,
    region: Option<String>,
    name: Option<String>,
    #[serde(default)]
    parameters: BTreeMap<String, toml::Value>,
}

/// A `[[stack]]` entry of `trustlint.toml` (architecture.md, "Binding a template").
#[derive(Debug, Clone)]
pub struct StackConfig {
    /// The glob as written, for messages.
    pub pattern: String,
    pub glob: GlobSet,
    /// 12 digits (validated).
    pub account: Option<String>,
    /// A region name (validated).
    pub region: Option<String>,
    /// The stack name (`AWS::StackName`).
    pub name: Option<String>,
    /// Template parameter values; lists are comma-joined (CloudFormation's `CommaDelimitedList` form).
    pub parameters: BTreeMap<String, String>,
}

/// Whether `s` is a 12-digit AWS account id.
pub use crate::model::arn::is_account_id;

/// Whether `s` looks like an AWS Organizations organization id (`o-` and 10 to 32 lowercase letters or digits).
pub fn is_org_id(s: &str) -> bool {
    s.strip_prefix("o-").is_some_and(|r| {
        (10..=32).contains(&r.len())
            && r.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    })
}

/// Whether `s` looks like an AWS region name (`eu-west-1`, `us-gov-west-1`, `cn-north-1`, `us-iso-east-1`).
pub fn is_region(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() < 3 || parts.len() > 4 {
        return false;
    }
    let Some((first, rest)) = parts.split_first() else {
        return false;
    };
    let Some((last, middle)) = rest.split_last() else {
        return false;
    };
    first.len() == 2
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && !last.is_empty()
        && last.bytes().all(|b| b.is_ascii_digit())
        && middle
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
}

fn toml_scalar(v: &toml::Value) -> Option<String> {
    match v {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Integer(i) => Some(i.to_string()),
        toml::Value::Float(f) => Some(f.to_string()),
        toml::Value::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRules {
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    per_path_ignores: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDocument {
    path: String,
    kind: String,
}

/// The effective configuration of one run.
#[derive(Debug, Clone)]
pub struct Config {
    /// Directory globs are relative to (the config file's folder, or the current directory).
    pub root: PathBuf,
    pub source: Option<PathBuf>,
    pub include: Option<GlobSet>,
    pub exclude: Option<GlobSet>,
    pub max_file_size: u64,
    /// Empty means all rules.
    pub select: Vec<RuleId>,
    pub ignore: Vec<RuleId>,
    pub per_path_ignores: Vec<(GlobSet, Vec<RuleId>)>,
    pub documents: Vec<(GlobSet, DocKind)>,
    /// `[[stack]]` entries, in file order (the first match wins).
    pub stacks: Vec<StackConfig>,
    /// `[global_accelerator] security_groups`: VPC id → id of the `GlobalAccelerator` security group
    /// Global Accelerator created in that VPC.
    pub ga_security_groups: BTreeMap<String, String>,
    /// `[accounts."<id>"] enabled-regions`: account id → opt-in Regions it has enabled.
    pub enabled_regions: BTreeMap<String, Vec<String>>,
    /// `[accounts."<id>"] org`: account id → id of its organization (`o-…`).
    pub account_orgs: BTreeMap<String, String>,
    /// `[s3] requester-pays`: names of buckets with Requester Pays enabled.
    pub requester_pays: Vec<String>,
    pub verbose: bool,
    /// `root` and its canonical form, computed once: `glob_path` runs several times per file.
    canonical_root: OnceLock<(PathBuf, PathBuf)>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            root: PathBuf::from("."),
            source: None,
            include: None,
            exclude: None,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            select: Vec::new(),
            ignore: Vec::new(),
            per_path_ignores: Vec::new(),
            documents: Vec::new(),
            stacks: Vec::new(),
            ga_security_groups: BTreeMap::new(),
            enabled_regions: BTreeMap::new(),
            account_orgs: BTreeMap::new(),
            requester_pays: Vec::new(),
            verbose: false,
            canonical_root: OnceLock::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for ConfigError {}

/// Look for `trustlint.toml` in `start` and its parents.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    let start = start.canonicalize().ok()?;
    start
        .ancestors()
        .map(|d| d.join(CONFIG_FILE))
        .find(|p| p.is_file())
}

/// Resolve rule ids given by the user; an unknown id is an error naming it.
pub fn rule_ids(ids: &[String], origin: &str) -> Result<Vec<RuleId>, ConfigError> {
    ids.iter()
        .flat_map(|s| s.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|id| {
            RuleId::parse(id).ok_or_else(|| {
                ConfigError(format!(
                    "unknown rule id `{id}` in {origin} (run `trustlint rules` for the list)"
                ))
            })
        })
        .collect()
}

/// Like [`rule_ids`], for ignore lists: PARSE cannot be ignored, because a file trustlint cannot read is
/// a file nobody has checked (exclude the file instead).
pub fn ignorable_rule_ids(ids: &[String], origin: &str) -> Result<Vec<RuleId>, ConfigError> {
    let ids = rule_ids(ids, origin)?;
    if ids.contains(&RuleId::Parse) {
        return Err(ConfigError(format!(
            "PARSE cannot be ignored (in {origin}): exclude the malformed file instead"
        )));
    }
    Ok(ids)
}

fn globset(patterns: &[String], origin: &str) -> Result<GlobSet, ConfigError> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        let g = globset::GlobBuilder::new(p)
            .literal_separator(true)
            .build()
            .map_err(|e| ConfigError(format!("invalid glob `{p}` in {origin}: {e}")))?;
        b.add(g);
        // `dir/` or `dir` also means everything below it.
        if !p.contains('*') {
            let below = format!("{}/**", p.trim_end_matches('/'));
            b.add(Glob::new(&below).map_err(|e| ConfigError(e.to_string()))?);
        }
    }
    b.build().map_err(|e| ConfigError(e.to_string()))
}

impl Config {
    /// Load a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError(format!("cannot read {}: {e}", path.display())))?;
        let root = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        Config::parse(&text, root, Some(path.to_path_buf()))
    }

    pub fn parse(
        text: &str,
        root: PathBuf,
        source: Option<PathBuf>,
    ) -> Result<Config, ConfigError> {
        let origin = source
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| CONFIG_FILE.to_string());
        let raw: RawConfig =
            toml::from_str(text).map_err(|e| ConfigError(format!("{origin}: {e}")))?;
        let mut cfg = Config {
            root,
            source,
            ..Config::default()
        };
        if !raw.include.is_empty() {
            cfg.include = Some(globset(&raw.include, &origin)?);
        }
        if !raw.exclude.is_empty() {
            cfg.exclude = Some(globset(&raw.exclude, &origin)?);
        }
        if let Some(m) = raw.max_file_size {
            cfg.max_file_size = m;
        }
        cfg.select = rule_ids(&raw.rules.select, &format!("{origin} [rules] select"))?;
        cfg.ignore = ignorable_rule_ids(&raw.rules.ignore, &format!("{origin} [rules] ignore"))?;
        for (glob, ids) in &raw.rules.per_path_ignores {
            let set = globset(std::slice::from_ref(glob), &origin)?;
            let ids = ignorable_rule_ids(
                ids,
                &format!("{origin} [rules.per-path-ignores] \"{glob}\""),
            )?;
            cfg.per_path_ignores.push((set, ids));
        }
        for d in &raw.documents {
            let kind = DocKind::from_config_name(&d.kind).ok_or_else(|| {
                ConfigError(format!(
                    "{origin}: unknown document kind `{}` (use identity-policy, resource-policy, trust-policy, key-policy, scp or rcp)",
                    d.kind
                ))
            })?;
            cfg.documents
                .push((globset(std::slice::from_ref(&d.path), &origin)?, kind));
        }
        for (i, st) in raw.stack.iter().enumerate() {
            let at = format!("{origin} [[stack]] #{} (path = \"{}\")", i + 1, st.path);
            if let Some(a) = &st.account {
                if !is_account_id(a) {
                    return Err(ConfigError(format!(
                        "{at}: account `{a}` is not a 12-digit AWS account id"
                    )));
                }
            }
            if let Some(r) = &st.region {
                if !is_region(r) {
                    return Err(ConfigError(format!(
                        "{at}: region `{r}` does not look like an AWS region (e.g. `eu-west-1`)"
                    )));
                }
            }
            let mut parameters = BTreeMap::new();
            for (k, v) in &st.parameters {
                let text = match v {
                    toml::Value::Array(items) => items
                        .iter()
                        .map(toml_scalar)
                        .collect::<Option<Vec<_>>>()
                        .map(|v| v.join(",")),
                    other => toml_scalar(other),
                }
                .ok_or_else(|| {
                    ConfigError(format!(
                        "{at}: parameter `{k}` must be a string, number, boolean or a list of them"
                    ))
                })?;
                parameters.insert(k.clone(), text);
            }
            cfg.stacks.push(StackConfig {
                pattern: st.path.clone(),
                glob: globset(std::slice::from_ref(&st.path), &origin)?,
                account: st.account.clone(),
                region: st.region.clone(),
                name: st.name.clone(),
                parameters,
            });
        }
        let ga_origin = format!("{origin} [global_accelerator] security_groups");
        for (vpc, sg) in &raw.global_accelerator.security_groups {
            if !vpc.starts_with("vpc-") || !sg.starts_with("sg-") {
                return Err(ConfigError(format!(
                    "{ga_origin}: expected `\"vpc-…\" = \"sg-…\"`, found `\"{vpc}\" = \"{sg}\"`"
                )));
            }
            cfg.ga_security_groups.insert(vpc.clone(), sg.clone());
        }
        for (id, a) in &raw.accounts {
            if !is_account_id(id) {
                return Err(ConfigError(format!(
                    "{origin} [accounts.\"{id}\"]: `{id}` is not a 12-digit AWS account id"
                )));
            }
            if let Some(r) = a.enabled_regions.iter().flatten().find(|r| !is_region(r)) {
                return Err(ConfigError(format!(
                    "{origin} [accounts.\"{id}\"] enabled-regions: `{r}` does not look like an AWS region"
                )));
            }
            if let Some(o) = &a.org {
                if !is_org_id(o) {
                    return Err(ConfigError(format!(
                        "{origin} [accounts.\"{id}\"] org: `{o}` is not an organization id (o-…)"
                    )));
                }
                cfg.account_orgs.insert(id.clone(), o.clone());
            }
            // A section that states only `org` says nothing about Regions.
            if a.enabled_regions.is_some() || a.org.is_none() {
                cfg.enabled_regions
                    .insert(id.clone(), a.enabled_regions.clone().unwrap_or_default());
            }
        }
        cfg.requester_pays = raw.s3.requester_pays.clone();
        Ok(cfg)
    }

    /// The first `[[stack]]` entry whose glob matches `path`.
    pub fn stack_for(&self, path: &Path) -> Option<&StackConfig> {
        if self.stacks.is_empty() {
            return None; // no glob to match: skip the path's canonicalization
        }
        let p = self.glob_path(path);
        self.stacks.iter().find(|s| s.glob.is_match(&p))
    }

    /// The path as globs see it: relative to the config root when it is below it.
    pub fn glob_path(&self, path: &Path) -> PathBuf {
        let abs = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        let canonical = |r: &PathBuf| r.canonicalize().unwrap_or_else(|_| r.clone());
        // The root is canonicalized once per run (it was once per call: thousands of syscalls);
        // recomputed if `root` was changed after the first call.
        let (seen, cached) = self
            .canonical_root
            .get_or_init(|| (self.root.clone(), canonical(&self.root)));
        let fresh;
        let root = if *seen == self.root {
            cached
        } else {
            fresh = canonical(&self.root);
            &fresh
        };
        abs.strip_prefix(root)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| path.to_path_buf())
    }

    pub fn document_kind(&self, path: &Path) -> Option<DocKind> {
        if self.documents.is_empty() {
            return None; // no glob to match: skip the path's canonicalization
        }
        let p = self.glob_path(path);
        self.documents
            .iter()
            .find(|(g, _)| g.is_match(&p))
            .map(|(_, k)| *k)
    }

    /// Whether [`Config::rule_enabled`] looks at the path (per-path ignores); when not, callers
    /// may pass any path and skip [`Config::glob_path`].
    pub fn has_path_rules(&self) -> bool {
        !self.per_path_ignores.is_empty()
    }

    /// Whether findings of `rule` are reported at all for `path`.
    pub fn rule_enabled(&self, rule: RuleId, glob_path: &Path) -> bool {
        if rule == RuleId::Parse {
            return true;
        }
        if !self.select.is_empty() && !self.select.contains(&rule) {
            return false;
        }
        if self.ignore.contains(&rule) {
            return false;
        }
        !self
            .per_path_ignores
            .iter()
            .any(|(g, ids)| ids.contains(&rule) && g.is_match(glob_path))
    }
}

#[cfg(test)]
mod tests;
