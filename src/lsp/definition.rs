//! Go to definition: from a reference in a template to what it names.
//!
//! - `Ref`, `Fn::GetAtt` (list, `A.B` string and YAML `!GetAtt A.B`) and `Fn::Sub` `${Name}` /
//!   `${A.B}`: the parameter or resource of the same template (or the `Fn::Sub` variable), located in
//!   the buffer's parsed tree, so the answer follows the text being typed;
//! - `Fn::ImportValue` with a literal name: the output exporting it in any template of the workspace
//!   (the last check's resolved `Export.Name`s, so an exported name built with `Fn::Sub` is found);
//! - any other string (an ARN, a bucket name, a key id): the resource whose identity the model indexed
//!   as that value (its name, ARN or pinned `Metadata.trustlint.arn`/`id`) — the same index the rules
//!   link with, so go to definition lands where the trust graph's edge does.

use crate::model::arn::s3_bucket_of;
use crate::model::Kind;
use crate::source::{Node, Span, Value};

/// What the cursor is on.
#[derive(Debug, PartialEq, Eq)]
pub enum Reference {
    /// A logical name of the same template (a parameter or a resource).
    Logical(String),
    /// A variable of the enclosing `Fn::Sub` list form, defined at this key span.
    SubVariable(Span),
    /// `Fn::ImportValue` of this export name.
    Import(String),
    /// A literal that may be a resource's identity (ARN, name, id).
    Literal(String),
}

fn contains(span: Span, offset: u32) -> bool {
    span.start <= offset && offset <= span.end
}

/// The reference at `offset` in the documents of a buffer (`text`: the buffer, for `Fn::Sub` strings
/// whose `${…}` are located in the source text).
pub fn reference_at(docs: &[Node], text: &str, offset: u32) -> Option<Reference> {
    docs.iter().find_map(|d| walk(d, text, offset))
}

fn walk(node: &Node, text: &str, offset: u32) -> Option<Reference> {
    if !contains(node.span, offset) {
        return None;
    }
    match &node.value {
        Value::Object(ms) => {
            if let [m] = ms.as_slice() {
                if let Some(r) = intrinsic(&m.key, &m.value, text, offset) {
                    return r;
                }
            }
            ms.iter().find_map(|m| walk(&m.value, text, offset))
        }
        Value::Array(items) => items.iter().find_map(|n| walk(n, text, offset)),
        Value::String(s) if !s.is_empty() => Some(Reference::Literal(s.clone())),
        _ => None,
    }
}

/// What the intrinsic `key: value` under the cursor refers to: `Some(answer)` when the intrinsic
/// decides it (its text is no literal), `None` to look inside its value.
fn intrinsic(key: &str, value: &Node, text: &str, offset: u32) -> Option<Option<Reference>> {
    Some(match (key, &value.value) {
        ("Ref", Value::String(name)) => Some(Reference::Logical(name.clone())),
        ("Fn::GetAtt", Value::Array(items)) => items
            .first()
            .and_then(Node::as_str)
            .map(|name| Reference::Logical(name.to_string())),
        ("Fn::GetAtt", Value::String(s)) => {
            let name = s.split_once('.').map_or(s.as_str(), |(a, _)| a);
            Some(Reference::Logical(name.to_string()))
        }
        ("Fn::ImportValue", Value::String(name)) => Some(Reference::Import(name.clone())),
        ("Fn::Sub", Value::String(_)) => sub_variable(value, None, text, offset),
        ("Fn::Sub", Value::Array(items)) => match items.first() {
            Some(s) if contains(s.span, offset) => sub_variable(s, items.get(1), text, offset),
            _ => return None,
        },
        _ => return None,
    })
}

/// The `${Name}` of a `Fn::Sub` string under the cursor: a variable of the list form's map, a
/// resource of `${Resource.Attr}`, or a parameter or resource. Pseudo parameters (`${AWS::Region}`)
/// and escaped `${!Literal}` name nothing.
fn sub_variable(s: &Node, vars: Option<&Node>, text: &str, offset: u32) -> Option<Reference> {
    let raw = text.get(s.span.start as usize..s.span.end as usize)?;
    let mut from = 0;
    while let Some(open) = raw[from..].find("${").map(|i| from + i) {
        let close = open + raw[open..].find('}')?;
        let (start, end) = (s.span.start + open as u32, s.span.start + close as u32 + 1);
        from = close + 1;
        if !(start <= offset && offset <= end) {
            continue;
        }
        let name = raw[open + 2..close].trim();
        if name.starts_with('!') || name.starts_with("AWS::") {
            return None;
        }
        if let Some(m) = vars
            .and_then(Node::as_object)
            .and_then(|ms| ms.iter().find(|m| m.key == name))
        {
            return Some(Reference::SubVariable(m.key_span));
        }
        let name = name.split_once('.').map_or(name, |(a, _)| a);
        return Some(Reference::Logical(name.to_string()));
    }
    None
}

