//! Terraform plan JSON (`terraform show -json plan.out > plan.json`): detection, account binding per
//! provider configuration, the policies inside resources (linted with spans inside the escaped policy
//! strings), and a translation of the resources into the model's input ([`Stack`]s of typed resources,
//! read from Terraform's own attribute names) so the model and every graph rule work unchanged. Values
//! unknown until apply (`after_unknown`) become symbols, never guesses. Nothing here reads or builds
//! CloudFormation shapes.

pub mod binding;
pub mod detect;
pub mod plan;
pub mod policies;
pub mod translate;

use crate::config::Config;
use crate::load::issue::LoadIssue;
use crate::model::input::Stack;
use crate::model::PolicyDoc;
use crate::source::{Node, SourceFile};
use std::path::Path;

/// What a plan yields.
#[derive(Debug, Default)]
pub struct Loaded {
    pub documents: Vec<PolicyDoc>,
    pub issues: Vec<LoadIssue>,
    /// One per AWS provider configuration used (the default provider first).
    pub stacks: Vec<Stack>,
}

/// Load a parsed plan (see [`detect::is_plan`]).
pub fn load(root: &Node, src: &SourceFile, path: &Path, cfg: &Config) -> Loaded {
    let mut out = Loaded::default();
    if let Some(v) = detect::supported_version(root) {
        let span = root.get("format_version").map_or(root.span, |n| n.span);
        out.issues.push(
            LoadIssue::parse(
                src.id,
                span,
                format!("Terraform plan format {v} is not supported (trustlint reads format 0.x and 1.x)"),
            )
            .label("unsupported format_version"),
        );
        return out;
    }
    let plan = plan::Plan::new(root);
    let bindings = binding::bind(&plan, root, path, cfg);
    let mut parsed = policies::Parsed::new();
    out.documents = policies::extract(&plan, src, &mut parsed, &mut out.issues);
    out.stacks = translate::stacks(&plan, &bindings, src, &mut parsed);
    // Name the resource each issue lies in (invalid JSON in a policy string).
    let mut spans: Vec<(u32, u32, usize)> = plan
        .resources
        .iter()
        .enumerate()
        .map(|(i, r)| (r.node.span.start, r.node.span.end, i))
        .collect();
    spans.sort_unstable();
    for f in out.issues.iter_mut().filter(|f| f.resource.is_none()) {
        let i = spans.partition_point(|s| s.0 <= f.span.start);
        if let Some(&(_, end, r)) = i.checked_sub(1).and_then(|i| spans.get(i)) {
            if let Some(res) = plan.resources.get(r).filter(|_| f.span.end <= end) {
                f.resource = Some(res.display_name());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
