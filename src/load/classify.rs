//! Decide what a JSON file holds: a raw policy (by content), an AWS CLI output shape wrapping one, or
//! something unrelated (package.json, tsconfig.json, …) that is skipped.

use crate::load::issue::LoadIssue;
use crate::model::document::Attachment;
use crate::model::{DocKind, PolicyDoc};
use crate::source::{json, Node, SourceFile, Span};

pub enum Classified {
    Documents(Vec<PolicyDoc>),
    Skip(String),
}

pub fn classify(
    node: Node,
    src: &SourceFile,
    configured: Option<DocKind>,
) -> Result<Classified, Box<LoadIssue>> {
    if node.as_object().is_none() {
        return Ok(Classified::Skip(format!(
            "top-level value is {}, not a policy",
            node.type_name()
        )));
    }
    // AWS CLI output shapes first: their wrapper keys are distinctive.
    if let Some(role) = node.get("Role") {
        if let Some(doc) = role.get("AssumeRolePolicyDocument") {
            let mut d = policy_doc(
                doc,
                src,
                configured.unwrap_or(DocKind::Trust),
                "AWS CLI `get-role` output",
            )?;
            d.name = role
                .get("RoleName")
                .and_then(Node::as_str)
                .map(str::to_string);
            return Ok(Classified::Documents(vec![d]));
        }
    }
    if let Some(pv) = node.get("PolicyVersion") {
        if let Some(doc) = pv.get("Document") {
            let mut d = policy_doc(
                doc,
                src,
                configured.unwrap_or(DocKind::Identity),
                "AWS CLI `get-policy-version` output",
            )?;
            d.attachment = Attachment::Managed;
            return Ok(Classified::Documents(vec![d]));
        }
    }
    if let Some(doc) = node.get("PolicyDocument") {
        let (attachment, owner) = if let Some(r) = node.get("RoleName") {
            (Attachment::InlineRole, r)
        } else if let Some(u) = node.get("UserName") {
            (Attachment::InlineUser, u)
        } else if let Some(g) = node.get("GroupName") {
            (Attachment::InlineGroup, g)
        } else {
            (Attachment::Unknown, doc)
        };
        if attachment != Attachment::Unknown {
            let mut d = policy_doc(
                doc,
                src,
                configured.unwrap_or(DocKind::Identity),
                "AWS CLI `get-role-policy`/`get-user-policy`/`get-group-policy` output",
            )?;
            d.attachment = attachment;
            d.name = match (
                owner.as_str(),
                node.get("PolicyName").and_then(Node::as_str),
            ) {
                (Some(o), Some(p)) => Some(format!("{o}/{p}")),
                (o, p) => o.or(p).map(str::to_string),
            };
            return Ok(Classified::Documents(vec![d]));
        }
    }
    if let Some(p) = node.get("Policy") {
        if p.as_str().is_some() {
            // get-key-policy answers {"Policy": "…", "PolicyName": "default"}; get-bucket-policy {"Policy": "…"}.
            let inner = parse_embedded(p, src)?;
            let (kind, why) = match configured {
                Some(k) => (k, "trustlint.toml [[documents]]".to_string()),
                None if node.get("PolicyName").is_some() => (
                    DocKind::KeyPolicy,
                    "AWS CLI `get-key-policy` output".to_string(),
                ),
                None => {
                    let (k, why) = kind_from_content(&inner);
                    (
                        k,
                        format!("AWS CLI `get-bucket-policy`-style output; {why}"),
                    )
                }
            };
            return Ok(Classified::Documents(vec![PolicyDoc::new(
                src.id, kind, inner, why,
            )]));
        }
    }
    if configured.is_none() && looks_like_policy(&node) {
        if let Some(f) = intrinsic_in(&node) {
            // IAM never receives this file as it is: a template pulls it in (a macro such as
            // MergeStatements, `AWS::Include`) and CloudFormation resolves the functions first.
            return Ok(Classified::Skip(format!(
                "a policy fragment holding the CloudFormation function `{f}`: a template includes it, so it is checked where a template uses it, not on its own"
            )));
        }
    }
    if looks_like_policy(&node) {
        let (kind, why) = match configured {
            Some(k) => (k, "trustlint.toml [[documents]]".to_string()),
            None => kind_from_content(&node),
        };
        return Ok(Classified::Documents(vec![PolicyDoc::new(
            src.id, kind, node, why,
        )]));
    }
    if let Some(k) = configured {
        // The user says this file is a policy: parse it as one and let the shape rules speak.
        return Ok(Classified::Documents(vec![PolicyDoc::new(
            src.id,
            k,
            node,
            "trustlint.toml [[documents]]",
        )]));
    }
    Ok(Classified::Skip(
        "no `Statement`, no policy `Version` and no AWS CLI policy shape".to_string(),
    ))
}

