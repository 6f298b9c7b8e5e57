//! CloudFormation templates (JSON, YAML, CDK output): detection, binding, intrinsics, policies.
//!
//! Loading is two-pass so `Fn::ImportValue` can see every template's exports: [`prepare`] (parse
//! result → bound [`Pending`], in parallel), [`Pending::exports`] (collected across all templates), then
//! [`Pending::finish`] (resolve everything, in parallel) → [`Template`] + policy documents + issues.

pub mod binding;
pub mod cdk;
mod choice;
pub mod detect;
mod fields;
pub mod foreach;
pub mod policies;
pub mod policy_slots;
mod provider_values;
pub mod resolve;
pub mod template;
mod to_model;
pub mod typed;
pub mod written;

pub use resolve::Exports;
pub use template::{Binding, BindingSource, Output, Resource, Suppression, Template};
pub use to_model::model_inputs;

use crate::config::Config;
use crate::load::issue::LoadIssue;
use crate::model::PolicyDoc;
use crate::source::{Node, SourceFile};
use binding::Bound;
use resolve::Resolver;
use std::path::Path;

/// A detected template, bound to its account, not yet resolved.
#[derive(Debug)]
pub struct Pending {
    root: Node,
    bound: Bound,
    issues: Vec<LoadIssue>,
}

/// What a finished template yields.
#[derive(Debug)]
pub struct Finished {
    pub template: Template,
    pub documents: Vec<PolicyDoc>,
    pub issues: Vec<LoadIssue>,
}

/// Bind a parsed template (see [`detect::is_template`]) to its account and region.
pub fn prepare(mut root: Node, src: &SourceFile, path: &Path, cfg: &Config) -> Pending {
    let mut issues = Vec::new();
    let bound = binding::bind(&root, src.id, path, cfg, &mut issues);
    foreach::expand(&mut root, src.id, &bound.parameters, &mut issues);
    if let Some(meta) = root.get("Metadata").and_then(|m| m.get("trustlint")) {
        unknown_keys(meta, &["account", "region"], src, &mut issues);
    }
    Pending {
        root,
        bound,
        issues,
    }
}

fn unknown_keys(meta: &Node, allowed: &[&str], src: &SourceFile, issues: &mut Vec<LoadIssue>) {
    let Some(members) = meta.as_object() else {
        issues.push(LoadIssue::metadata(
            src.id,
            meta.span,
            "`Metadata.trustlint` must be a mapping",
            format!("allowed keys here: {}", allowed.join(", ")),
        ));
        return;
    };
    for m in members {
        if !allowed.contains(&m.key.as_str()) {
            let hint = resolve::closest(&m.key, allowed.iter().copied(), 3).map_or_else(
                || format!("allowed keys here: {}", allowed.join(", ")),
                |s| format!("did you mean `{s}`?"),
            );
            issues.push(LoadIssue::metadata(
                src.id,
                m.key_span,
                format!("unknown key `{}` in `Metadata.trustlint`", m.key),
                hint,
            ));
        }
    }
}

impl Pending {
    pub fn binding(&self) -> &Binding {
        &self.bound.binding
    }

    /// `(export name, value)` of every output with a known `Export.Name` (imports are not followed
    /// here: an exported value that imports another export stays symbolic).
    pub fn exports(&self, src: &SourceFile) -> Vec<(String, String)> {
        let empty = Exports::new();
        let mut r = Resolver::new(src.id, &src.text, &self.root, &self.bound, &empty);
        let mut out = Vec::new();
        for o in self
            .root
            .get("Outputs")
            .and_then(Node::as_object)
            .unwrap_or(&[])
        {
            let Some(name) = o.value.get("Export").and_then(|e| e.get("Name")) else {
                continue;
            };
            let Some(value) = o.value.get("Value") else {
                continue;
            };
            let name = r.resolve(name).and_then(|n| n.as_str().map(str::to_string));
            let value = r
                .resolve(value)
                .and_then(|n| n.as_str().map(str::to_string));
            if let (Some(n), Some(v)) = (name, value) {
                if !crate::model::symbolic::has_symbol(&n) {
                    out.push((n, v));
                }
            }
        }
        out
    }

