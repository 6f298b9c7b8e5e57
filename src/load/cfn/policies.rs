//! Policy documents inside a template's resolved resources, as [`PolicyDoc`]s for the policy rules.

use super::policy_slots::{SlotKind, SLOTS};
use super::template::Resource;
use crate::load::issue::{IssueKind, LoadIssue};
use crate::model::document::Attachment;
use crate::model::{DocKind, PolicyDoc};
use crate::source::{json, Node, SourceFile, Span};

/// The IAM-policy slots of a resource type (a contiguous run of the sorted table).
pub(super) fn slots_of(
    type_name: &str,
) -> &'static [(&'static str, &'static [&'static str], SlotKind)] {
    let lo = SLOTS.partition_point(|s| s.0 < type_name);
    let rest = SLOTS.get(lo..).unwrap_or_default();
    let hi = rest.partition_point(|s| s.0 == type_name);
    rest.get(..hi).unwrap_or_default()
}

/// The document kind and attachment of one slot; `None` when the property holds no IAM policy (an
/// Organizations policy of a non-IAM type such as `TAG_POLICY`).
fn kind_of(type_name: &str, kind: SlotKind, props: &Node) -> Option<(DocKind, Attachment)> {
    Some(match kind {
        SlotKind::Trust => (DocKind::Trust, Attachment::Unknown),
        SlotKind::Key => (DocKind::KeyPolicy, Attachment::Unknown),
        SlotKind::Resource => (DocKind::Resource, Attachment::Unknown),
        SlotKind::Organization => match props.get("Type").and_then(Node::as_str)? {
            "SERVICE_CONTROL_POLICY" => (DocKind::Scp, Attachment::Unknown),
            "RESOURCE_CONTROL_POLICY" => (DocKind::Rcp, Attachment::Unknown),
            _ => return None,
        },
        SlotKind::Identity => (
            DocKind::Identity,
            match type_name {
                "AWS::IAM::ManagedPolicy" => Attachment::Managed,
                "AWS::IAM::Role" | "AWS::IAM::RolePolicy" => Attachment::InlineRole,
                "AWS::IAM::User" | "AWS::IAM::UserPolicy" => Attachment::InlineUser,
                "AWS::IAM::Group" | "AWS::IAM::GroupPolicy" => Attachment::InlineGroup,
                "AWS::IAM::Policy" if props.get("Roles").is_some() => Attachment::InlineRole,
                "AWS::IAM::Policy" if props.get("Users").is_some() => Attachment::InlineUser,
                "AWS::IAM::Policy" if props.get("Groups").is_some() => Attachment::InlineGroup,
                _ => Attachment::Unknown,
            },
        ),
    })
}

/// Resource policies whose statements may omit `Resource`: the repository is implied (Amazon ECR User
/// Guide, *Private repository policy examples*, and *Amazon ECR Public* repository policies); an EFS
/// file system policy applies to its file system, which EFS writes in as the `Resource` (what
/// `DescribeFileSystemPolicy` returns for the CDK's default policy, which names none).
fn resource_implied(type_name: &str) -> bool {
    matches!(
        type_name,
        "AWS::ECR::Repository" | "AWS::ECR::PublicRepository" | "AWS::EFS::FileSystem"
    )
}

/// The nodes at `path` under `node` (`*` = every element of a list), each with the list element it is
/// in (for `PolicyName`), in source order.
fn at_path<'a>(
    node: &'a Node,
    path: &[&str],
    element: Option<&'a Node>,
    out: &mut Vec<(&'a Node, Option<&'a Node>)>,
) {
    let Some((first, rest)) = path.split_first() else {
        out.push((node, element));
        return;
    };
    if *first == "*" {
        for item in node.as_array().unwrap_or(&[]) {
            at_path(item, rest, Some(item), out);
        }
    } else if let Some(child) = node.get(first) {
        at_path(child, rest, element, out);
    }
}