/// A policy object, or a policy embedded as a JSON string (CLI and API outputs use both).
fn policy_doc(
    node: &Node,
    src: &SourceFile,
    kind: DocKind,
    why: &str,
) -> Result<PolicyDoc, Box<LoadIssue>> {
    let node = if node.as_str().is_some() {
        parse_embedded(node, src)?
    } else {
        node.clone()
    };
    Ok(PolicyDoc::new(src.id, kind, node, why))
}

fn parse_embedded(node: &Node, src: &SourceFile) -> Result<Node, Box<LoadIssue>> {
    json::parse_string_node(&src.text, node).map_err(|e| {
        let len = src.text[e.offset..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        Box::new(
            LoadIssue::parse(
                src.id,
                Span::new(e.offset, e.offset + len),
                format!("invalid JSON in the embedded policy string: {}", e.message),
            )
            .label(e.message),
        )
    })
}

/// The first CloudFormation intrinsic function (`{"Ref": …}`, `{"Fn::Sub": …}`) in `node`, if any.
fn intrinsic_in(node: &Node) -> Option<&str> {
    match &node.value {
        crate::source::Value::Object(m) => {
            if let [only] = m.as_slice() {
                if only.key == "Ref" || only.key.starts_with("Fn::") {
                    return Some(&only.key);
                }
            }
            m.iter().find_map(|m| intrinsic_in(&m.value))
        }
        crate::source::Value::Array(a) => a.iter().find_map(intrinsic_in),
        _ => None,
    }
}

/// A raw policy has a `Statement`, or a policy-language `Version` date.
fn looks_like_policy(node: &Node) -> bool {
    if node.get("Statement").is_some() {
        return true;
    }
    node.get("Version")
        .and_then(Node::as_str)
        .is_some_and(|v| v.len() == 10 && v.starts_with("20") && v.as_bytes().get(4) == Some(&b'-'))
}

/// Guess the kind of a raw policy from its statements.
pub fn kind_from_content(node: &Node) -> (DocKind, String) {
    let statements: Vec<&Node> = match node.get("Statement") {
        Some(s) if s.as_array().is_some() => s.as_array().unwrap_or(&[]).iter().collect(),
        Some(s) => vec![s],
        None => Vec::new(),
    };
    let with_principal = statements
        .iter()
        .filter(|s| s.get("Principal").is_some() || s.get("NotPrincipal").is_some())
        .count();
    if with_principal == 0 {
        return (DocKind::Identity, "no statement names a Principal".into());
    }
    // A stray Principal in an otherwise identity-shaped policy is one misplaced element (reported by
    // POL-PRINCIPAL-PLACEMENT), not a resource policy whose every other statement lacks a principal.
    if with_principal * 2 < statements.len() {
        return (
            DocKind::Identity,
            format!(
                "only {with_principal} of {} statements name a Principal",
                statements.len()
            ),
        );
    }
    let actions: Vec<String> = statements
        .iter()
        .filter_map(|s| s.get("Action"))
        .flat_map(strings)
        .map(|a| a.to_ascii_lowercase())
        .collect();
    // Only STS actions (sts:AssumeRole*, sts:TagSession, …) next to a Principal is a trust policy, even
    // with a misspelt action (`sts:TagSessions`), which POL-UNKNOWN-ACTION then reports.
    if !actions.is_empty() && actions.iter().all(|a| a.starts_with("sts:")) {
        return (DocKind::Trust, "a Principal with only sts: actions".into());
    }
    let resources_star = statements.iter().all(|s| {
        s.get("Resource")
            .map(|r| strings(r).iter().all(|x| x == "*"))
            .unwrap_or(false)
    });
    if !actions.is_empty() && actions.iter().all(|a| a.starts_with("kms:")) && resources_star {
        return (
            DocKind::KeyPolicy,
            "a Principal with only kms: actions on Resource \"*\"".into(),
        );
    }
    (DocKind::Resource, "statements name a Principal".into())
}

fn strings(n: &Node) -> Vec<String> {
    match n.as_array() {
        Some(a) => a
            .iter()
            .filter_map(Node::as_str)
            .map(str::to_string)
            .collect(),
        None => n.as_str().map(str::to_string).into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;
    use std::sync::Arc;

    fn run(text: &str) -> Classified {
        let src = SourceFile::new(FileId(0), "t.json".into(), Arc::from(text));
        let node = json::parse(text).unwrap();
        match classify(node, &src, None) {
            Ok(c) => c,
            Err(f) => panic!("{f:?}"),
        }
    }
    fn kind(text: &str) -> DocKind {
        match run(text) {
            Classified::Documents(d) => d[0].kind,
            Classified::Skip(r) => panic!("skipped: {r}"),
        }
    }

    #[test]
    fn kinds_from_content() {
        assert_eq!(
            kind(
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#
            ),
            DocKind::Identity
        );
        assert_eq!(
            kind(
                r#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
            ),
            DocKind::Trust
        );
        assert_eq!(
            kind(
                r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:root"},"Action":"kms:*","Resource":"*"}]}"#
            ),
            DocKind::KeyPolicy
        );
        assert_eq!(
            kind(
                r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#
            ),
            DocKind::Resource
        );
    }

    #[test]
    fn kinds_tolerate_one_mistake() {
        // A misspelt STS action keeps the trust policy a trust policy.
        assert_eq!(
            kind(
                r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:root"},"Action":["sts:AssumeRole","sts:TagSessions"]}]}"#
            ),
            DocKind::Trust
        );
        // One stray Principal among identity statements does not make a resource policy.
        assert_eq!(
            kind(
                r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"},{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}"#
            ),
            DocKind::Identity
        );
    }

    #[test]
    fn cli_shapes() {
        let get_role = r#"{"Role":{"RoleName":"replication","Path":"/service-role/","AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"sts:AssumeRole"}]}}}"#;
        match run(get_role) {
            Classified::Documents(d) => {
                assert_eq!(d[0].kind, DocKind::Trust);
                assert_eq!(d[0].name.as_deref(), Some("replication"));
            }
            _ => panic!(),
        }
        let key =
            r#"{"Policy":"{\"Version\":\"2012-10-17\",\"Statement\":[]}","PolicyName":"default"}"#;
        assert_eq!(kind(key), DocKind::KeyPolicy);
        let bucket = r#"{"Policy":"{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}]}"}"#;
        assert_eq!(kind(bucket), DocKind::Resource);
        let inline = r#"{"RoleName":"r","PolicyName":"p","PolicyDocument":{"Version":"2012-10-17","Statement":[]}}"#;
        assert_eq!(kind(inline), DocKind::Identity);
    }

    #[test]
    fn unrelated_json_is_skipped() {
        assert!(matches!(
            run(r#"{"name":"x","version":"1.0.0"}"#),
            Classified::Skip(_)
        ));
        assert!(matches!(
            run(r#"{"compilerOptions":{}}"#),
            Classified::Skip(_)
        ));
    }

    #[test]
    fn statement_fragments_with_intrinsics_are_skipped() {
        // A statement file of the MergeStatements macro (aws-samples): CloudFormation resolves the
        // `Ref` before IAM sees it.
        let fragment = r#"{"Statement":[{"Sid":"Admins","Effect":"Allow","Principal":{"AWS":{"Ref":"pKMSAdminRoles"}},"Action":"kms:Create*","Resource":"*"}]}"#;
        match run(fragment) {
            Classified::Skip(why) => assert!(why.contains("`Ref`"), "{why}"),
            Classified::Documents(_) => panic!("read as a policy"),
        }
        // A condition operator is not an intrinsic: a plain policy is still a policy.
        let plain = r#"{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}"#;
        assert_eq!(kind(plain), DocKind::Identity);
        // A file the configuration names as a policy is parsed as one.
        let src = SourceFile::new(FileId(0), "t.json".into(), Arc::from(fragment));
        let node = json::parse(fragment).unwrap();
        assert!(matches!(
            classify(node, &src, Some(DocKind::KeyPolicy)),
            Ok(Classified::Documents(_))
        ));
    }
}
