//! "Ignore this rule here": the edit adding the finding's rule to `Metadata.trustlint.ignore` of the
//! CloudFormation resource holding it (the suppression `trustlint check` honours for every finding
//! located in that resource). JSON templates only: the edit is placed by the parsed tree, and a YAML
//! edit would have to respect flow and block styles.

use super::{indent_before, is_json, newline, Edit, Fix, FixKind};
use crate::rules::Finding;
use crate::source::{json, Member, Node, SourceFile, SourceMap, Span};

pub fn fix(f: &Finding, sources: &SourceMap) -> Option<Fix> {
    let file = sources.files().get(f.file.0 as usize)?;
    if !is_json(file) {
        return None;
    }
    Some(Fix {
        title: format!(
            "Ignore {} in this resource (Metadata.trustlint.ignore)",
            f.rule
        ),
        kind: FixKind::Suppress,
        edits: vec![ignore_edit(file, f.span, f.rule.as_str())?],
    })
}

fn inside(outer: Span, inner: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Insert `"key": value` as the first member of `obj`: before its first member (on its own line
/// when members are one per line), or inside an empty object.
fn first_member(text: &str, obj: &Node, members: &[Member], key_value: String) -> (u32, String) {
    match members.first() {
        None => (obj.span.start + 1, key_value),
        Some(m) => {
            let at = m.key_span.start as usize;
            let sep = match indent_before(text, at) {
                Some(indent) => format!(",{}{indent}", newline(text)),
                None => ", ".to_string(),
            };
            (m.key_span.start, format!("{key_value}{sep}"))
        }
    }
}

/// The edit ignoring `rule` in the resource of a JSON template holding `span`.
pub fn ignore_edit(file: &SourceFile, span: Span, rule: &str) -> Option<Edit> {
    let text = &file.text;
    let root = json::parse(text).ok()?;
    let resource = root
        .get("Resources")?
        .as_object()?
        .iter()
        .find(|m| inside(m.value.span, span))
        .map(|m| &m.value)?;
    let rule_json = serde_json::to_string(rule).ok()?;
    let (at, new_text) = match resource.get("Metadata") {
        None => first_member(
            text,
            resource,
            resource.as_object()?,
            format!("\"Metadata\": {{\"trustlint\": {{\"ignore\": [{rule_json}]}}}}"),
        ),
        Some(meta) => match meta.get("trustlint") {
            None => first_member(
                text,
                meta,
                meta.as_object()?,
                format!("\"trustlint\": {{\"ignore\": [{rule_json}]}}"),
            ),
            Some(tl) => match tl.get("ignore") {
                None => first_member(
                    text,
                    tl,
                    tl.as_object()?,
                    format!("\"ignore\": [{rule_json}]"),
                ),
                Some(list) => match list.as_array()?.last() {
                    None => (list.span.start + 1, rule_json),
                    Some(last) => (last.span.end, format!(", {rule_json}")),
                },
            },
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

    fn apply(text: &str, rule: &str, needle: &str) -> Option<String> {
        let f = SourceFile::new(FileId(0), "t.json".into(), text.into());
        let at = text.find(needle).unwrap();
        let e = ignore_edit(&f, Span::new(at, at + needle.len()), rule)?;
        let off = e.span.start as usize;
        Some(format!("{}{}{}", &text[..off], e.text, &text[off..]))
    }

    #[test]
    fn every_level_of_metadata() {
        let none = "{\"Resources\": {\"K\": {\n  \"Type\": \"AWS::KMS::Key\"\n}}}";
        assert_eq!(
            apply(none, "R-1", "AWS::KMS").unwrap(),
            "{\"Resources\": {\"K\": {\n  \"Metadata\": {\"trustlint\": {\"ignore\": [\"R-1\"]}},\n  \"Type\": \"AWS::KMS::Key\"\n}}}"
        );
        let meta = "{\"Resources\": {\"K\": {\"Metadata\": {\"x\": 1}, \"Type\": \"T\"}}}";
        assert_eq!(
            apply(meta, "R-1", "\"T\"").unwrap(),
            "{\"Resources\": {\"K\": {\"Metadata\": {\"trustlint\": {\"ignore\": [\"R-1\"]}, \"x\": 1}, \"Type\": \"T\"}}}"
        );
        let list = "{\"Resources\": {\"K\": {\"Metadata\": {\"trustlint\": {\"ignore\": [\"A\"]}}, \"Type\": \"T\"}}}";
        assert!(apply(list, "R-1", "\"T\"")
            .unwrap()
            .contains("[\"A\", \"R-1\"]"));
        // Outside any resource (or not a template): nothing.
        assert!(apply(list, "R-1", "\"Resources\"").is_none());
        assert!(apply("{\"Statement\": []}", "R-1", "[]").is_none());
    }
}