/// Every policy document of the template's resources.
pub fn extract(
    resources: &[Resource],
    src: &SourceFile,
    issues: &mut Vec<LoadIssue>,
) -> Vec<PolicyDoc> {
    let mut docs = Vec::new();
    for r in resources {
        let Some(props) = &r.properties else { continue };
        let base = format!("{} ({})", r.logical_id, r.type_name);
        for (_, path, slot) in slots_of(&r.type_name) {
            let Some((kind, attachment)) = kind_of(&r.type_name, *slot, props) else {
                continue;
            };
            let mut found = Vec::new();
            at_path(props, path, None, &mut found);
            for (node, element) in found {
                let why = format!("CloudFormation {} `{}`", r.type_name, path.join("."));
                if let Some(mut d) = doc(node, src, kind, why, issues) {
                    d.attachment = attachment;
                    d.resource_implied = resource_implied(&r.type_name);
                    d.name = Some(
                        match element
                            .and_then(|e| e.get("PolicyName"))
                            .and_then(Node::as_str)
                        {
                            Some(n) => format!("{base} policy {n}"),
                            None => base.clone(),
                        },
                    );
                    docs.push(d);
                }
            }
        }
    }
    docs
}

/// CloudFormation hands a property's numbers and booleans to the resource as strings (AWS
/// CloudFormation CLI issue #435; the same holds for policy objects), so `Sid: 1` in a YAML template
/// reaches IAM as `"1"`. A policy written as a JSON string is passed verbatim and is not converted.
fn scalars_as_strings(n: &mut Node) {
    use crate::source::Value;
    match &mut n.value {
        Value::Number(x) => n.value = Value::String(std::mem::take(x)),
        Value::Bool(b) => n.value = Value::String(b.to_string()),
        Value::Array(items) => items.iter_mut().for_each(scalars_as_strings),
        Value::Object(members) => members
            .iter_mut()
            .for_each(|m| scalars_as_strings(&mut m.value)),
        Value::Null | Value::String(_) => {}
    }
}

/// A policy object, or a policy written as a JSON string (`!Sub |` blocks, CDK `Fn::Join` of JSON).
fn doc(
    node: &Node,
    src: &SourceFile,
    kind: DocKind,
    why: String,
    issues: &mut Vec<LoadIssue>,
) -> Option<PolicyDoc> {
    let Some(text) = node.as_str() else {
        let mut node = node.clone();
        scalars_as_strings(&mut node);
        return Some(PolicyDoc::new(src.id, kind, node, why));
    };
    let raw = src.slice(node.span);
    let parsed = if raw.starts_with('"') && raw.len() >= 2 {
        // A JSON string literal in a JSON template: exact spans inside it.
        json::parse_string_node(&src.text, node)
    } else {
        json::parse(text).map(|mut n| {
            // Written as YAML text or built by an intrinsic: point everything at the value.
            fix_ends(&mut n, node.span);
            n
        })
    };
    match parsed {
        Ok(n) => Some(PolicyDoc::new(src.id, kind, n, why)),
        Err(_) if crate::model::symbolic::has_symbol(text) => {
            // Built from values not known here (a parameter, an attribute): not malformed, unknown.
            issues.push(LoadIssue::new(
                src.id,
                node.span,
                IssueKind::PolicyNotKnown {
                    what: crate::model::symbolic::display(text),
                },
            ));
            None
        }
        Err(e) => {
            let at = if raw.starts_with('"') {
                e.offset
            } else {
                node.span.start as usize
            };
            // One character, not one byte: a span ending inside a multi-byte character cannot be rendered.
            let len = src
                .text
                .get(at..)
                .and_then(|t| t.chars().next())
                .map_or(0, char::len_utf8);
            issues.push(
                LoadIssue::parse(
                    src.id,
                    Span::new(at, (at + len).min(node.span.end as usize).max(at)),
                    format!("invalid JSON in the policy string: {}", e.message),
                )
                .label(e.message),
            );
            None
        }
    }
}

