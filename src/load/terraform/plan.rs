//! Walk a plan: every resource instance of `planned_values` (and the data sources Terraform read while
//! planning, which live in `prior_state`), with its `after_unknown` tree (`resource_changes`) and its
//! configuration block (expressions with references, provider), indexed by address — no pairwise search.

use crate::source::{Node, Span, Spanned};
use std::collections::HashMap;

/// One resource instance of the plan.
#[derive(Debug, Clone)]
pub struct PlanResource<'a> {
    /// `module.x["a"].aws_s3_bucket.b[0]`.
    pub address: &'a str,
    pub address_span: Span,
    /// The module instance address (`""` for the root module).
    pub module: &'a str,
    pub data: bool,
    pub type_name: &'a str,
    pub type_span: Span,
    pub name: &'a str,
    /// The resource object in `planned_values` (or `prior_state`).
    pub node: &'a Node,
    /// Its `values` (known values; unknown ones are absent).
    pub values: Option<&'a Node>,
    /// `resource_changes[].change.after_unknown` (`true` marks an unknown value).
    pub unknown: Option<&'a Node>,
    /// The configuration block (`expressions`, `provider_config_key`).
    pub config: Option<&'a Node>,
}

impl<'a> PlanResource<'a> {
    /// `aws_iam_role.replication` or `aws_iam_role.replication (module.x)`, for messages.
    pub fn display_name(&self) -> String {
        let local = self
            .address
            .strip_prefix(self.module)
            .and_then(|r| r.strip_prefix('.'))
            .unwrap_or(self.address);
        if self.module.is_empty() {
            local.to_string()
        } else {
            format!("{local} ({})", self.module)
        }
    }
    /// `provider_config_key` of the configuration (`aws`, `aws.destination`, `module.x:aws`).
    pub fn provider_key(&self) -> Option<&'a str> {
        self.config?.get("provider_config_key")?.as_str()
    }
    /// A known, non-null value.
    pub fn value(&self, key: &str) -> Option<&'a Node> {
        self.values?
            .get(key)
            .filter(|n| !matches!(n.value, crate::source::Value::Null))
    }
    pub fn str(&self, key: &str) -> Option<&'a str> {
        self.value(key)?.as_str()
    }
    /// The configuration expression of an attribute.
    pub fn expression(&self, key: &str) -> Option<&'a Node> {
        self.config?.get("expressions")?.get(key)
    }
}

#[derive(Debug, Default)]
pub struct Plan<'a> {
    pub resources: Vec<PlanResource<'a>>,
    by_address: HashMap<&'a str, usize>,
    /// Configuration address (module names without instance keys) → instances.
    by_config: HashMap<String, Vec<usize>>,
    /// Configuration module path (`module.a.module.b`) → its `module_calls` entry.
    module_calls: HashMap<String, &'a Node>,
    /// `configuration.provider_config`.
    pub provider_config: Option<&'a Node>,
    pub prior_state: Option<&'a Node>,
}

/// Split an address on the dots that are not inside `[...]` (keys may hold dots: `module.a["x.y"]`).
pub fn segments(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut quoted, mut escaped, mut start) = (0usize, false, false, 0usize);
    for (i, c) in s.char_indices() {
        if quoted {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => quoted = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' if depth > 0 => quoted = true,
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            '.' if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < s.len() || !s.is_empty() {
        out.push(&s[start..]);
    }
    out
}

/// `name["key"]` → `name`.
pub fn strip_key(seg: &str) -> &str {
    seg.split_once('[').map_or(seg, |(a, _)| a)
}

/// A module instance address without its instance keys: `module.a["x"].module.b[0]` → `module.a.module.b`.
pub fn config_path(module: &str) -> String {
    if module.is_empty() {
        return String::new();
    }
    segments(module)
        .into_iter()
        .map(strip_key)
        .collect::<Vec<_>>()
        .join(".")
}

/// The `resources` array of a plan or configuration module (empty when absent).
fn resources_of(module: &Node) -> &[Node] {
    module
        .get("resources")
        .and_then(Node::as_array)
        .unwrap_or(&[])
}

fn join(prefix: &str, rest: &str) -> String {
    if prefix.is_empty() {
        rest.to_string()
    } else {
        format!("{prefix}.{rest}")
    }
}

/// A reference to an attribute of a resource instance of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    pub resource: usize,
    /// The attribute (`arn`, `id`, …); `None` for a reference to the whole resource.
    pub attr: Option<String>,
}

