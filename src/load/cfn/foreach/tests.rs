//! Fn::ForEach, Fn::Length and Fn::ToJsonString expansion, through the whole template loader.

use crate::config::Config;
use crate::load::load_text;
use crate::load::test_support::Checked;
use crate::model::symbolic::display;
use crate::source::{FileId, SourceFile};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn load_with(text: &str, cfg: &Config) -> Checked {
    let src = SourceFile::new(FileId(0), "t.yaml".into(), Arc::from(text));
    Checked::new(load_text(src, Path::new("t.yaml"), cfg))
}

fn load(text: &str) -> Checked {
    load_with(text, &Config::default())
}

const LOOPS: &str = r#"
Transform: AWS::LanguageExtensions
Parameters:
  Topics: {Type: CommaDelimitedList, Default: "a-1, b-2"}
  Unset: {Type: CommaDelimitedList}
Mappings:
  Envs: {prod: {Names: [x, y]}}
Resources:
  Fn::ForEach::Queues:
    - Name
    - [Alpha, Beta]
    - ${Name}Queue:
        Type: AWS::SQS::Queue
        Properties:
          QueueName: !Sub "q-${Name}"
          Tags:
            - {Key: n, Value: !Ref Name}
  Fn::ForEach::Topics:
    - T
    - !Ref Topics
    - Topic&{T}:
        Type: AWS::SNS::Topic
        Properties:
          TopicName: ${T}
  Fn::ForEach::Mapped:
    - M
    - !FindInMap [Envs, prod, Names]
    - Bucket${M}:
        Type: AWS::S3::Bucket
        Properties:
          BucketName: !Sub "b-${M}"
          Fn::ForEach::Inner:
            - K
            - [Tag1]
            - ${K}Holder: {Value: !Ref K}
  Fn::ForEach::Later:
    - L
    - !Ref Unset
    - Later${L}: {Type: AWS::S3::Bucket}
  Plain:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "n-${Count}"
      DelaySeconds: !Length [1, 2, 3]
      RedrivePolicy: !ToJsonString {deadLetterTargetArn: arn, maxReceiveCount: 3}
Outputs:
  Fn::ForEach::Out:
    - O
    - [Alpha]
    - ${O}Url: {Value: !Ref AlphaQueue}
"#;

#[test]
fn loops_expand_in_resources_properties_and_outputs() {
    let l = load(LOOPS);
    let t = l.template.as_ref().expect("a template");
    let ids: Vec<&str> = t.resources.iter().map(|r| r.logical_id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "AlphaQueue",
            "BetaQueue",
            "Topica1",
            "Topicb2",
            "Bucketx",
            "Buckety",
            "Plain"
        ]
    );
    let props = |id: &str| t.resource(id).unwrap().properties.as_ref().unwrap();
    let text = |n: &crate::source::Node| display(n.as_str().unwrap()).to_string();
    assert_eq!(text(props("BetaQueue").get("QueueName").unwrap()), "q-Beta");
    assert_eq!(
        text(
            props("BetaQueue").get("Tags").unwrap().as_array().unwrap()[0]
                .get("Value")
                .unwrap()
        ),
        "Beta"
    );
    assert_eq!(text(props("Topicb2").get("TopicName").unwrap()), "b-2");
    assert_eq!(text(props("Buckety").get("BucketName").unwrap()), "b-y");
    assert_eq!(
        text(
            props("Buckety")
                .get("Tag1Holder")
                .unwrap()
                .get("Value")
                .unwrap()
        ),
        "Tag1"
    );
    let plain = props("Plain");
    assert_eq!(
        plain.get("DelaySeconds").unwrap().value,
        crate::source::Value::Number("3".into())
    );
    assert_eq!(
        plain.get("RedrivePolicy").unwrap().as_str(),
        Some(r#"{"deadLetterTargetArn":"arn","maxReceiveCount":3}"#)
    );
    assert_eq!(t.outputs.len(), 1);
    assert_eq!(t.outputs[0].name, "AlphaUrl");
    // The loop over a parameter without a value is said, at the loop, never dropped silently.
    let unexpanded: Vec<_> = l
        .findings
        .iter()
        .filter(|f| f.rule == "CFN-TRANSFORM-UNEXPANDED")
        .collect();
    assert_eq!(unexpanded.len(), 1, "{:?}", l.findings);
    assert_eq!(l.source.slice(unexpanded[0].span), "Fn::ForEach::Later");
    assert!(unexpanded[0].message.contains("parameter `Unset`"));
    // Copies keep the loop body's spans.
    let q = t.resource("BetaQueue").unwrap();
    assert_eq!(l.source.slice(q.logical_id_span), "${Name}Queue");
}

