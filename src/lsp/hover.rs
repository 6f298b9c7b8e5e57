//! Hover on an action (`"Action": "s3:GetObject"`) or a condition key inside a policy document: the
//! catalog entry, located through the parsed document tree (so only real `Action`/`NotAction` values
//! and `Condition` keys answer).

use crate::catalog::{catalog, ActionRef};
use crate::source::{json, yaml, Node, Span, Value};
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};
use std::path::Path;

/// What the cursor is on.
#[derive(Debug, PartialEq)]
pub enum Target<'a> {
    /// An `Action`/`NotAction` string, and its span.
    Action(&'a str, Span),
    /// A key of a condition operator block.
    ConditionKey(&'a str, Span),
}

/// The documents of a buffer (YAML may hold several); empty when it does not parse.
pub fn parse(path: &Path, text: &str) -> Vec<Node> {
    if crate::load::is_yaml(path, text) {
        yaml::parse(text).unwrap_or_default()
    } else {
        json::parse(text).map(|n| vec![n]).unwrap_or_default()
    }
}

fn contains(span: Span, offset: u32) -> bool {
    span.start <= offset && offset <= span.end
}

/// The action string or condition key at `offset` in `node` (`key`: the member this node is the value
/// of; `cond`: whether this node is a condition operator's block).
pub fn target_at<'a>(
    node: &'a Node,
    offset: u32,
    key: Option<&str>,
    cond: bool,
) -> Option<Target<'a>> {
    if !contains(node.span, offset) {
        return None;
    }
    let is_action = matches!(key, Some("Action" | "NotAction"));
    match &node.value {
        Value::String(s) if is_action => Some(Target::Action(s, node.span)),
        Value::Array(items) => items
            .iter()
            .find_map(|n| target_at(n, offset, if is_action { key } else { None }, false)),
        Value::Object(ms) => ms.iter().find_map(|m| {
            if cond && contains(m.key_span, offset) {
                return Some(Target::ConditionKey(&m.key, m.key_span));
            }
            // Inside `Condition`, each member is an operator whose members are keys.
            let inner_cond = key == Some("Condition");
            target_at(&m.value, offset, Some(&m.key), inner_cond)
        }),
        _ => None,
    }
}

pub fn target<'a>(docs: &'a [Node], offset: u32) -> Option<Target<'a>> {
    docs.iter().find_map(|d| target_at(d, offset, None, false))
}

/// Markdown for an action: service, access level, resource types, condition keys, data date.
pub fn action_markdown(a: &ActionRef<'_>) -> String {
    let cat = catalog();
    let mut s = format!(
        "**{}** — {} (`{}`)\n\nAccess level: **{}**\n\n",
        a.full_name(),
        a.service.name,
        a.prefix(),
        a.access()
    );
    let types: Vec<String> = a
        .resource_types()
        .map(|(t, required)| {
            let req = if required { " (required)" } else { "" };
            format!("- `{}`{req}: `{}`", t.name, t.arn)
        })
        .collect();
    if types.is_empty() {
        s.push_str("Resource types: none (`\"Resource\": \"*\"`)\n\n");
    } else {
        s.push_str(&format!("Resource types:\n{}\n\n", types.join("\n")));
    }
    let keys: Vec<String> = a
        .condition_keys()
        .map(|k| format!("`{}`", k.name))
        .collect();
    if !keys.is_empty() {
        s.push_str(&format!("Condition keys: {}\n\n", keys.join(", ")));
    }
    s.push_str(&format!("IAM catalog data of {}", cat.data_date()));
    s
}

fn pattern_markdown(pattern: &str) -> Option<String> {
    let cat = catalog();
    if let Some(a) = cat.action(pattern) {
        return Some(action_markdown(&a));
    }
    if !pattern.contains(['*', '?']) {
        let hint = cat
            .suggest_action(pattern)
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        return Some(format!(
            "`{pattern}` is not an action of the IAM catalog{hint}\n\nIAM catalog data of {}",
            cat.data_date()
        ));
    }
    let all = cat.expand(pattern);
    const SHOWN: usize = 20;
    let list: Vec<String> = all
        .iter()
        .take(SHOWN)
        .map(|a| format!("- `{}` ({})", a.full_name(), a.access()))
        .collect();
    let more = if all.len() > SHOWN {
        format!("\n- … {} more", all.len() - SHOWN)
    } else {
        String::new()
    };
    Some(format!(
        "`{pattern}` matches {} action(s):\n{}{more}\n\nIAM catalog data of {}",
        all.len(),
        list.join("\n"),
        cat.data_date()
    ))
}

fn key_markdown(key: &str) -> Option<String> {
    let cat = catalog();
    let k = cat.condition_key(key)?;
    let scope = if cat.is_global_condition_key(key) {
        "global condition key"
    } else {
        "service condition key"
    };
    Some(format!(
        "**{}** — {scope}\n\nType: `{}`\n\nIAM catalog data of {}",
        k.name,
        k.value_type,
        cat.data_date()
    ))
}

/// The hover at `offset` of a buffer, with the range of the action or key, in bytes.
pub fn hover(docs: &[Node], offset: u32) -> Option<(String, Span)> {
    match target(docs, offset)? {
        Target::Action(a, sp) => Some((pattern_markdown(a)?, sp)),
        Target::ConditionKey(k, sp) => Some((key_markdown(k)?, sp)),
    }
}

pub fn to_lsp(markdown: String, range: Option<lsp_types::Range>) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hover_on_actions_and_keys_only() {
        let text = r#"{"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "s3:GetObject",
            "Condition": {"StringEquals": {"aws:PrincipalAccount": "1"}}}]}"#;
        let docs = parse(Path::new("p.json"), text);
        let at = text.find("s3:GetObject").unwrap() as u32 + 3;
        let (md, _) = hover(&docs, at).unwrap();
        assert!(md.contains("Access level: **Read**"), "{md}");
        assert!(
            md.contains("- `object`: `arn:${Partition}:s3:::${BucketName}/${ObjectName}`"),
            "{md}"
        );
        assert!(md.contains("IAM catalog data of "), "{md}");
        // The same text as a Resource is no action.
        let res = text.rfind("s3:GetObject").unwrap() as u32 + 3;
        assert!(hover(&docs, res).is_none());
        let key = text.find("aws:PrincipalAccount").unwrap() as u32 + 2;
        let (md, _) = hover(&docs, key).unwrap();
        assert!(md.contains("global condition key"), "{md}");
        let (md, _) = hover(&docs, text.find("\"s3:Get").unwrap() as u32 + 1).unwrap();
        assert!(md.starts_with("**s3:GetObject**"));
    }
}