const NOT_RESOURCES: &[&str] = &[
    "var",
    "local",
    "module",
    "each",
    "count",
    "path",
    "terraform",
    "self",
];

impl<'a> Plan<'a> {
    pub fn new(root: &'a Node) -> Plan<'a> {
        let mut plan = Plan {
            provider_config: root
                .get("configuration")
                .and_then(|c| c.get("provider_config")),
            prior_state: root.get("prior_state"),
            ..Plan::default()
        };
        let mut changes: HashMap<&str, &Node> = HashMap::new();
        for c in root
            .get("resource_changes")
            .and_then(Node::as_array)
            .unwrap_or(&[])
        {
            if c.get("deposed").is_some() {
                continue;
            }
            let (Some(a), Some(ch)) = (c.get("address").and_then(Node::as_str), c.get("change"))
            else {
                continue;
            };
            changes.insert(a, ch);
        }
        let mut configs: HashMap<String, &Node> = HashMap::new();
        if let Some(m) = root.get("configuration").and_then(|c| c.get("root_module")) {
            plan.walk_config(m, String::new(), &mut configs, 0);
        }
        if let Some(m) = root
            .get("planned_values")
            .and_then(|p| p.get("root_module"))
        {
            plan.walk_values(m, "", &changes, &configs, false, 0);
        }
        if let Some(m) = plan
            .prior_state
            .and_then(|s| s.get("values"))
            .and_then(|v| v.get("root_module"))
        {
            // Data sources read while planning (managed resources there are the *prior* state).
            plan.walk_values(m, "", &changes, &configs, true, 0);
        }
        plan
    }

    fn walk_config(
        &mut self,
        module: &'a Node,
        path: String,
        configs: &mut HashMap<String, &'a Node>,
        depth: usize,
    ) {
        if depth > 32 {
            return;
        }
        for r in resources_of(module) {
            if let Some(a) = r.get("address").and_then(Node::as_str) {
                configs.insert(join(&path, a), r);
            }
        }
        for call in module
            .get("module_calls")
            .and_then(Node::as_object)
            .unwrap_or(&[])
        {
            let p = join(&path, &format!("module.{}", call.key));
            self.module_calls.insert(p.clone(), &call.value);
            if let Some(m) = call.value.get("module") {
                self.walk_config(m, p, configs, depth + 1);
            }
        }
    }

    fn walk_values(
        &mut self,
        module: &'a Node,
        module_addr: &'a str,
        changes: &HashMap<&str, &'a Node>,
        configs: &HashMap<String, &'a Node>,
        data_only: bool,
        depth: usize,
    ) {
        if depth > 32 {
            return;
        }
        for r in resources_of(module) {
            let data = r.get("mode").and_then(Node::as_str) == Some("data");
            if data_only && !data {
                continue;
            }
            let (Some(addr), Some(ty), Some(name)) = (
                r.get("address"),
                r.get("type"),
                r.get("name").and_then(Node::as_str),
            ) else {
                continue;
            };
            let (Some(address), Some(type_name)) = (addr.as_str(), ty.as_str()) else {
                continue;
            };
            if self.by_address.contains_key(address) {
                continue;
            }
            let local = format!("{}{type_name}.{name}", if data { "data." } else { "" });
            let key = join(&config_path(module_addr), &local);
            let i = self.resources.len();
            self.resources.push(PlanResource {
                address,
                address_span: addr.span,
                module: module_addr,
                data,
                type_name,
                type_span: ty.span,
                name,
                node: r,
                values: r.get("values"),
                unknown: changes.get(address).and_then(|c| c.get("after_unknown")),
                config: configs.get(&key).copied(),
            });
            self.by_address.insert(address, i);
            self.by_config.entry(key).or_default().push(i);
        }
        for child in module
            .get("child_modules")
            .and_then(Node::as_array)
            .unwrap_or(&[])
        {
            let addr = child.get("address").and_then(Node::as_str).unwrap_or("");
            self.walk_values(child, addr, changes, configs, data_only, depth + 1);
        }
    }

    pub fn get(&self, address: &str) -> Option<&PlanResource<'a>> {
        self.by_address
            .get(address)
            .and_then(|i| self.resources.get(*i))
    }

