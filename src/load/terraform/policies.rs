//! Policy documents inside a plan's resources. Terraform keeps policies as JSON *strings*
//! (`jsonencode(...)`, `data.aws_iam_policy_document.x.json`, heredocs), so each is parsed with
//! [`json::parse_embedded`], which maps every span back into the plan file: issues land on the exact
//! character inside the escaped string.

use super::plan::{Plan, PlanResource};
use crate::load::issue::{IssueKind, LoadIssue};
use crate::model::document::Attachment;
use crate::model::{DocKind, PolicyDoc};
use crate::source::{json, Node, SourceFile, Span};
use std::collections::{HashMap, HashSet};

/// Policies parsed once, by the span start of their string in the file (shared with the translation).
pub type Parsed = HashMap<u32, Node>;

/// Where a resource type keeps its policy: (attribute, kind, attachment, computed when not configured).
fn slots(type_name: &str) -> &'static [(&'static str, DocKind, Attachment, bool)] {
    use Attachment::*;
    use DocKind::*;
    match type_name {
        "aws_iam_policy" => &[("policy", Identity, Managed, false)],
        "aws_iam_role" => &[("assume_role_policy", Trust, Unknown, false)],
        "aws_iam_role_policy" => &[("policy", Identity, InlineRole, false)],
        "aws_iam_user_policy" => &[("policy", Identity, InlineUser, false)],
        "aws_iam_group_policy" => &[("policy", Identity, InlineGroup, false)],
        "aws_s3_bucket_policy"
        | "aws_sqs_queue_policy"
        | "aws_sns_topic_policy"
        | "aws_ecr_repository_policy"
        | "aws_efs_file_system_policy"
        | "aws_secretsmanager_secret_policy" => &[("policy", Resource, Unknown, false)],
        // Optional + computed: AWS's current or default policy shows up when the configuration sets none.
        "aws_s3_bucket" | "aws_sqs_queue" | "aws_sns_topic" => {
            &[("policy", Resource, Unknown, true)]
        }
        "aws_kms_key" => &[("policy", KeyPolicy, Unknown, true)],
        _ => &[],
    }
}

/// Whether an attribute is written in the configuration (when the configuration is in the plan).
fn configured(r: &PlanResource, attr: &str) -> bool {
    r.config.is_none() || r.expression(attr).is_some()
}

/// Parse a policy string of the plan (once) and remember it.
pub fn parse(
    node: &Node,
    src: &SourceFile,
    parsed: &mut Parsed,
    issues: &mut Vec<LoadIssue>,
) -> Option<Node> {
    let text = node.as_str()?;
    if text.trim().is_empty() {
        return None;
    }
    if let Some(n) = parsed.get(&node.span.start) {
        return Some(n.clone());
    }
    match json::parse_embedded(&src.text, node.span) {
        Ok(n) => {
            parsed.insert(node.span.start, n.clone());
            Some(n)
        }
        Err(e) => {
            let at = e.offset.min(src.text.len());
            let len = src.text[at..].chars().next().map_or(0, char::len_utf8);
            issues.push(
                LoadIssue::parse(
                    src.id,
                    Span::new(at, at + len),
                    format!("invalid JSON in the policy string: {}", e.message),
                )
                .label(e.message),
            );
            None
        }
    }
}

fn doc(
    node: Node,
    src: &SourceFile,
    kind: DocKind,
    att: Attachment,
    name: String,
    why: String,
) -> PolicyDoc {
    let mut d = PolicyDoc::new(src.id, kind, node, why);
    d.attachment = att;
    d.name = Some(name);
    d
}

/// A policy attribute the plan knows only after apply is said (UNPROVEN info at the resource), never
/// silently skipped: its statements cannot be checked before apply.
fn not_known_after_apply(
    r: &PlanResource,
    attr: &str,
    src: &SourceFile,
    issues: &mut Vec<LoadIssue>,
) {
    let unknown = r
        .unknown
        .and_then(|u| u.get(attr))
        .is_some_and(|n| matches!(n.value, crate::source::Value::Bool(true)));
    if unknown {
        let mut issue = LoadIssue::new(
            src.id,
            r.address_span,
            IssueKind::PolicyNotKnown {
                what: format!("`{attr}` of {}, known after apply", r.display_name()),
            },
        );
        issue.resource = Some(r.display_name());
        issues.push(issue);
    }
}

