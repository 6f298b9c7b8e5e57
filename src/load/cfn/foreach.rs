//! The `AWS::LanguageExtensions` transform, applied to the template tree before intrinsics are resolved
//! (AWS CloudFormation Template Reference, *AWS::LanguageExtensions transform*, *Fn::ForEach*,
//! *Fn::Length*, *Fn::ToJsonString*):
//! - `Fn::ForEach::<Loop>: [Identifier, Collection, {OutputKey: OutputValue}]` in `Resources`, `Outputs`,
//!   `Conditions` and in any property object: one copy of the fragment per collection item, with
//!   `${Identifier}` → the item and `&{Identifier}` → the item without its non-alphanumeric characters in
//!   keys and strings, and `{"Ref": Identifier}` → the item. Loops nest. The collection is a literal list,
//!   a `Ref` to a list parameter (value from `[[stack]] parameters`, else its `Default`), or an
//!   `Fn::FindInMap` with literal keys; anything else is a CFN-TRANSFORM-UNEXPANDED info at the loop.
//! - `Fn::Length` of a list known here → its length; `Fn::ToJsonString` of a value without intrinsic
//!   functions → its JSON text. Others are left to the resolver (which makes them symbols).
//!   (`Fn::FindInMap` with `DefaultValue` is handled by the resolver.)
//!
//! Copies keep the spans of the loop body, so issues and findings point at what the user wrote.

use crate::load::issue::{IssueKind, LoadIssue};
use crate::source::{FileId, Member, Node, Span, Value};
use std::collections::BTreeMap;

/// Nodes the expansion may create in total: nested loops multiply, and a template is bounded.
const BUDGET: usize = 2_000_000;

struct Expander<'a> {
    file: FileId,
    /// `[[stack]] parameters` from the configuration.
    given: &'a BTreeMap<String, String>,
    parameters: Option<Node>,
    mappings: Option<Node>,
    issues: &'a mut Vec<LoadIssue>,
    budget: usize,
}

/// Expand the language extensions in `Resources`, `Outputs` and `Conditions`, in place.
pub fn expand(
    root: &mut Node,
    file: FileId,
    given: &BTreeMap<String, String>,
    issues: &mut Vec<LoadIssue>,
) {
    let mut x = Expander {
        file,
        given,
        parameters: root.get("Parameters").cloned(),
        mappings: root.get("Mappings").cloned(),
        issues,
        budget: BUDGET,
    };
    let Value::Object(members) = &mut root.value else {
        return;
    };
    let mut expanded = false;
    for m in members.iter_mut() {
        if matches!(m.key.as_str(), "Resources" | "Outputs" | "Conditions") && mentions(&m.value) {
            let span = m.value.span;
            let n = std::mem::replace(
                &mut m.value,
                Node {
                    span,
                    value: Value::Null,
                },
            );
            m.value = x.walk(n, &[]);
            expanded = true;
        }
    }
    if expanded {
        if let Some(Value::Object(resources)) = members
            .iter_mut()
            .rev()
            .find(|m| m.key == "Resources")
            .map(|m| &mut m.value.value)
        {
            resources
                .iter_mut()
                .for_each(|r| unwrap_policy_json(&mut r.value));
        }
    }
}

/// A policy property written `Fn::ToJsonString: {…}` with intrinsics inside (so not turned into text
/// above) becomes the object itself: these properties take a policy as an object or as JSON text alike
/// (their schema type is `[object, string]`), and as an object its statements can be checked.
fn unwrap_policy_json(resource: &mut Node) {
    let Some(type_name) = resource
        .get("Type")
        .and_then(Node::as_str)
        .map(str::to_string)
    else {
        return;
    };
    let Value::Object(ms) = &mut resource.value else {
        return;
    };
    let Some(props) = ms.iter_mut().rev().find(|m| m.key == "Properties") else {
        return;
    };
    for (_, path, _) in super::policies::slots_of(&type_name) {
        unwrap_at(&mut props.value, path);
    }
}

fn unwrap_at(n: &mut Node, path: &[&str]) {
    let Some((first, rest)) = path.split_first() else {
        if let Value::Object(ms) = &mut n.value {
            if matches!(ms.as_slice(), [m] if m.key == "Fn::ToJsonString" && m.value.as_object().is_some())
            {
                let inner = ms.remove(0).value;
                n.value = inner.value;
            }
        }
        return;
    };
    match &mut n.value {
        Value::Array(items) if *first == "*" => items.iter_mut().for_each(|i| unwrap_at(i, rest)),
        Value::Object(ms) => {
            if let Some(m) = ms.iter_mut().rev().find(|m| m.key == *first) {
                unwrap_at(&mut m.value, rest);
            }
        }
        _ => {}
    }
}