    /// Resolve the template and extract its policy documents.
    pub fn finish(self, src: &SourceFile, exports: &Exports) -> Finished {
        let Pending {
            root,
            bound,
            mut issues,
        } = self;
        let mut r = Resolver::new(src.id, &src.text, &root, &bound, exports);
        let mut resources = Vec::new();
        let mut suppressions = Vec::new();
        for m in root
            .get("Resources")
            .and_then(Node::as_object)
            .unwrap_or(&[])
        {
            let Some(ty) = m.value.get("Type") else {
                continue;
            };
            let Some(type_name) = ty.as_str() else {
                continue;
            };
            let condition = m.value.get("Condition").and_then(|c| {
                let name = c.as_str()?;
                Some((name.to_string(), r.condition(name, c.span)))
            });
            let properties = m.value.get("Properties").and_then(|p| r.resolve(p));
            let metadata = m.value.get("Metadata").cloned();
            if let Some(meta) = metadata.as_ref().and_then(|md| md.get("trustlint")) {
                unknown_keys(meta, &["ignore", "reason", "arn", "id"], src, &mut issues);
                if let Some(s) = suppression(&m.key, m.value.span, meta, src, &mut issues) {
                    suppressions.push(s);
                }
            }
            resources.push(Resource {
                logical_id: m.key.clone(),
                logical_id_span: m.key_span,
                type_name: type_name.to_string(),
                type_span: ty.span,
                span: m.value.span,
                properties,
                metadata,
                condition,
                depends_on: written::depends_on(&m.value),
                refers_to: m
                    .value
                    .get("Properties")
                    .map(written::refers_to)
                    .unwrap_or_default(),
            });
        }
        let mut outputs = Vec::new();
        for o in root.get("Outputs").and_then(Node::as_object).unwrap_or(&[]) {
            let Some(value) = o.value.get("Value").and_then(|v| r.resolve(v)) else {
                continue;
            };
            let export_name = o
                .value
                .get("Export")
                .and_then(|e| e.get("Name"))
                .and_then(|n| r.resolve(n))
                .and_then(|n| n.as_str().map(str::to_string));
            outputs.push(Output {
                name: o.key.clone(),
                name_span: o.key_span,
                value,
                export_name,
            });
        }
        issues.append(&mut r.issues);
        drop(r);
        let documents = policies::extract(&resources, src, &mut issues);
        // Name the resource each template finding lies in (resources are in source order).
        for f in issues.iter_mut().filter(|f| f.resource.is_none()) {
            let i = resources.partition_point(|r| r.span.start <= f.span.start);
            if let Some(r) = i
                .checked_sub(1)
                .and_then(|i| resources.get(i))
                .filter(|r| f.span.end <= r.span.end)
            {
                f.resource = Some(format!("{} ({})", r.logical_id, r.type_name));
            }
        }
        let template = Template {
            file: src.id,
            stack: bound.stack.clone(),
            stack_key: bound.key.clone(),
            binding: bound.binding.clone(),
            resources,
            outputs,
            parameters: written::parameters(&root),
            output_refs: root
                .get("Outputs")
                .map(written::refers_to)
                .unwrap_or_default(),
            suppressions,
        };
        Finished {
            template,
            documents,
            issues,
        }
    }
}

fn suppression(
    logical_id: &str,
    span: crate::source::Span,
    meta: &Node,
    src: &SourceFile,
    issues: &mut Vec<LoadIssue>,
) -> Option<Suppression> {
    let ignore = meta.get("ignore")?;
    let items: Vec<&Node> = match &ignore.value {
        crate::source::Value::Array(a) => a.iter().collect(),
        crate::source::Value::String(_) => vec![ignore],
        _ => {
            issues.push(LoadIssue::metadata(
                src.id,
                ignore.span,
                "`Metadata.trustlint.ignore` must be a list of rule ids",
                "e.g. ignore: [POL-RESOURCE-WILDCARD]",
            ));
            return None;
        }
    };
    // Whether each id names a rule is the rules' business (`rules::cfn::metadata`): kept as written.
    let rules = items
        .iter()
        .map(|i| (i.as_str().unwrap_or("").to_string(), i.span))
        .collect();
    Some(Suppression {
        logical_id: logical_id.to_string(),
        span,
        rules,
        reason: meta
            .get("reason")
            .and_then(Node::as_str)
            .map(str::to_string),
    })
}

#[cfg(test)]
mod tests;