/// Give every node (and key) the span of the string the policy was written in.
fn fix_ends(n: &mut Node, s: Span) {
    n.span = s;
    match &mut n.value {
        crate::source::Value::Array(items) => items.iter_mut().for_each(|i| fix_ends(i, s)),
        crate::source::Value::Object(members) => {
            for m in members {
                m.key_span = s;
                fix_ends(&mut m.value, s);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::load::load_text;
    use crate::model::document::Attachment;
    use crate::model::DocKind;
    use crate::source::{FileId, SourceFile};
    use std::path::Path;
    use std::sync::Arc;

    const T: &str = r#"
Resources:
  RP:
    Type: AWS::IAM::RolePolicy
    Properties:
      RoleName: r
      PolicyName: p
      PolicyDocument: {Statement: [{Effect: Allow, Action: s3:ReplicationTags, Resource: "*"}]}
  UP:
    Type: AWS::IAM::UserPolicy
    Properties:
      UserName: u
      PolicyName: p
      PolicyDocument: {Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]}
  GP:
    Type: AWS::IAM::GroupPolicy
    Properties:
      GroupName: g
      PolicyName: p
      PolicyDocument: '{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}'
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: s3.amazonaws.com}, Action: sts:AssumeRole}]}
      Policies:
        - PolicyName: one
          PolicyDocument: {Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]}
        - PolicyName: two
          PolicyDocument: {Statement: [{Effect: Allow, Action: s3:PutObject, Resource: "*"}]}
  Scp:
    Type: AWS::Organizations::Policy
    Properties:
      Name: deny
      Type: SERVICE_CONTROL_POLICY
      Content: {Version: "2012-10-17", Statement: [{Effect: Deny, Action: "*", Resource: "*"}]}
  Tags:
    Type: AWS::Organizations::Policy
    Properties:
      Name: tags
      Type: TAG_POLICY
      Content: {tags: {costcenter: {tag_key: {"@@assign": CostCenter}}}}
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      ResourcePolicy:
        PolicyDocument: {Statement: [{Effect: Allow, Principal: {AWS: "111111111111"}, Action: dynamodb:GetItem, Resource: "*"}]}
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      PolicyDocument: {Statement: [{Effect: Allow, Principal: "*", Action: s3:GetObject, Resource: "*"}]}
  Replica:
    Type: AWS::KMS::ReplicaKey
    Properties:
      KeyPolicy: {Statement: [{Effect: Allow, Principal: {AWS: "111111111111"}, Action: "kms:*", Resource: "*"}]}
  Sub:
    Type: AWS::SNS::Subscription
    Properties:
      FilterPolicy: {store: [example_corp]}