/// Whether a subtree uses a language extension at all (most templates do not: no copy is made then).
fn mentions(n: &Node) -> bool {
    match &n.value {
        Value::Object(ms) => ms.iter().any(|m| {
            m.key.starts_with("Fn::ForEach::")
                || matches!(m.key.as_str(), "Fn::Length" | "Fn::ToJsonString")
                || mentions(&m.value)
        }),
        Value::Array(a) => a.iter().any(mentions),
        _ => false,
    }
}

/// `${Id}` → value, `&{Id}` → value without non-alphanumeric characters.
fn substitute(s: &str, vars: &[(String, String)]) -> String {
    let mut out = s.to_string();
    for (id, v) in vars {
        if out.contains(id.as_str()) {
            out = out.replace(&format!("${{{id}}}"), v);
            let alnum: String = v.chars().filter(char::is_ascii_alphanumeric).collect();
            out = out.replace(&format!("&{{{id}}}"), &alnum);
        }
    }
    out
}

fn has_intrinsic(n: &Node) -> bool {
    match &n.value {
        Value::Object(ms) => ms.iter().any(|m| {
            m.key.starts_with("Fn::")
                || m.key == "Ref"
                || m.key == "Condition"
                || has_intrinsic(&m.value)
        }),
        Value::Array(a) => a.iter().any(has_intrinsic),
        _ => false,
    }
}

fn scalar_text(n: &Node) -> Option<String> {
    match &n.value {
        Value::String(s) | Value::Number(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// JSON text of an intrinsic-free value (`Fn::ToJsonString`), compact as CloudFormation writes it.
fn json_text(n: &Node, out: &mut String) {
    match &n.value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(s) => out.push_str(s),
        Value::String(s) => out.push_str(&serde_json::Value::String(s.clone()).to_string()),
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_text(x, out);
            }
            out.push(']');
        }
        Value::Object(ms) => {
            out.push('{');
            for (i, m) in ms.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::Value::String(m.key.clone()).to_string());
                out.push(':');
                json_text(&m.value, out);
            }
            out.push('}');
        }
    }
}

fn count(n: &Node) -> usize {
    1 + match &n.value {
        Value::Array(a) => a.iter().map(count).sum(),
        Value::Object(m) => m.iter().map(|m| count(&m.value)).sum(),
        _ => 0,
    }
}

