//! Reading typed fields out of resolved CloudFormation property nodes, keeping their spans.
//!
//! CloudFormation accepts `"true"` for booleans and `"80"` for numbers, so both spellings are read.

use crate::source::{Node, Span, Spanned, Value};

/// A string property (`None` when absent or not a string).
pub fn string(node: Option<&Node>, key: &str) -> Option<Spanned<String>> {
    string_of(node?.get(key)?)
}

/// A string value (`None` when not a string).
pub fn string_of(v: &Node) -> Option<Spanned<String>> {
    v.as_str().map(|s| Spanned::new(s.to_string(), v.span))
}

/// A scalar (string, number or boolean) as text.
pub fn scalar(node: Option<&Node>, key: &str) -> Option<Spanned<String>> {
    let v = node?.get(key)?;
    scalar_of(v).map(|s| Spanned::new(s, v.span))
}

pub fn scalar_of(v: &Node) -> Option<String> {
    match &v.value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.clone()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

pub fn boolean(node: Option<&Node>, key: &str) -> Option<Spanned<bool>> {
    boolean_of(node?.get(key)?)
}

/// A boolean value, `true`/`false` or their strings (`None` otherwise: not known statically).
pub fn boolean_of(v: &Node) -> Option<Spanned<bool>> {
    let b = match &v.value {
        Value::Bool(b) => *b,
        Value::String(s) if s.eq_ignore_ascii_case("true") => true,
        Value::String(s) if s.eq_ignore_ascii_case("false") => false,
        _ => return None,
    };
    Some(Spanned::new(b, v.span))
}

/// A value not known statically (a string holding a symbol): its text.
pub fn unknown_of(v: &Node) -> Option<Spanned<String>> {
    v.as_str()
        .filter(|s| crate::model::symbolic::has_symbol(s))
        .map(|s| Spanned::new(s.to_string(), v.span))
}

/// Member `key`, when it is a value not known statically: its text.
pub fn unknown(node: Option<&Node>, key: &str) -> Option<Spanned<String>> {
    unknown_of(node?.get(key)?)
}

pub fn integer(node: Option<&Node>, key: &str) -> Option<Spanned<i64>> {
    integer_of(node?.get(key)?)
}

/// An integer value, a number or its string (`None` otherwise).
pub fn integer_of(v: &Node) -> Option<Spanned<i64>> {
    let n = match &v.value {
        Value::Number(n) | Value::String(n) => n.trim().parse::<i64>().ok()?,
        _ => return None,
    };
    Some(Spanned::new(n, v.span))
}

/// A list of strings (a single string counts as a list of one); non-strings are skipped.
pub fn strings(node: Option<&Node>, key: &str) -> Vec<Spanned<String>> {
    let Some(v) = node.and_then(|n| n.get(key)) else {
        return Vec::new();
    };
    match &v.value {
        Value::String(s) => vec![Spanned::new(s.clone(), v.span)],
        Value::Array(items) => items
            .iter()
            .filter_map(|i| i.as_str().map(|s| Spanned::new(s.to_string(), i.span)))
            .collect(),
        _ => Vec::new(),
    }
}

/// The items of an array property (empty when absent or not an array).
pub fn array<'a>(node: Option<&'a Node>, key: &str) -> &'a [Node] {
    node.and_then(|n| n.get(key))
        .and_then(Node::as_array)
        .unwrap_or(&[])
}

pub fn object<'a>(node: Option<&'a Node>, key: &str) -> Option<&'a Node> {
    node?.get(key).filter(|n| n.as_object().is_some())
}

/// `{ "Status": "Enabled" }`-shaped blocks: the status string. A block (or its parent) whose value is
/// not known statically has a status that is not known either: its text, never "absent".
pub fn status(node: Option<&Node>, key: &str) -> Option<Spanned<String>> {
    let node = node?;
    let unknown = |n: &Node| {
        n.as_str()
            .filter(|s| crate::model::symbolic::has_symbol(s))
            .map(|s| Spanned::new(s.to_string(), n.span))
    };
    if let Some(u) = unknown(node) {
        return Some(u);
    }
    let block = node.get(key)?;
    unknown(block).or_else(|| string(Some(block), "Status"))
}

pub fn span_of(node: Option<&Node>, key: &str) -> Option<Span> {
    node?.get(key).map(|n| n.span)
}