"#;

    #[test]
    fn every_schema_slot_is_linted_with_its_kind() {
        let src = SourceFile::new(FileId(0), "t.yaml".into(), Arc::from(T));
        let l = load_text(src, Path::new("t.yaml"), &Config::default());
        let got: Vec<(String, DocKind, Attachment)> = l
            .documents
            .iter()
            .map(|d| (d.name.clone().unwrap_or_default(), d.kind, d.attachment))
            .collect();
        let want = [
            (
                "RP (AWS::IAM::RolePolicy)",
                DocKind::Identity,
                Attachment::InlineRole,
            ),
            (
                "UP (AWS::IAM::UserPolicy)",
                DocKind::Identity,
                Attachment::InlineUser,
            ),
            (
                "GP (AWS::IAM::GroupPolicy)",
                DocKind::Identity,
                Attachment::InlineGroup,
            ),
            ("Role (AWS::IAM::Role)", DocKind::Trust, Attachment::Unknown),
            (
                "Role (AWS::IAM::Role) policy one",
                DocKind::Identity,
                Attachment::InlineRole,
            ),
            (
                "Role (AWS::IAM::Role) policy two",
                DocKind::Identity,
                Attachment::InlineRole,
            ),
            (
                "Scp (AWS::Organizations::Policy)",
                DocKind::Scp,
                Attachment::Unknown,
            ),
            (
                "Table (AWS::DynamoDB::Table)",
                DocKind::Resource,
                Attachment::Unknown,
            ),
            (
                "Endpoint (AWS::EC2::VPCEndpoint)",
                DocKind::Resource,
                Attachment::Unknown,
            ),
            (
                "Replica (AWS::KMS::ReplicaKey)",
                DocKind::KeyPolicy,
                Attachment::Unknown,
            ),
        ];
        let want: Vec<(String, DocKind, Attachment)> = want
            .iter()
            .map(|(n, k, a)| (n.to_string(), *k, *a))
            .collect();
        assert_eq!(got, want);
        // The typo in the RolePolicy reaches the policy rules.
        let rp = &l.documents[0].policy.statements[0];
        assert!(format!("{rp:?}").contains("s3:ReplicationTags"));
    }

    #[test]
    fn the_table_is_sorted_for_lookup() {
        assert!(super::SLOTS.windows(2).all(|w| w[0].0 <= w[1].0));
        assert_eq!(super::slots_of("AWS::IAM::Role").len(), 2);
        assert!(super::slots_of("AWS::SNS::Subscription").is_empty());
    }
}

#[cfg(test)]
mod ecr_tests {
    use crate::config::Config;
    use crate::load::load_text;
    use crate::source::{FileId, SourceFile};
    use std::path::Path;
    use std::sync::Arc;

    #[test]
    fn an_ecr_repository_policy_needs_no_resource_but_a_bucket_policy_does() {
        let t = "Resources:\n  Repo:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryPolicyText:\n        Statement: [{Effect: Allow, Principal: {AWS: '111111111111'}, Action: ecr:BatchGetImage}]\n  P:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: b\n      PolicyDocument:\n        Statement: [{Effect: Allow, Principal: {AWS: '111111111111'}, Action: s3:GetObject}]\n";
        let src = SourceFile::new(FileId(0), "t.yaml".into(), Arc::from(t));
        let l = load_text(src, Path::new("t.yaml"), &Config::default());
        let mut findings = Vec::new();
        for d in &l.documents {
            crate::rules::policy::check(d, &l.source, &mut findings);
        }
        let shape: Vec<_> = findings
            .iter()
            .filter(|f| f.rule == "POL-STATEMENT-SHAPE")
            .map(|f| f.resource.clone().unwrap_or_default())
            .collect();
        assert_eq!(shape.len(), 1, "{findings:?}");
        assert!(l.documents[0].resource_implied && !l.documents[1].resource_implied);
    }

    /// The CDK's default EFS file system policy names no Resource (found on aws-cdk-examples
    /// ecs/fargate-service-with-efs): EFS applies it to its file system.
    #[test]
    fn an_efs_file_system_policy_needs_no_resource() {
        let t = "Resources:
  Fs:
    Type: AWS::EFS::FileSystem
    Properties:
      FileSystemPolicy:
        Version: '2012-10-17'
        Statement: [{Effect: Allow, Principal: {AWS: '*'}, Action: [elasticfilesystem:ClientRootAccess], Condition: {Bool: {elasticfilesystem:AccessedViaMountTarget: 'true'}}}]
";
        let src = SourceFile::new(FileId(0), "t.yaml".into(), Arc::from(t));
        let l = load_text(src, Path::new("t.yaml"), &Config::default());
        let mut findings = Vec::new();
        for d in &l.documents {
            crate::rules::policy::check(d, &l.source, &mut findings);
        }
        assert_eq!(l.documents.len(), 1);
        assert!(l.documents[0].resource_implied);
        assert!(
            findings.iter().all(|f| f.rule != "POL-STATEMENT-SHAPE"),
            "{findings:?}"
        );
    }
}