/// Every known policy of the plan, as documents for the policy rules.
pub fn extract(
    plan: &Plan,
    src: &SourceFile,
    parsed: &mut Parsed,
    issues: &mut Vec<LoadIssue>,
) -> Vec<PolicyDoc> {
    let mut docs = Vec::new();
    let mut texts: HashSet<&str> = HashSet::new();
    let mut role_policy_texts: HashSet<&str> = HashSet::new();
    for r in plan.resources.iter().filter(|r| !r.data) {
        let base = r.display_name();
        for &(attr, kind, att, computed) in slots(r.type_name) {
            if computed && !configured(r, attr) {
                continue;
            }
            let Some(v) = r.value(attr) else {
                not_known_after_apply(r, attr, src, issues);
                continue;
            };
            if let Some(n) = parse(v, src, parsed, issues) {
                texts.extend(v.as_str());
                if r.type_name == "aws_iam_role_policy" {
                    role_policy_texts.extend(v.as_str());
                }
                let why = format!("Terraform {} `{attr}`", r.type_name);
                let mut d = doc(n, src, kind, att, base.clone(), why);
                // ECR repository and EFS file system policies may name no Resource: the
                // repository / file system is implied (as in `load::cfn::policies`).
                d.resource_implied = matches!(
                    r.type_name,
                    "aws_ecr_repository_policy" | "aws_efs_file_system_policy"
                );
                docs.push(d);
            }
        }
        if r.type_name == "aws_organizations_policy" {
            let kind = match r.str("type") {
                Some("SERVICE_CONTROL_POLICY") | None => Some(DocKind::Scp),
                Some("RESOURCE_CONTROL_POLICY") => Some(DocKind::Rcp),
                _ => None,
            };
            if let (Some(kind), Some(v)) = (kind, r.value("content")) {
                if let Some(n) = parse(v, src, parsed, issues) {
                    let why = "Terraform aws_organizations_policy `content`".to_string();
                    docs.push(doc(n, src, kind, Attachment::Unknown, base.clone(), why));
                }
            }
        }
    }
    // Inline policies of roles. For a role already in the state, `inline_policy` (optional + computed)
    // also lists the policies `aws_iam_role_policy` resources manage: those are linted there, once.
    for r in plan
        .resources
        .iter()
        .filter(|r| !r.data && r.type_name == "aws_iam_role")
    {
        let base = r.display_name();
        for p in r
            .value("inline_policy")
            .and_then(Node::as_array)
            .unwrap_or(&[])
        {
            let Some(v) = p.get("policy") else { continue };
            if v.as_str().is_some_and(|t| role_policy_texts.contains(t)) {
                continue;
            }
            if let Some(n) = parse(v, src, parsed, issues) {
                texts.extend(v.as_str());
                let name = match p
                    .get("name")
                    .and_then(Node::as_str)
                    .filter(|s| !s.is_empty())
                {
                    Some(pn) => format!("{base} policy {pn}"),
                    None => base.clone(),
                };
                let why = "Terraform aws_iam_role `inline_policy[].policy`".to_string();
                docs.push(doc(
                    n,
                    src,
                    DocKind::Identity,
                    Attachment::InlineRole,
                    name,
                    why,
                ));
            }
        }
    }
    // Policy documents rendered by data sources, unless a resource above carries the same text (one
    // defect, one finding).
    for r in plan
        .resources
        .iter()
        .filter(|r| r.data && r.type_name == "aws_iam_policy_document")
    {
        let Some(v) = r.value("json") else { continue };
        if v.as_str().is_some_and(|t| texts.contains(t)) {
            continue;
        }
        if let Some(n) = parse(v, src, parsed, issues) {
            let (kind, why) = crate::load::classify::kind_from_content(&n);
            let why = format!("Terraform data.aws_iam_policy_document `json`; {why}");
            docs.push(doc(
                n,
                src,
                kind,
                Attachment::Unknown,
                r.display_name(),
                why,
            ));
        }
    }
    docs
}