#[test]
fn configured_parameters_feed_the_collection() {
    let cfg = Config::parse(
        "[[stack]]\npath = \"t.yaml\"\nparameters = { Unset = \"p,q\" }\n",
        PathBuf::from("."),
        None,
    )
    .unwrap();
    let l = load_with(LOOPS, &cfg);
    let t = l.template.as_ref().unwrap();
    assert!(t.resource("Laterp").is_some() && t.resource("Laterq").is_some());
    assert!(l
        .findings
        .iter()
        .all(|f| f.rule != "CFN-TRANSFORM-UNEXPANDED"));
}

#[test]
fn a_template_made_only_of_loops_is_a_template() {
    let t = "Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::B:\n    - N\n    - [a]\n    - R${N}:\n        Type: AWS::IAM::RolePolicy\n        Properties:\n          RoleName: r\n          PolicyName: p\n          PolicyDocument: {Statement: [{Effect: Allow, Action: s3:ReplicationTags, Resource: '*'}]}\n";
    let l = load(t);
    assert!(l.skipped.is_none(), "{:?}", l.skipped);
    assert_eq!(l.template.as_ref().unwrap().resources[0].logical_id, "Ra");
    assert_eq!(l.documents.len(), 1);
}

#[test]
fn malformed_loops_are_findings() {
    let t = "Resources:\n  Fn::ForEach::B: [N, [a]]\n  Q: {Type: AWS::SQS::Queue}\n";
    let l = load(t);
    assert!(
        l.findings.iter().any(|f| f.rule == "CFN-INTRINSIC-UNKNOWN"),
        "{:?}",
        l.findings
    );
}

#[test]
fn find_in_map_keys_may_be_parameters() {
    let t = "Transform: AWS::LanguageExtensions\nParameters:\n  Env: {Type: String, Default: prod}\n  Other: {Type: String}\nMappings:\n  M: {prod: {Ids: [A, B]}}\nResources:\n  Fn::ForEach::L:\n    - I\n    - !FindInMap [M, !Ref Env, Ids]\n    - Q${I}: {Type: AWS::SQS::Queue}\n  Fn::ForEach::U:\n    - I\n    - !FindInMap [M, !Ref Other, Ids]\n    - R${I}: {Type: AWS::SQS::Queue}\n";
    let l = load(t);
    let ids: Vec<&str> = l
        .template
        .as_ref()
        .unwrap()
        .resources
        .iter()
        .map(|r| r.logical_id.as_str())
        .collect();
    assert_eq!(ids, ["QA", "QB"]);
    let f: Vec<_> = l
        .findings
        .iter()
        .filter(|f| f.rule == "CFN-TRANSFORM-UNEXPANDED")
        .collect();
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message.contains("keyed by parameter `Other`"),
        "{}",
        f[0].message
    );
}

#[test]
fn a_policy_in_to_json_string_with_intrinsics_is_still_linted() {
    let t = "Transform: AWS::LanguageExtensions\nParameters:\n  Org: {Type: String}\nResources:\n  Scp:\n    Type: AWS::Organizations::Policy\n    Properties:\n      Name: deny\n      Type: SERVICE_CONTROL_POLICY\n      Content: !ToJsonString\n        Statement:\n          - {Effect: Deny, Action: s3:GetObjectt, Resource: '*', Condition: {StringNotEquals: {aws:PrincipalOrgID: !Ref Org}}}\n";
    let l = load(t);
    assert_eq!(l.documents.len(), 1);
    assert_eq!(l.documents[0].kind, crate::model::DocKind::Scp);
    assert!(
        l.findings.iter().all(|f| f.rule != "PARSE"),
        "{:?}",
        l.findings
    );
}

#[test]
fn a_policy_from_a_parameter_is_unknown_not_malformed() {
    let t = "Parameters:\n  Doc: {Type: String}\nResources:\n  P:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n      Queues: [q]\n      PolicyDocument: !Ref Doc\n";
    let l = load(t);
    assert!(l.documents.is_empty());
    let f: Vec<_> = l
        .findings
        .iter()
        .map(|f| (f.rule.as_str(), f.severity))
        .collect();
    assert_eq!(f, [("UNPROVEN", crate::rules::Severity::Info)]);
}
