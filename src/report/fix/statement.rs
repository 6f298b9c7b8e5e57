//! Insert the statement a finding's help asks for ("add to the key policy:" followed by the
//! statement, as the replication requirements write it) into the policy its related location is.
//!
//! Offered where the edit is safe: the policy is a JSON object written in a JSON file (not YAML, not a
//! policy embedded in a string, not an intrinsic function), its `Statement` is an array, and the
//! related location is exactly that object. A policy that already holds the statement gets nothing,
//! so applying fixes twice changes nothing.

use super::{indent_before, is_json, newline, node_at, Edit, Fix, FixKind};
use crate::rules::Finding;
use crate::source::{json, Node, SourceFile, SourceMap, Span, Value};
use serde_json::Map;

/// The statement a finding's help asks to add, and what to add it to ("add to the key policy").
pub fn statement_to_add(help: &str) -> Option<(&str, Map<String, serde_json::Value>)> {
    let (what, body) = help.split_once(":\n")?;
    let st: Map<String, serde_json::Value> = serde_json::from_str(body).ok()?;
    st.contains_key("Effect").then_some((what, st))
}

pub fn fix(f: &Finding, sources: &SourceMap) -> Option<Fix> {
    let (what, st) = statement_to_add(f.help.as_deref()?)?;
    // The policy to change is the related location the rule points at (the first one that is a
    // policy object with a `Statement` array).
    let (r, edit) = f.related.iter().find_map(|r| {
        let file = sources.files().get(r.file.0 as usize)?;
        if !is_json(file) {
            return None;
        }
        Some((r, edit(file, r.span, &st)?))
    })?;
    let target = r.message.split(':').next().unwrap_or(&r.message);
    Some(Fix {
        title: format!("{what}: insert the statement into the {target}"),
        kind: FixKind::Repair,
        edits: vec![edit],
    })
}

/// A parsed value as JSON (to compare with the statement to add).
fn to_json(n: &Node) -> serde_json::Value {
    match &n.value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(s) => serde_json::from_str(s).unwrap_or(serde_json::Value::String(s.clone())),
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::Array(items) => serde_json::Value::Array(items.iter().map(to_json).collect()),
        Value::Object(ms) => serde_json::Value::Object(
            ms.iter()
                .map(|m| (m.key.clone(), to_json(&m.value)))
                .collect(),
        ),
    }
}

/// The edit appending `st` to the `Statement` array of the JSON policy object at `span`.
pub fn edit(file: &SourceFile, span: Span, st: &Map<String, serde_json::Value>) -> Option<Edit> {
    let root = json::parse(&file.text).ok()?;
    let policy = node_at(&root, span)?;
    let statements = policy.get("Statement")?;
    let items = statements.as_array()?;
    let value = serde_json::Value::Object(st.clone());
    if items.iter().any(|i| to_json(i) == value) {
        return None;
    }
    let text = &file.text;
    let (at, new_text) = match items.last() {
        None => (
            statements.span.start + 1,
            serde_json::to_string(&value).ok()?,
        ),
        Some(last) => match indent_before(text, last.span.start as usize) {
            // One element per line: the new one on its own lines, indented like the last one.
            Some(indent) => {
                let pretty = serde_json::to_string_pretty(&value).ok()?;
                let nl = newline(text);
                let body = pretty.replace('\n', &format!("{nl}{indent}"));
                (last.span.end, format!(",{nl}{indent}{body}"))
            }
            None => (
                last.span.end,
                format!(", {}", serde_json::to_string(&value).ok()?),
            ),
        },
    };
    Some(Edit {
        file: file.id,
        span: Span::new(at as usize, at as usize),
        text: new_text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    #[test]
    fn appends_after_the_last_statement_with_its_indentation_once() {
        let text = "{\"P\": {\n  \"Statement\": [\n    {\"Effect\": \"Deny\"}\n  ]\n}}";
        let f = SourceFile::new(FileId(0), "p.json".into(), text.into());
        let start = text.find("{\n").unwrap();
        let span = Span::new(start, text.len() - 1);
        let (_, st) = statement_to_add("add to the key policy:\n{\"Effect\": \"Allow\"}").unwrap();
        let e = edit(&f, span, &st).unwrap();
        let at = text.find("}\n  ]").unwrap() + 1;
        assert_eq!(e.span, Span::new(at, at));
        assert_eq!(e.text, ",\n    {\n      \"Effect\": \"Allow\"\n    }");
        // Applied, the policy holds the statement: no second edit.
        let fixed = format!("{}{}{}", &text[..at], e.text, &text[at..]);
        let g = SourceFile::new(FileId(0), "p.json".into(), fixed.clone().into());
        let span = Span::new(start, fixed.len() - 1);
        assert!(edit(&g, span, &st).is_none());
        // Not the policy object: no fix.
        assert!(edit(&f, Span::new(0, 3), &st).is_none());
        assert!(statement_to_add("remove the Deny: \"Condition\"").is_none());
    }
}