    pub fn index_of(&self, address: &str) -> Option<usize> {
        self.by_address.get(address).copied()
    }

    /// The explicit dependencies of resource instance `i`: the `depends_on` of its configuration and of
    /// every module call enclosing it (a module's `depends_on` holds for all its resources). Each entry
    /// names the resource instances it means — in the module instance where it is written — by address
    /// (the resources' logical ids); an entry naming a module, or nothing in the plan, stays as written,
    /// prefixed with that module instance.
    pub fn depends_on(&self, i: usize) -> Vec<Spanned<String>> {
        let Some(r) = self.resources.get(i) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        self.push_deps(
            r.config.and_then(|c| c.get("depends_on")),
            r.module,
            &mut out,
        );
        let segs = segments(r.module);
        // `module.a["x"].module.b` is called by `module.a["x"]`, which is called by the root.
        for k in (2..=segs.len()).step_by(2) {
            let (Some(call), Some(parent)) = (segs.get(..k), segs.get(..k - 2)) else {
                continue;
            };
            if let Some(c) = self.module_calls.get(&config_path(&call.join("."))) {
                self.push_deps(c.get("depends_on"), &parent.join("."), &mut out);
            }
        }
        out
    }

    fn push_deps(&self, deps: Option<&Node>, module: &str, out: &mut Vec<Spanned<String>>) {
        for d in deps.and_then(Node::as_array).unwrap_or(&[]) {
            let Some(text) = d.as_str() else { continue };
            let found = self.instances_in(module, text);
            if found.is_empty() {
                out.push(Spanned::new(join(module, text), d.span));
            }
            for a in found {
                if !out.iter().any(|o| o.value == a) {
                    out.push(Spanned::new(a.to_string(), d.span));
                }
            }
        }
    }

