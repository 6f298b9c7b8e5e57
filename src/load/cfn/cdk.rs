//! CDK output: the cloud assembly manifest (`cdk.out/manifest.json`) next to a synthesized template
//! says which stack the template is and where it is deployed. Each `aws:cloudformation:stack` artifact
//! has `environment` (`aws://<account>/<region>`, with `unknown-account` / `unknown-region` for an
//! environment-agnostic stack), `properties.templateFile` (relative to the manifest's folder) and
//! optionally `properties.stackName` (default: the artifact id). Nested assemblies (CDK stages) have a
//! manifest of their own in their folder, so the manifest read is always the template's neighbour.

use crate::config::{is_account_id, is_region};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// What the manifest says about one stack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CdkStack {
    pub stack_name: String,
    pub account: Option<String>,
    pub region: Option<String>,
}

/// Template file name (as written in `templateFile`) → its stack, for one manifest.
type Stacks = HashMap<String, CdkStack>;

/// Manifests already read, by folder: every template of a folder shares one (read once, not once per
/// template).
fn cache() -> &'static Mutex<HashMap<PathBuf, Arc<Stacks>>> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, Arc<Stacks>>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// The stack a template is, per the `manifest.json` in its folder; `None` when there is no manifest
/// or it does not list the template.
pub fn stack_for(template: &Path) -> Option<CdkStack> {
    let dir = template.parent()?;
    let name = template.file_name()?.to_str()?;
    let manifest = dir.join("manifest.json");
    if !manifest.is_file() {
        return None;
    }
    let stacks = {
        let cached = cache().lock().ok()?.get(dir).cloned();
        match cached {
            Some(s) => s,
            None => {
                let s = Arc::new(
                    std::fs::read_to_string(&manifest)
                        .ok()
                        .map(|t| parse(&t))
                        .unwrap_or_default(),
                );
                cache().lock().ok()?.insert(dir.to_path_buf(), s.clone());
                s
            }
        }
    };
    stacks.get(name).cloned()
}

/// The stacks of a manifest's text (an unreadable manifest lists none).
pub fn parse(text: &str) -> Stacks {
    let mut out = Stacks::new();
    let Ok(v) = serde_json::from_str::<serde_json::Value>(text) else {
        return out;
    };
    let Some(artifacts) = v.get("artifacts").and_then(|a| a.as_object()) else {
        return out;
    };
    for (id, a) in artifacts {
        if a.get("type").and_then(|t| t.as_str()) != Some("aws:cloudformation:stack") {
            continue;
        }
        let props = a.get("properties");
        let Some(file) = props
            .and_then(|p| p.get("templateFile"))
            .and_then(|f| f.as_str())
        else {
            continue;
        };
        let stack_name = props
            .and_then(|p| p.get("stackName"))
            .and_then(|n| n.as_str())
            .unwrap_or(id)
            .to_string();
        let (account, region) = a
            .get("environment")
            .and_then(|e| e.as_str())
            .map_or((None, None), environment);
        out.insert(
            file.trim_start_matches("./").to_string(),
            CdkStack {
                stack_name,
                account,
                region,
            },
        );
    }
    out
}

/// `aws://111111111111/eu-west-1` → (account, region); `unknown-account`/`unknown-region` (and anything
/// that is not an account id or a region) stay unknown.
fn environment(env: &str) -> (Option<String>, Option<String>) {
    let Some(rest) = env.strip_prefix("aws://") else {
        return (None, None);
    };
    let (account, region) = rest.split_once('/').unwrap_or((rest, ""));
    (
        Some(account.to_string()).filter(|a| is_account_id(a)),
        Some(region.to_string()).filter(|r| is_region(r)),
    )
}

/// The CDK construct path of every resource that has one (`Metadata.aws:cdk:path`), in source order.
pub fn construct_paths(t: &super::Template) -> Vec<(crate::source::Span, String)> {
    t.resources
        .iter()
        .filter_map(|r| {
            let p = r.metadata.as_ref()?.get("aws:cdk:path")?.as_str()?;
            Some((r.span, p.to_string()))
        })
        .collect()
}