/// The key span of a parameter or resource named `name` in a template's tree.
pub fn logical(docs: &[Node], name: &str) -> Option<Span> {
    docs.iter().find_map(|d| {
        ["Parameters", "Resources"].iter().find_map(|section| {
            d.get(section)?
                .as_object()?
                .iter()
                .find(|m| m.key == name)
                .map(|m| m.key_span)
        })
    })
}

/// Every kind of typed resource, each an index namespace of the model.
const KINDS: [Kind; 19] = [
    Kind::Bucket,
    Kind::BucketPolicy,
    Kind::Role,
    Kind::IamPolicy,
    Kind::Key,
    Kind::Alias,
    Kind::Accelerator,
    Kind::GaListener,
    Kind::EndpointGroup,
    Kind::LoadBalancer,
    Kind::ElbListener,
    Kind::TargetGroup,
    Kind::SecurityGroup,
    Kind::SgRule,
    Kind::Vpc,
    Kind::Subnet,
    Kind::InternetGateway,
    Kind::GatewayAttachment,
    Kind::Opaque,
];

/// The resources whose indexed identity is the literal `s` (an S3 object ARN names its bucket),
/// as `(file, logical id span)`.
pub fn resources_named(model: &crate::model::Model, s: &str) -> Vec<(crate::source::FileId, Span)> {
    let bucket = s3_bucket_of(s);
    let mut out: Vec<_> = KINDS
        .iter()
        .filter_map(|k| {
            let i = model.lookup(*k, s).or_else(|| match (k, bucket) {
                (Kind::Bucket, Some(b)) => model.lookup(*k, b),
                _ => None,
            })?;
            let o = model.origin_of(*k, i)?;
            Some((o.file, o.logical_id_span))
        })
        .collect();
    out.sort_by_key(|(f, s)| (f.0, s.start));
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{json, yaml};

    fn at(text: &str, needle: &str, docs: &[Node]) -> Option<Reference> {
        let o = text.find(needle).unwrap() as u32 + 1;
        reference_at(docs, text, o)
    }

    #[test]
    fn references_in_json_and_yaml() {
        let j = r#"{"Resources": {"B": {"Properties": {
            "R": {"Ref": "Param"},
            "G": {"Fn::GetAtt": ["Role", "Arn"]},
            "S": {"Fn::Sub": "arn:${AWS::Partition}:s3:::${Bucket}/${Key.Arn}/${!Lit}"},
            "L": {"Fn::Sub": ["${V}-x", {"V": {"Ref": "Inner"}}]},
            "I": {"Fn::ImportValue": "shared-key"},
            "A": "arn:aws:iam::1:role/r"}}}}"#;
        let d = vec![json::parse(j).unwrap()];
        let l = |s: &str| Some(Reference::Logical(s.into()));
        assert_eq!(at(j, "\"Param\"", &d), l("Param"));
        assert_eq!(at(j, "\"Arn\"]", &d), l("Role"));
        assert_eq!(at(j, "${Bucket}", &d), l("Bucket"));
        assert_eq!(at(j, "${Key.Arn}", &d), l("Key"));
        assert_eq!(at(j, "${AWS::Partition}", &d), None);
        assert_eq!(at(j, "${!Lit}", &d), None);
        let v = j.find("{\"V\"").unwrap() + 1;
        assert_eq!(
            at(j, "${V}", &d),
            Some(Reference::SubVariable(Span::new(v, v + 3)))
        );
        assert_eq!(at(j, "\"Inner\"", &d), l("Inner"));
        assert_eq!(
            at(j, "shared-key", &d),
            Some(Reference::Import("shared-key".into()))
        );
        assert_eq!(
            at(j, "arn:aws:iam", &d),
            Some(Reference::Literal("arn:aws:iam::1:role/r".into()))
        );
        let y = "Parameters:\n  P: {Type: String}\nResources:\n  Role:\n    Type: T\n  B:\n    Properties:\n      A: !GetAtt Role.Arn\n      R: !Ref P\n";
        let d = yaml::parse(y).unwrap();
        assert_eq!(at(y, "Role.Arn", &d), l("Role"));
        assert_eq!(at(y, "!GetAtt", &d), l("Role"));
        assert_eq!(at(y, "Ref P", &d), l("P"));
        let p = y.find("P:").unwrap();
        assert_eq!(logical(&d, "P"), Some(Span::new(p, p + 1)));
        let r = y.find("Role:").unwrap();
        assert_eq!(logical(&d, "Role"), Some(Span::new(r, r + 4)));
        assert_eq!(logical(&d, "Nope"), None);
    }
}