    /// The instances of the resource `reference` (`aws_x.y`, `data.aws_x.y`) declared in module
    /// instance `module`.
    fn instances_in(&self, module: &str, reference: &str) -> Vec<&'a str> {
        let segs = segments(reference);
        let local = match segs.as_slice() {
            ["data", t, n] => format!("data.{t}.{n}"),
            [t, n] if !NOT_RESOURCES.contains(t) => format!("{t}.{n}"),
            _ => return Vec::new(),
        };
        self.by_config
            .get(&join(&config_path(module), &local))
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|i| self.resources.get(*i))
            .filter(|x| x.module == module)
            .map(|x| x.address)
            .collect()
    }

    /// Resolve one entry of an expression's `references` (`aws_iam_role.r.arn`, `data.x.y.json`,
    /// `var.role_arn` inside a module: followed to the module call's argument) written in module
    /// instance `module`.
    pub fn resolve_ref(&self, module: &str, reference: &str) -> Vec<Ref> {
        let mut out = Vec::new();
        self.resolve_into(module, reference, &mut out, 0);
        out
    }

    fn resolve_into(&self, module: &str, reference: &str, out: &mut Vec<Ref>, depth: usize) {
        if depth > 8 {
            return;
        }
        let segs = segments(reference);
        let head = segs.first().copied().unwrap_or("");
        if head == "var" && !module.is_empty() {
            // A module input: follow the module call's argument in the parent module.
            let Some(var) = segs.get(1).map(|s| strip_key(s)) else {
                return;
            };
            let msegs = segments(module);
            if msegs.len() < 2 {
                return;
            }
            let parent = &module[..module.len()
                - msegs
                    .get(msegs.len() - 2..)
                    .unwrap_or_default()
                    .join(".")
                    .len()];
            let parent = parent.strip_suffix('.').unwrap_or(parent);
            let Some(call) = self.module_calls.get(&config_path(module)) else {
                return;
            };
            for r in references(call.get("expressions").and_then(|e| e.get(var))) {
                self.resolve_into(parent, r, out, depth + 1);
            }
            return;
        }
        let (ty, name, rest) = if head == "data" {
            match segs.as_slice() {
                [_, t, n, rest @ ..] => (format!("data.{t}"), *n, rest),
                _ => return,
            }
        } else if NOT_RESOURCES.contains(&head) {
            return;
        } else {
            match segs.as_slice() {
                [t, n, rest @ ..] => (t.to_string(), *n, rest),
                _ => return,
            }
        };
        let attr = rest.first().map(|a| strip_key(a).to_string());
        let exact = join(module, &format!("{ty}.{name}"));
        let found = self.index_of(&exact).or_else(|| {
            let key = join(&config_path(module), &format!("{ty}.{}", strip_key(name)));
            match self.by_config.get(&key).map(Vec::as_slice) {
                Some([one]) => Some(*one),
                _ => None,
            }
        });
        if let Some(resource) = found {
            let r = Ref { resource, attr };
            if !out.contains(&r) {
                out.push(r);
            }
        }
    }
}

