//! Replace an unknown action (POL-UNKNOWN-ACTION) by the catalog's action it is a typo of — only when
//! exactly one action of that service is that close: with two candidates the fix would guess.

use super::{Edit, Fix, FixKind};
use crate::catalog::{catalog, suggest::distance_ci};
use crate::eval::wildcard::has_wildcard;
use crate::rules::Finding;
use crate::source::SourceMap;

/// The one catalog action close to the unknown `action` (`prefix:Name` with a known prefix, no
/// wildcard), written with the prefix as given.
pub fn unique_suggestion(action: &str) -> Option<String> {
    if has_wildcard(action) {
        return None;
    }
    let (prefix, name) = action.split_once(':')?;
    let svc = catalog().service(prefix)?;
    if svc.action(name).is_some() {
        return None;
    }
    // The limit of the catalog's own "did you mean" (`Catalog::suggest_action`).
    let limit = (name.len() / 4).max(2);
    let mut close = svc
        .actions
        .iter()
        .filter(|a| distance_ci(name, &a.name, limit).is_some());
    match (close.next(), close.next()) {
        (Some(one), None) => Some(format!("{prefix}:{}", one.name)),
        _ => None,
    }
}

/// How the action string is written in the source.
enum Style {
    Json,
    Plain,
    Quoted(char),
}

impl Style {
    fn write(&self, s: &str) -> String {
        match self {
            Style::Json => serde_json::to_string(s).unwrap_or_default(),
            Style::Plain => s.to_string(),
            Style::Quoted(q) => format!("{q}{s}{q}"),
        }
    }
}

/// The string literal at the finding and how it is written (a JSON string; a YAML plain, single- or
/// double-quoted scalar without escapes).
fn literal(raw: &str, json: bool) -> Option<(String, Style)> {
    if json {
        return Some((serde_json::from_str(raw).ok()?, Style::Json));
    }
    let q = raw.chars().next()?;
    if q == '"' || q == '\'' {
        let inner = raw.strip_prefix(q)?.strip_suffix(q)?;
        if inner.contains(['\\', '"', '\'']) {
            return None;
        }
        return Some((inner.to_string(), Style::Quoted(q)));
    }
    // A plain scalar is the action itself (no comment, no line break).
    (!raw.contains(|c: char| c.is_whitespace() || c == '#'))
        .then(|| (raw.to_string(), Style::Plain))
}

/// The rule whose findings this fixes (`rules::policy::unknown_action`, private to its family).
const RULE: &str = "POL-UNKNOWN-ACTION";

pub fn fix(f: &Finding, sources: &SourceMap) -> Option<Fix> {
    if f.rule != RULE {
        return None;
    }
    let file = sources.files().get(f.file.0 as usize)?;
    let raw = file.text.get(f.span.start as usize..f.span.end as usize)?;
    let (action, style) = literal(raw, super::is_json(file))?;
    let new = unique_suggestion(&action)?;
    // The replacement is an action name: letters, digits and one colon, nothing to escape.
    if !new
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == ':' || c == '-')
    {
        return None;
    }
    Some(Fix {
        title: format!("Replace `{action}` by `{new}`"),
        kind: FixKind::Repair,
        edits: vec![Edit {
            file: f.file,
            span: f.span,
            text: style.write(&new),
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_one_close_action_is_a_fix() {
        assert_eq!(
            unique_suggestion("s3:ReplicateObjects").as_deref(),
            Some("s3:ReplicateObject")
        );
        assert_eq!(
            unique_suggestion("iam:GetUsr").as_deref(),
            Some("iam:GetUser")
        );
        // Known, wildcard, unknown service: nothing to replace.
        assert_eq!(unique_suggestion("s3:GetObject"), None);
        assert_eq!(unique_suggestion("s3:Frobnicate*"), None);
        assert_eq!(unique_suggestion("sss:GetObject"), None);
        // Several actions within reach (`GetObjectAcl`, `PutObjectAcl`, `GetObject`): a guess.
        let many = "s3:GetObjectAc";
        let svc = catalog().service("s3").unwrap();
        let close = svc
            .actions
            .iter()
            .filter(|a| distance_ci("GetObjectAc", &a.name, 2).is_some())
            .count();
        assert!(close > 1, "{close}");
        assert_eq!(unique_suggestion(many), None);
    }
}
