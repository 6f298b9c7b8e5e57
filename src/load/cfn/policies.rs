//! Policy documents inside a template's resolved resources, as [`PolicyDoc`]s for the policy rules.

use super::template::Resource;
use crate::model::document::Attachment;
use crate::model::{DocKind, PolicyDoc};
use crate::rules::{registry::PARSE, Finding, Severity};
use crate::source::{json, Node, SourceFile, Span};

/// Where a resource type keeps its policies: (property, kind, attachment).
fn slots(type_name: &str, props: &Node) -> Vec<(&'static str, DocKind, Attachment)> {
    let identity_attachment = || {
        if props.get("Roles").is_some() {
            Attachment::InlineRole
        } else if props.get("Users").is_some() {
            Attachment::InlineUser
        } else if props.get("Groups").is_some() {
            Attachment::InlineGroup
        } else {
            Attachment::Unknown
        }
    };
    match type_name {
        "AWS::IAM::Role" => vec![(
            "AssumeRolePolicyDocument",
            DocKind::Trust,
            Attachment::Unknown,
        )],
        "AWS::IAM::Policy" => vec![("PolicyDocument", DocKind::Identity, identity_attachment())],
        "AWS::IAM::ManagedPolicy" => {
            vec![("PolicyDocument", DocKind::Identity, Attachment::Managed)]
        }
        "AWS::S3::BucketPolicy"
        | "AWS::SQS::QueuePolicy"
        | "AWS::SNS::TopicPolicy"
        | "AWS::Logs::ResourcePolicy" => {
            vec![("PolicyDocument", DocKind::Resource, Attachment::Unknown)]
        }
        "AWS::S3::AccessPoint" => vec![("Policy", DocKind::Resource, Attachment::Unknown)],
        "AWS::SecretsManager::ResourcePolicy" => {
            vec![("ResourcePolicy", DocKind::Resource, Attachment::Unknown)]
        }
        "AWS::ECR::Repository" => vec![(
            "RepositoryPolicyText",
            DocKind::Resource,
            Attachment::Unknown,
        )],
        "AWS::KMS::Key" => vec![("KeyPolicy", DocKind::KeyPolicy, Attachment::Unknown)],
        _ => Vec::new(),
    }
}

/// Inline `Policies: [{PolicyName, PolicyDocument}]` of roles, users and groups.
fn inline_attachment(type_name: &str) -> Option<Attachment> {
    match type_name {
        "AWS::IAM::Role" => Some(Attachment::InlineRole),
        "AWS::IAM::User" => Some(Attachment::InlineUser),
        "AWS::IAM::Group" => Some(Attachment::InlineGroup),
        _ => None,
    }
}

/// Every policy document of the template's resources.
pub fn extract(
    resources: &[Resource],
    src: &SourceFile,
    findings: &mut Vec<Finding>,
) -> Vec<PolicyDoc> {
    let mut docs = Vec::new();
    for r in resources {
        let Some(props) = &r.properties else { continue };
        let base = format!("{} ({})", r.logical_id, r.type_name);
        for (prop, kind, attachment) in slots(&r.type_name, props) {
            if let Some(node) = props.get(prop) {
                let why = format!("CloudFormation {} `{prop}`", r.type_name);
                if let Some(mut d) = doc(node, src, kind, why, findings) {
                    d.attachment = attachment;
                    d.name = Some(base.clone());
                    docs.push(d);
                }
            }
        }
        if let Some(att) = inline_attachment(&r.type_name) {
            for p in props
                .get("Policies")
                .and_then(Node::as_array)
                .unwrap_or(&[])
            {
                let Some(node) = p.get("PolicyDocument") else {
                    continue;
                };
                let why = format!(
                    "CloudFormation {} inline `Policies[].PolicyDocument`",
                    r.type_name
                );
                if let Some(mut d) = doc(node, src, DocKind::Identity, why, findings) {
                    d.attachment = att;
                    d.name = Some(match p.get("PolicyName").and_then(Node::as_str) {
                        Some(n) => format!("{base} policy {n}"),
                        None => base.clone(),
                    });
                    docs.push(d);
                }
            }
        }
    }
    docs
}

/// A policy object, or a policy written as a JSON string (`!Sub |` blocks, CDK `Fn::Join` of JSON).
fn doc(
    node: &Node,
    src: &SourceFile,
    kind: DocKind,
    why: String,
    findings: &mut Vec<Finding>,
) -> Option<PolicyDoc> {
    let Some(text) = node.as_str() else {
        return Some(PolicyDoc::new(src.id, kind, node.clone(), why));
    };
    let raw = src.slice(node.span);
    let parsed = if raw.starts_with('"') && raw.len() >= 2 {
        // A JSON string literal in a JSON template: exact spans inside it.
        json::parse_string_node(&src.text, node)
    } else {
        json::parse(text).map(|mut n| {
            // Written as YAML text or built by an intrinsic: point everything at the value.
            fix_ends(&mut n, node.span);
            n
        })
    };
    match parsed {
        Ok(n) => Some(PolicyDoc::new(src.id, kind, n, why)),
        Err(e) => {
            let at = if raw.starts_with('"') {
                e.offset
            } else {
                node.span.start as usize
            };
            // One character, not one byte: a span ending inside a multi-byte character cannot be rendered.
            let len = src
                .text
                .get(at..)
                .and_then(|t| t.chars().next())
                .map_or(0, char::len_utf8);
            findings.push(
                Finding::new(
                    PARSE.id,
                    Severity::Error,
                    src.id,
                    Span::new(at, (at + len).min(node.span.end as usize).max(at)),
                    format!("invalid JSON in the policy string: {}", e.message),
                )
                .label(e.message),
            );
            None
        }
    }
}

/// Give every node (and key) the span of the string the policy was written in.
fn fix_ends(n: &mut Node, s: Span) {
    n.span = s;
    match &mut n.value {
        crate::source::Value::Array(items) => items.iter_mut().for_each(|i| fix_ends(i, s)),
        crate::source::Value::Object(members) => {
            for m in members {
                m.key_span = s;
                fix_ends(&mut m.value, s);
            }
        }
        _ => {}
    }
}
