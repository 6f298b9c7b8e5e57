//! Completion of action names after `service:` (`"s3:Get` → every s3 action, the access level as
//! detail), and of a service's condition keys in a `Condition` block. The token is read from the text
//! (a buffer being typed rarely parses); the parsed tree, when there is one, says whether it is a
//! condition key.

use super::hover::{self, Target};
use crate::catalog::catalog;
use crate::source::Node;
use lsp_types::{CompletionItem, CompletionItemKind, CompletionTextEdit, Range, TextEdit};

/// The `service:partial` token ending at `offset`: its start offset, service prefix and the rest.
pub fn token(text: &str, offset: usize) -> Option<(usize, &str, &str)> {
    let before = text.get(..offset)?;
    let start = before
        .rfind(|c: char| c.is_whitespace() || "\"'[],{}".contains(c))
        .map_or(0, |i| i + 1);
    let tok = &before[start..];
    let (prefix, rest) = tok.split_once(':')?;
    if prefix.is_empty() || rest.contains(':') {
        return None;
    }
    Some((start, prefix, rest))
}

/// The completion items at `offset`; `replace` is the LSP range of the token they replace.
pub fn complete(text: &str, docs: &[Node], offset: usize, replace: Range) -> Vec<CompletionItem> {
    let Some((_, prefix, _)) = token(text, offset) else {
        return Vec::new();
    };
    let Some(service) = catalog().service(prefix) else {
        return Vec::new();
    };
    let item = |label: String, detail: String, kind| CompletionItem {
        label: label.clone(),
        kind: Some(kind),
        detail: Some(detail),
        filter_text: Some(label.clone()),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(replace, label))),
        ..Default::default()
    };
    let in_condition = matches!(
        hover::target(docs, offset as u32),
        Some(Target::ConditionKey(..))
    );
    if in_condition {
        return service
            .condition_keys
            .iter()
            .filter(|k| {
                k.name
                    .to_ascii_lowercase()
                    .starts_with(&format!("{}:", service.prefix))
            })
            .map(|k| {
                item(
                    k.name.clone(),
                    k.value_type.clone(),
                    CompletionItemKind::PROPERTY,
                )
            })
            .collect();
    }
    service
        .actions
        .iter()
        .map(|a| {
            item(
                format!("{}:{}", service.prefix, a.name),
                a.access.to_string(),
                CompletionItemKind::FUNCTION,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_after_a_known_service_prefix() {
        let text = "{\"Action\": [\"s3:Get";
        assert_eq!(token(text, text.len()), Some((13, "s3", "Get")));
        let r = Range::default();
        let items = complete(text, &[], text.len(), r);
        let get = items.iter().find(|i| i.label == "s3:GetObject").unwrap();
        assert_eq!(get.detail.as_deref(), Some("Read"));
        assert!(complete("{\"Action\": \"nosuchservice:", &[], 26, r).is_empty());
        assert!(token("{\"Action\": \"s3", 14).is_none());
    }
}