impl Expander<'_> {
    fn malformed(&mut self, span: Span, what: &str) {
        self.issues.push(LoadIssue::new(
            self.file,
            span,
            IssueKind::MalformedIntrinsic {
                name: what.to_string(),
                expected: "[Identifier, Collection, {OutputKey: OutputValue}]".to_string(),
            },
        ));
    }

    fn not_expanded(&mut self, span: Span, what: &str, why: impl Into<String>) {
        self.issues.push(LoadIssue::new(
            self.file,
            span,
            IssueKind::LoopNotExpanded {
                what: what.to_string(),
                why: why.into(),
            },
        ));
    }

    fn walk(&mut self, n: Node, vars: &[(String, String)]) -> Node {
        let span = n.span;
        match n.value {
            Value::String(s) if !vars.is_empty() => Node {
                span,
                value: Value::String(substitute(&s, vars)),
            },
            Value::Array(items) => Node {
                span,
                value: Value::Array(items.into_iter().map(|i| self.walk(i, vars)).collect()),
            },
            Value::Object(members) => self.object(members, span, vars),
            value => Node { span, value },
        }
    }

    fn object(&mut self, members: Vec<Member>, span: Span, vars: &[(String, String)]) -> Node {
        if let [m] = members.as_slice() {
            match m.key.as_str() {
                "Ref" => {
                    if let Some((_, v)) = m
                        .value
                        .as_str()
                        .and_then(|r| vars.iter().find(|(id, _)| id == r))
                    {
                        return Node {
                            span,
                            value: Value::String(v.clone()),
                        };
                    }
                }
                "Fn::Length" => {
                    let arg = self.walk(m.value.clone(), vars);
                    if let Some(items) = self.list(&arg) {
                        return Node {
                            span,
                            value: Value::Number(items.len().to_string()),
                        };
                    }
                    return Node {
                        span,
                        value: Value::Object(vec![Member {
                            value: arg,
                            ..m.clone()
                        }]),
                    };
                }
                "Fn::ToJsonString" => {
                    let arg = self.walk(m.value.clone(), vars);
                    if !has_intrinsic(&arg) {
                        let mut text = String::new();
                        json_text(&arg, &mut text);
                        return Node {
                            span,
                            value: Value::String(text),
                        };
                    }
                    return Node {
                        span,
                        value: Value::Object(vec![Member {
                            value: arg,
                            ..m.clone()
                        }]),
                    };
                }
                _ => {}
            }
        }
        let mut out = Vec::with_capacity(members.len());
        for m in members {
            if let Some(loop_name) = m.key.strip_prefix("Fn::ForEach::") {
                let loop_name = loop_name.to_string();
                self.for_each(&loop_name, m, vars, &mut out);
                continue;
            }
            out.push(Member {
                key: if vars.is_empty() {
                    m.key
                } else {
                    substitute(&m.key, vars)
                },
                key_span: m.key_span,
                value: self.walk(m.value, vars),
            });
        }
        Node {
            span,
            value: Value::Object(out),
        }
    }

    fn for_each(
        &mut self,
        loop_name: &str,
        m: Member,
        vars: &[(String, String)],
        out: &mut Vec<Member>,
    ) {
        let what = format!("Fn::ForEach::{loop_name}");
        let args = m.value.as_array().unwrap_or(&[]);
        let (Some(id), Some(collection), Some(fragment)) = (
            args.first().and_then(Node::as_str),
            args.get(1),
            args.get(2).filter(|f| f.as_object().is_some()),
        ) else {
            self.malformed(m.value.span, &what);
            return;
        };
        if args.len() != 3 {
            self.malformed(m.value.span, &what);
            return;
        }
        let collection = self.walk(collection.clone(), vars);
        let items = match self.list(&collection) {
            Some(items) => items,
            None => {
                let why = self.why_unknown(&collection);
                self.not_expanded(m.key_span, &what, why);
                return;
            }
        };
        let size = count(fragment);
        for item in items {
            if size > self.budget {
                self.not_expanded(
                    m.key_span,
                    &what,
                    format!("the expansion would exceed {BUDGET} nodes"),
                );
                return;
            }
            self.budget -= size;
            let mut inner = vars.to_vec();
            inner.retain(|(v, _)| v != id);
            inner.push((id.to_string(), item));
            let copy = self.walk(fragment.clone(), &inner);
            if let Value::Object(ms) = copy.value {
                out.extend(ms);
            }
        }
    }

    /// The items of a collection known here.
    fn list(&self, n: &Node) -> Option<Vec<String>> {
        match &n.value {
            Value::Array(a) => a.iter().map(scalar_text).collect(),
            Value::Object(ms) if ms.len() == 1 => match ms.first()?.key.as_str() {
                "Ref" => {
                    let name = ms.first()?.value.as_str()?;
                    if let Some(v) = self.given.get(name) {
                        return Some(split_list(v));
                    }
                    let default = self.parameters.as_ref()?.get(name)?.get("Default")?;
                    match &default.value {
                        Value::Array(a) => a.iter().map(scalar_text).collect(),
                        _ => scalar_text(default).map(|s| split_list(&s)),
                    }
                }
                "Fn::FindInMap" => {
                    let keys: Vec<String> = ms
                        .first()?
                        .value
                        .as_array()?
                        .iter()
                        .take(3)
                        .map(|k| self.key_text(k))
                        .collect::<Option<_>>()?;
                    let [map, k1, k2] = keys.as_slice() else {
                        return None;
                    };
                    let v = self.mappings.as_ref()?.get(map)?.get(k1)?.get(k2)?;
                    match &v.value {
                        Value::Array(a) => a.iter().map(scalar_text).collect(),
                        _ => scalar_text(v).map(|s| split_list(&s)),
                    }
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// A `Fn::FindInMap` key: a string, or a `Ref` to a parameter with a value here.
    fn key_text(&self, k: &Node) -> Option<String> {
        if let Some(s) = k.as_str() {
            return Some(s.to_string());
        }
        let name = k.get("Ref")?.as_str()?;
        self.param_text(name)
    }

    /// A scalar parameter's value: `[[stack]] parameters`, else its `Default`.
    fn param_text(&self, name: &str) -> Option<String> {
        if let Some(v) = self.given.get(name) {
            return Some(v.clone());
        }
        scalar_text(self.parameters.as_ref()?.get(name)?.get("Default")?)
    }

    fn why_unknown(&self, n: &Node) -> String {
        match n.as_object() {
            Some([m]) if m.key == "Ref" => {
                let name = m.value.as_str().unwrap_or("?");
                if self.parameters.as_ref().and_then(|p| p.get(name)).is_some() {
                    format!("its collection is parameter `{name}`, which has no value here")
                } else {
                    format!("its collection `Ref {name}` is not a list parameter")
                }
            }
            Some([m]) if m.key == "Fn::FindInMap" => {
                let unset = m.value.as_array().unwrap_or(&[]).iter().find_map(|k| {
                    let name = k.get("Ref")?.as_str()?;
                    self.param_text(name).is_none().then_some(name)
                });
                match unset {
                    Some(p) => format!(
                        "its collection is an `Fn::FindInMap` keyed by parameter `{p}`, which has no value here"
                    ),
                    None => "its collection is an `Fn::FindInMap` without a matching entry".to_string(),
                }
            }
            Some([m]) => format!(
                "its collection is `{}`, whose value is not known before deployment",
                m.key
            ),
            _ => "its collection is not a list of values".to_string(),
        }
    }
}

/// A `CommaDelimitedList` value: members split at commas, each space-trimmed.
fn split_list(s: &str) -> Vec<String> {
    s.split(',').map(|x| x.trim().to_string()).collect()
}

#[cfg(test)]
mod tests;