/// The `references` of an expression (`{"references": [...]}`), empty for constants.
pub fn references(expr: Option<&Node>) -> Vec<&str> {
    expr.and_then(|e| e.get("references"))
        .and_then(Node::as_array)
        .unwrap_or(&[])
        .iter()
        .filter_map(Node::as_str)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::json;

    #[test]
    fn address_segments() {
        assert_eq!(
            segments(r#"module.a["x.y"].aws_s3_bucket.b[0]"#),
            vec!["module", r#"a["x.y"]"#, "aws_s3_bucket", "b[0]"]
        );
        assert_eq!(
            config_path(r#"module.a["x"].module.b[0]"#),
            "module.a.module.b"
        );
        assert_eq!(config_path(""), "");
    }

    #[test]
    fn depends_on_from_the_configuration_and_enclosing_module_calls() {
        let text = r#"{
          "planned_values": {"root_module": {
            "resources": [
              {"address": "aws_s3_bucket.a", "mode": "managed", "type": "aws_s3_bucket", "name": "a"},
              {"address": "aws_s3_bucket.n[0]", "mode": "managed", "type": "aws_s3_bucket", "name": "n", "index": 0},
              {"address": "aws_s3_bucket.n[1]", "mode": "managed", "type": "aws_s3_bucket", "name": "n", "index": 1},
              {"address": "aws_iam_role.r", "mode": "managed", "type": "aws_iam_role", "name": "r"}],
            "child_modules": [{"address": "module.m", "resources": [
              {"address": "module.m.aws_kms_key.k", "mode": "managed", "type": "aws_kms_key", "name": "k"},
              {"address": "module.m.aws_kms_alias.x", "mode": "managed", "type": "aws_kms_alias", "name": "x"}]}]}},
          "configuration": {"root_module": {
            "resources": [
              {"address": "aws_s3_bucket.a", "mode": "managed", "type": "aws_s3_bucket", "name": "a",
               "depends_on": ["aws_s3_bucket.n", "aws_iam_role.r", "module.m"]},
              {"address": "aws_s3_bucket.n", "mode": "managed", "type": "aws_s3_bucket", "name": "n"},
              {"address": "aws_iam_role.r", "mode": "managed", "type": "aws_iam_role", "name": "r"}],
            "module_calls": {"m": {"source": "./m", "depends_on": ["aws_iam_role.r"],
              "module": {"resources": [
                {"address": "aws_kms_key.k", "mode": "managed", "type": "aws_kms_key", "name": "k"},
                {"address": "aws_kms_alias.x", "mode": "managed", "type": "aws_kms_alias", "name": "x",
                 "depends_on": ["aws_kms_key.k"]}]}}}}}
        }"#;
        let root = json::parse(text).unwrap();
        let plan = Plan::new(&root);
        let deps = |a: &str| -> Vec<String> {
            plan.depends_on(plan.index_of(a).unwrap())
                .into_iter()
                .map(|d| d.value)
                .collect()
        };
        assert_eq!(
            deps("aws_s3_bucket.a"),
            vec![
                "aws_s3_bucket.n[0]",
                "aws_s3_bucket.n[1]",
                "aws_iam_role.r",
                "module.m"
            ]
        );
        assert!(deps("aws_iam_role.r").is_empty());
        // A module's own dependency, then the module call's, which is written in the root module.
        assert_eq!(
            deps("module.m.aws_kms_alias.x"),
            vec!["module.m.aws_kms_key.k", "aws_iam_role.r"]
        );
        assert_eq!(deps("module.m.aws_kms_key.k"), vec!["aws_iam_role.r"]);
        let span = plan.depends_on(plan.index_of("aws_s3_bucket.a").unwrap())[0].span;
        assert_eq!(
            &text[span.start as usize..span.end as usize],
            "\"aws_s3_bucket.n\""
        );
    }

    #[test]
    fn walks_modules_changes_config_and_follows_module_inputs() {
        let text = r#"{
          "format_version": "1.2", "terraform_version": "1.9.5",
          "planned_values": {"root_module": {
            "resources": [{"address": "aws_iam_role.r", "mode": "managed", "type": "aws_iam_role", "name": "r", "values": {"name": "r"}}],
            "child_modules": [{"address": "module.m", "resources": [
              {"address": "module.m.aws_s3_bucket_replication_configuration.c", "mode": "managed", "type": "aws_s3_bucket_replication_configuration", "name": "c", "values": {"bucket": "b"}}
            ]}]}},
          "resource_changes": [
            {"address": "module.m.aws_s3_bucket_replication_configuration.c", "change": {"actions": ["create"], "after_unknown": {"role": true}}}
          ],
          "configuration": {"root_module": {
            "resources": [{"address": "aws_iam_role.r", "mode": "managed", "type": "aws_iam_role", "name": "r", "provider_config_key": "aws"}],
            "module_calls": {"m": {"source": "./m", "expressions": {"role_arn": {"references": ["aws_iam_role.r.arn", "aws_iam_role.r"]}},
              "module": {"resources": [{"address": "aws_s3_bucket_replication_configuration.c", "mode": "managed", "type": "aws_s3_bucket_replication_configuration", "name": "c", "provider_config_key": "m:aws",
                "expressions": {"role": {"references": ["var.role_arn"]}}}]}}}}}
        }"#;
        let root = json::parse(text).unwrap();
        let plan = Plan::new(&root);
        assert_eq!(plan.resources.len(), 2);
        let c = plan
            .get("module.m.aws_s3_bucket_replication_configuration.c")
            .unwrap();
        assert_eq!(
            c.display_name(),
            "aws_s3_bucket_replication_configuration.c (module.m)"
        );
        assert!(c.unknown.and_then(|u| u.get("role")).is_some());
        let refs = references(c.expression("role"));
        assert_eq!(refs, vec!["var.role_arn"]);
        let r = plan.resolve_ref(c.module, refs[0]);
        assert_eq!(
            r,
            vec![
                Ref {
                    resource: 0,
                    attr: Some("arn".into())
                },
                Ref {
                    resource: 0,
                    attr: None
                }
            ]
        );
        assert_eq!(
            plan.get("aws_iam_role.r").unwrap().provider_key(),
            Some("aws")
        );
    }
}