/// Give each finding the construct path of the CDK resource it lies in (one pass over the findings).
pub fn annotate(templates: &[super::Template], findings: &mut [crate::rules::Finding]) {
    let mut by_file: HashMap<crate::source::FileId, Vec<(crate::source::Span, String)>> =
        HashMap::new();
    for t in templates {
        let paths = construct_paths(t);
        if !paths.is_empty() {
            by_file.entry(t.file).or_default().extend(paths);
        }
    }
    if by_file.is_empty() {
        return;
    }
    for paths in by_file.values_mut() {
        paths.sort_by_key(|(s, _)| s.start);
    }
    for f in findings.iter_mut().filter(|f| f.construct.is_none()) {
        let Some(paths) = by_file.get(&f.file) else {
            continue;
        };
        let i = paths.partition_point(|(s, _)| s.start <= f.span.start);
        if let Some((_, p)) = i
            .checked_sub(1)
            .and_then(|i| paths.get(i))
            .filter(|(s, _)| f.span.end <= s.end)
        {
            f.construct = Some(p.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST: &str = r#"{
  "version": "36.0.0",
  "artifacts": {
    "Src": {
      "type": "aws:cloudformation:stack",
      "environment": "aws://111111111111/eu-west-1",
      "properties": {"templateFile": "Src.template.json", "stackName": "source-stack"}
    },
    "Agnostic": {
      "type": "aws:cloudformation:stack",
      "environment": "aws://unknown-account/unknown-region",
      "properties": {"templateFile": "Agnostic.template.json"}
    },
    "Tree": {"type": "cdk:tree", "properties": {"file": "tree.json"}}
  }
}"#;

    #[test]
    fn stacks_environments_and_names() {
        let s = parse(MANIFEST);
        assert_eq!(s.len(), 2);
        assert_eq!(
            s["Src.template.json"],
            CdkStack {
                stack_name: "source-stack".into(),
                account: Some("111111111111".into()),
                region: Some("eu-west-1".into()),
            }
        );
        let a = &s["Agnostic.template.json"];
        assert_eq!(
            (a.stack_name.as_str(), &a.account, &a.region),
            ("Agnostic", &None, &None)
        );
        assert!(parse("not json").is_empty());
    }

    #[test]
    fn the_manifest_next_to_the_template_is_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("manifest.json"), MANIFEST).unwrap();
        let t = dir.path().join("Src.template.json");
        assert_eq!(stack_for(&t).unwrap().stack_name, "source-stack");
        assert!(stack_for(&dir.path().join("Other.template.json")).is_none());
        assert!(stack_for(Path::new("/nonexistent/x.json")).is_none());
    }
}

#[cfg(test)]
mod binding_tests {
    use crate::config::Config;
    use crate::load::{cfn::BindingSource, load_file};
    use crate::model::symbolic::display;
    use crate::source::FileId;
    use std::path::{Path, PathBuf};

    fn fixture() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/cdk/cdk.out/AppStack.template.json")
    }

    #[test]
    fn a_cdk_stack_is_bound_and_named_from_its_manifest() {
        let l = load_file(FileId(0), &fixture(), "t".into(), &Config::default());
        let t = l.template.expect("a template");
        assert_eq!(t.binding.account.as_deref(), Some("111111111111"));
        assert_eq!(t.binding.region.as_deref(), Some("eu-west-1"));
        assert_eq!(t.binding.source, BindingSource::Cdk);
        assert_eq!(t.stack, "app-prod");
        assert_eq!(display(t.outputs[0].value.as_str().unwrap()), "app-prod");
    }

    #[test]
    fn config_wins_over_the_manifest() {
        let cfg = Config::parse(
            "[[stack]]\npath = \"**/AppStack.template.json\"\naccount = \"222222222222\"\n",
            PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            None,
        )
        .unwrap();
        let l = load_file(FileId(0), &fixture(), "t".into(), &cfg);
        let t = l.template.expect("a template");
        assert_eq!(t.binding.account.as_deref(), Some("222222222222"));
        // The region the configuration leaves open still comes from the manifest.
        assert_eq!(t.binding.region.as_deref(), Some("eu-west-1"));
        assert_eq!(t.binding.source, BindingSource::Config);
    }
}
