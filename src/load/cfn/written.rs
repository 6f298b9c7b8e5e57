//! What a template writes that the model keeps besides resolved properties: declared parameters,
//! explicit dependencies (`DependsOn`) and the logical ids a part of the template refers to as written
//! (`Ref`, `Fn::GetAtt`, `${Id}`/`${Id.Attr}` in any string), read from the template itself so no rule
//! has to re-read the source file.

use crate::model::input::Parameter;
use crate::source::{Node, Spanned, Value};
use std::collections::BTreeSet;

/// The `Parameters` section: each parameter's `Type` and `Description` when they are strings.
pub fn parameters(root: &Node) -> Vec<Parameter> {
    root.get("Parameters")
        .and_then(Node::as_object)
        .unwrap_or(&[])
        .iter()
        .map(|m| {
            let text = |k: &str| m.value.get(k).and_then(Node::as_str).map(str::to_string);
            Parameter {
                name: m.key.clone(),
                type_name: text("Type"),
                description: text("Description"),
            }
        })
        .collect()
}

/// A resource's `DependsOn`: one logical id or a list of them (items that are not strings are not
/// dependencies CloudFormation accepts; the template checks report them).
pub fn depends_on(resource: &Node) -> Vec<Spanned<String>> {
    let Some(d) = resource.get("DependsOn") else {
        return Vec::new();
    };
    let items: Vec<&Node> = match &d.value {
        Value::Array(a) => a.iter().collect(),
        _ => vec![d],
    };
    items
        .into_iter()
        .filter_map(|i| Some(Spanned::new(i.as_str()?.to_string(), i.span)))
        .collect()
}

/// The logical ids `n` refers to as written, sorted: `Ref`, `Fn::GetAtt` (`[Id, Attr]` or `"Id.Attr"`),
/// and `${Id}` / `${Id.Attr}` in any string (a `Fn::Sub` body, or text that becomes one).
pub fn refers_to(n: &Node) -> Vec<String> {
    let mut out = BTreeSet::new();
    collect(n, &mut out);
    out.into_iter().collect()
}

fn collect(n: &Node, out: &mut BTreeSet<String>) {
    match &n.value {
        Value::Object(members) => {
            for mb in members {
                match (mb.key.as_str(), &mb.value.value) {
                    ("Ref", Value::String(id)) => {
                        out.insert(id.clone());
                    }
                    ("Fn::GetAtt", Value::Array(a)) => {
                        if let Some(id) = a.first().and_then(Node::as_str) {
                            out.insert(id.to_string());
                        }
                    }
                    ("Fn::GetAtt", Value::String(s)) => {
                        if let Some(id) = s.split('.').next() {
                            out.insert(id.to_string());
                        }
                    }
                    _ => {}
                }
                collect(&mb.value, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect(i, out)),
        Value::String(s) => substituted(s, out),
        _ => {}
    }
}

/// The `Id` of every `${Id}` and `${Id.Attr}` in `s` (every `${`, so `${a${B}` still yields `B`).
fn substituted(s: &str, out: &mut BTreeSet<String>) {
    let mut rest = s;
    while let Some(at) = rest.find("${") {
        let after = rest.get(at + 2..).unwrap_or("");
        if let Some(end) = after.find(['}', '.']) {
            if let Some(id) = after.get(..end).filter(|id| !id.contains('{')) {
                out.insert(id.to_string());
            }
        }
        rest = after;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::json;

    #[test]
    fn references_as_written() {
        let n = json::parse(
            r#"{"A": {"Ref": "Tg"}, "B": {"Fn::GetAtt": ["Lb", "Arn"]}, "C": {"Fn::GetAtt": "Vpc.CidrBlock"},
                "D": {"Fn::Sub": "arn:${AWS::Partition}:x:${Role.Arn}/${a${Q}"}, "E": ["${Plain}"]}"#,
        )
        .unwrap();
        assert_eq!(
            refers_to(&n),
            vec!["AWS::Partition", "Lb", "Plain", "Q", "Role", "Tg", "Vpc"]
        );
    }

    #[test]
    fn depends_on_one_or_many() {
        let r = json::parse(r#"{"DependsOn": ["A", 3, "B"]}"#).unwrap();
        let ids: Vec<String> = depends_on(&r).into_iter().map(|d| d.value).collect();
        assert_eq!(ids, vec!["A", "B"]);
        let r = json::parse(r#"{"DependsOn": "A"}"#).unwrap();
        assert_eq!(depends_on(&r).len(), 1);
        assert!(depends_on(&json::parse("{}").unwrap()).is_empty());
    }
}
