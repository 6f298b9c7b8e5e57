//! Tests of template loading: every intrinsic, binding, symbols, spans, policies, suppressions.

use crate::config::Config;
use crate::load::test_support::Checked;
use crate::load::{collect_exports, parse_text, Loaded};
use crate::model::symbolic::{display, has_symbol};
use crate::model::DocKind;
use crate::source::{FileId, Node, SourceFile};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn load_with(text: &str, name: &str, cfg: &Config) -> Checked {
    let src = SourceFile::new(FileId(0), name.to_string(), Arc::from(text));
    let parsed = parse_text(src, Path::new(name), cfg);
    let exports = collect_exports([&parsed]);
    Checked::new(parsed.finish(&exports))
}

fn load(text: &str, name: &str) -> Checked {
    load_with(text, name, &Config::default())
}

/// A resolved property of a resource, by path.
fn prop<'a>(l: &'a Loaded, id: &str, path: &[&str]) -> &'a Node {
    let t = l.template.as_ref().expect("a template");
    let mut n = t
        .resource(id)
        .and_then(|r| r.properties.as_ref())
        .expect("properties");
    for p in path {
        n = match p.parse::<usize>() {
            Ok(i) => &n.as_array().unwrap_or_else(|| panic!("{p}: not an array"))[i],
            Err(_) => n.get(p).unwrap_or_else(|| panic!("no {p} in {n:?}")),
        };
    }
    n
}

fn s(l: &Loaded, id: &str, path: &[&str]) -> String {
    display(
        prop(l, id, path)
            .as_str()
            .unwrap_or_else(|| panic!("{path:?} is not a string")),
    )
}

fn rules(l: &Checked) -> Vec<&str> {
    l.findings.iter().map(|f| f.rule.as_str()).collect()
}

const BOUND: &str = r#"
AWSTemplateFormatVersion: "2010-09-09"
Metadata:
  trustlint: {account: "111111111111", region: eu-west-1}
Parameters:
  Env: {Type: String, Default: prod}
  DestAccount: {Type: String}
  Azs: {Type: CommaDelimitedList, Default: "a,b,c"}
  Ami: {Type: "AWS::SSM::Parameter::Value<String>", Default: /aws/ami}
Mappings:
  Regions:
    eu-west-1: {Short: euw1, Ids: [x, y]}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  ToDest: !Equals [!Ref DestAccount, "222222222222"]
  Both: !And [!Condition IsProd, !Or [!Condition IsDev, !Condition IsProd]]
Resources:
  Named:
    Type: AWS::S3::Bucket
    Properties: {BucketName: !Sub "data-${AWS::AccountId}-${AWS::Region}"}
  Unnamed:
    Type: AWS::S3::Bucket
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: replication
      Path: /service-role/
  Key:
    Type: AWS::KMS::Key
  Probe:
    Type: Custom::Probe
    Properties:
      Pseudo: [!Ref AWS::AccountId, !Ref AWS::Region, !Ref AWS::Partition, !Ref AWS::URLSuffix, !Ref AWS::StackName]
      NoValue: !Ref AWS::NoValue
      RefNamed: !Ref Named
      RefUnnamed: !Ref Unnamed
      Param: !Ref Env
      NoDefault: !Ref DestAccount
      List: !Ref Azs
      Ssm: !Ref Ami
      RoleArn: !GetAtt Role.Arn
      RoleArnList: !GetAtt [Role, Arn]
      BucketArn: {"Fn::GetAtt": ["Unnamed", "Arn"]}
      KeyArn: !GetAtt Key.Arn
      Sub1: !Sub "arn:${AWS::Partition}:s3:::${Named}/*"
      Sub2: !Sub ["${Prefix}-${Role.Arn}-${!Literal}", {Prefix: !Ref Env}]
      Join: !Join ["/", [a, !Ref Env, c]]
      Select: !Select [1, !Ref Azs]
      Split: !Split [",", "x,y"]
      SelectSplit: !Select [2, !Split ["/", "a/b/c"]]
      Map: !FindInMap [Regions, !Ref AWS::Region, Short]
      MapList: !FindInMap [Regions, eu-west-1, Ids]
      MapDefault: !FindInMap [Regions, us-east-1, Short, {DefaultValue: none}]
      IfTrue: !If [IsProd, yes-prod, no-prod]
      IfFalse: !If [IsDev, yes-dev, no-dev]
      IfBoth: !If [Both, both, not-both]
      IfUnknown: !If [ToDest, "222222222222", !Ref AWS::AccountId]
      IfNoValue: !If [ToDest, x, !Ref AWS::NoValue]
      IfDropped: !If [IsDev, x, !Ref AWS::NoValue]
      Base64: !Base64 hi
      Azs: !GetAZs ""
"#;

#[test]
fn refs_pseudo_parameters_and_parameters() {
    let l = load(BOUND, "stacks/src.yaml");
    assert!(l.findings.is_empty(), "{:?}", l.findings);
    let t = l.template.as_ref().unwrap();
    assert_eq!(t.stack, "src");
    let pseudo: Vec<String> = prop(&l, "Probe", &["Pseudo"])
        .as_array()
        .unwrap()
        .iter()
        .map(|n| display(n.as_str().unwrap()))
        .collect();
    assert_eq!(
        pseudo,
        [
            "111111111111",
            "eu-west-1",
            "aws",
            "amazonaws.com",
            "‹AWS::StackName of stack src›"
        ]
    );
    assert!(
        prop(&l, "Probe", &[]).get("NoValue").is_none(),
        "AWS::NoValue removes the member"
    );
    assert_eq!(s(&l, "Probe", &["RefNamed"]), "data-111111111111-eu-west-1");
    assert_eq!(
        s(&l, "Probe", &["RefUnnamed"]),
        "‹BucketName of Unnamed in stack src›"
    );
    assert_eq!(s(&l, "Probe", &["Param"]), "prod");
    assert_eq!(
        s(&l, "Probe", &["NoDefault"]),
        "‹parameter DestAccount of stack src›"
    );
    assert_eq!(prop(&l, "Probe", &["List"]).as_array().unwrap().len(), 3);
    assert!(has_symbol(prop(&l, "Probe", &["Ssm"]).as_str().unwrap()));
}

#[test]
fn get_att_both_forms_and_partial_arns() {
    let l = load(BOUND, "stacks/src.yaml");
    let role = "arn:aws:iam::111111111111:role/service-role/replication";
    assert_eq!(s(&l, "Probe", &["RoleArn"]), role);
    assert_eq!(s(&l, "Probe", &["RoleArnList"]), role);
    assert_eq!(
        s(&l, "Probe", &["BucketArn"]),
        "arn:aws:s3:::‹BucketName of Unnamed in stack src›"
    );
    assert_eq!(
        s(&l, "Probe", &["KeyArn"]),
        "arn:aws:kms:eu-west-1:111111111111:key/‹KeyId of Key in stack src›"
    );
}

#[test]
fn sub_join_select_split_find_in_map() {
    let l = load(BOUND, "stacks/src.yaml");
    assert_eq!(
        s(&l, "Probe", &["Sub1"]),
        "arn:aws:s3:::data-111111111111-eu-west-1/*"
    );
    assert_eq!(
        s(&l, "Probe", &["Sub2"]),
        "prod-arn:aws:iam::111111111111:role/service-role/replication-${Literal}"
    );
    assert_eq!(s(&l, "Probe", &["Join"]), "a/prod/c");
    assert_eq!(s(&l, "Probe", &["Select"]), "b");
    assert_eq!(prop(&l, "Probe", &["Split"]).as_array().unwrap().len(), 2);
    assert_eq!(s(&l, "Probe", &["SelectSplit"]), "c");
    assert_eq!(s(&l, "Probe", &["Map"]), "euw1");
    assert_eq!(s(&l, "Probe", &["MapList", "1"]), "y");
    assert_eq!(s(&l, "Probe", &["MapDefault"]), "none");
    assert_eq!(s(&l, "Probe", &["Base64"]), "aGk=");
    assert!(s(&l, "Probe", &["Azs"]).contains("Availability Zones of eu-west-1"));
}

#[test]
fn conditions_decidable_and_not() {
    let l = load(BOUND, "stacks/src.yaml");
    assert_eq!(s(&l, "Probe", &["IfTrue"]), "yes-prod");
    assert_eq!(s(&l, "Probe", &["IfFalse"]), "no-dev");
    assert_eq!(s(&l, "Probe", &["IfBoth"]), "both");
    assert_eq!(
        s(&l, "Probe", &["IfUnknown"]),
        "‹one of `222222222222` | `111111111111` (condition ToDest)›"
    );
    assert_eq!(
        s(&l, "Probe", &["IfNoValue"]),
        "‹one of `x` | no value (condition ToDest)›"
    );
    assert!(prop(&l, "Probe", &[]).get("IfDropped").is_none());
}

#[test]
fn parameters_and_binding_from_config() {
    let cfg = Config::parse(
        "[[stack]]\npath = \"stacks/*.yaml\"\naccount = \"333333333333\"\nregion = \"us-east-1\"\nname = \"source\"\nparameters = { Env = \"dev\", DestAccount = \"222222222222\" }\n",
        PathBuf::from("."),
        None,
    )
    .unwrap();
    let l = load_with(BOUND, "stacks/src.yaml", &cfg);
    // Metadata wins over the config for account and region; parameters and name come from the config.
    assert_eq!(s(&l, "Probe", &["Pseudo", "0"]), "111111111111");
    assert_eq!(s(&l, "Probe", &["Pseudo", "4"]), "source");
    assert_eq!(s(&l, "Probe", &["Param"]), "dev");
    assert_eq!(s(&l, "Probe", &["IfTrue"]), "no-prod");
    assert_eq!(s(&l, "Probe", &["IfUnknown"]), "222222222222");
}

#[test]
fn unbound_template_gets_symbols() {
    let t = "Resources:\n  R:\n    Type: AWS::IAM::Role\n  P:\n    Type: Custom::P\n    Properties:\n      A: !GetAtt R.Arn\n      Region: !Ref AWS::Region\n";
    let l = load(t, "x/Unbound.template.yaml");
    assert_eq!(
        s(&l, "P", &["A"]),
        "arn:aws:iam::‹AWS::AccountId of stack Unbound›:role/‹RoleName of R in stack Unbound›"
    );
    assert_eq!(s(&l, "P", &["Region"]), "‹AWS::Region of stack Unbound›");
}

#[test]
fn import_value_links_two_templates() {
    let exporter = r#"{
  "Metadata": {"trustlint": {"account": "222222222222", "region": "us-east-1"}},
  "Resources": {"Dest": {"Type": "AWS::S3::Bucket"}},
  "Outputs": {
    "DestArn": {"Value": {"Fn::GetAtt": ["Dest", "Arn"]}, "Export": {"Name": {"Fn::Sub": "${AWS::AccountId}-dest-arn"}}}
  }
}"#;
    let importer = r#"{
  "Resources": {"P": {"Type": "Custom::P", "Properties": {
    "Imported": {"Fn::ImportValue": "222222222222-dest-arn"},
    "Missing": {"Fn::ImportValue": "nope"}
  }}}
}"#;
    let cfg = Config::default();
    let a = parse_text(
        SourceFile::new(FileId(0), "dst.json".into(), Arc::from(exporter)),
        Path::new("dst.json"),
        &cfg,
    );
    let b = parse_text(
        SourceFile::new(FileId(1), "src.json".into(), Arc::from(importer)),
        Path::new("src.json"),
        &cfg,
    );
    let exports = collect_exports([&a, &b]);
    let l = b.finish(&exports);
    assert_eq!(
        s(&l, "P", &["Imported"]),
        "arn:aws:s3:::‹BucketName of Dest in stack dst›"
    );
    assert!(s(&l, "P", &["Missing"]).contains("export nope (not defined"));
    let a = a.finish(&exports);
    assert_eq!(
        a.template.unwrap().outputs[0].export_name.as_deref(),
        Some("222222222222-dest-arn")
    );
}

#[test]
fn unknown_references_and_functions_are_findings() {
    let t = r#"
Conditions:
  IsProd: !Equals [a, a]
Resources:
  SourceBucket:
    Type: AWS::S3::Bucket
  P:
    Type: Custom::P
    Properties:
      A: !Ref SourceBuckt
      B: !Sub "arn:aws:s3:::${SourceBuket}/*"
      C: !GetAtt Sourcebucket.Arn
      D: !Subb x
      E: !Join [",", a, b]
      F: !If [IsProdd, a, b]
      G: !FindInMap [Nope, a, b]
"#;
    let l = load(t, "t.yaml");
    let mut got: Vec<(&str, &str, Option<&str>)> = l
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.as_str(),
                &t[f.span.start as usize..f.span.end as usize],
                f.help.as_deref(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            (
                "CFN-INTRINSIC-UNKNOWN",
                "!Subb",
                Some("did you mean `!Sub`?")
            ),
            ("CFN-INTRINSIC-UNKNOWN", "[\",\", a, b]", None),
            ("CFN-REF-UNKNOWN", "IsProdd", Some("did you mean `IsProd`?")),
            (
                "CFN-REF-UNKNOWN",
                "Nope",
                Some("define the mapping, or fix the name (names are case-sensitive)")
            ),
            (
                "CFN-REF-UNKNOWN",
                "SourceBuckt",
                Some("did you mean `SourceBucket`?")
            ),
            (
                "CFN-REF-UNKNOWN",
                "SourceBuket",
                Some("did you mean `SourceBucket`?")
            ),
            (
                "CFN-REF-UNKNOWN",
                "Sourcebucket",
                Some("did you mean `SourceBucket`?")
            ),
        ]
    );
}

#[test]
fn blanks_around_a_sub_variable_are_ignored() {
    // CloudFormation accepts `${ Name }` (cfn-lint issue #236 reports it deploying; cfn-lint trims too).
    let t = r#"
Metadata:
  trustlint: {account: "111111111111", region: eu-west-1}
Parameters:
  Package: {Type: String, Default: pkg}
Resources:
  SourceBucket:
    Type: AWS::S3::Bucket
    Properties: {BucketName: src}
  P:
    Type: Custom::P
    Properties:
      A: !Sub "${ Package}/${SourceBucket.Arn }/${ Missing }"
"#;
    let l = load(t, "t.yaml");
    assert_eq!(
        s(&l, "P", &["A"]),
        "pkg/arn:aws:s3:::src/‹unresolved Ref Missing›"
    );
    let got: Vec<(&str, &str)> = l
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.as_str(),
                &t[f.span.start as usize..f.span.end as usize],
            )
        })
        .collect();
    // Only the name that does not exist is reported, at the name without its blanks.
    assert_eq!(got, vec![("CFN-REF-UNKNOWN", "Missing")]);
}

#[test]
fn template_policy_scalars_are_strings() {
    // CloudFormation passes `Sid: 1` and `Bool: {aws:SecureTransport: false}` to IAM as strings; a
    // policy written as a JSON string is passed verbatim, so a number there stays a shape error.
    let t = r#"
Resources:
  R:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: 1
            Effect: Allow
            Action: s3:GetObject
            Resource: "*"
            Condition: {Bool: {aws:SecureTransport: true}}
  S:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Sid":1,"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}'
"#;
    let l = load(t, "t.yaml");
    assert_eq!(l.documents.len(), 2);
    let r = &l.documents[0];
    assert!(r.shape_errors.is_empty(), "{:?}", r.shape_errors);
    let sid = r.policy.statements[0]
        .sid
        .as_ref()
        .map(|s| s.value.as_str());
    assert_eq!(sid, Some("1"));
    let c = &r.policy.statements[0].conditions[0];
    assert_eq!(c.values[0].value, "true");
    let errors: Vec<&str> = l.documents[1]
        .shape_errors
        .iter()
        .map(|e| e.message.as_str())
        .collect();
    assert_eq!(errors, vec!["`Sid` must be a string, found a number"]);
}

#[test]
fn policies_are_extracted_with_kinds_and_names() {
    let t = r#"
Resources:
  ReplicationRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement: [{Effect: Allow, Principal: {Service: s3.amazonaws.com}, Action: sts:AssumeRole}]
      Policies:
        - PolicyName: replicate
          PolicyDocument:
            Version: "2012-10-17"
            Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: s3:ListBucket, Resource: "*"}]}
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root"}, Action: "kms:*", Resource: "*"}]}
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: b
      PolicyDocument: |
        {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}
"#;
    let l = load(t, "t.yaml");
    let got: Vec<(DocKind, Option<&str>)> = l
        .documents
        .iter()
        .map(|d| (d.kind, d.name.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            (DocKind::Trust, Some("ReplicationRole (AWS::IAM::Role)")),
            (
                DocKind::Identity,
                Some("ReplicationRole (AWS::IAM::Role) policy replicate")
            ),
            (DocKind::Identity, Some("Managed (AWS::IAM::ManagedPolicy)")),
            (DocKind::KeyPolicy, Some("Key (AWS::KMS::Key)")),
            (
                DocKind::Resource,
                Some("BucketPolicy (AWS::S3::BucketPolicy)")
            ),
        ]
    );
    assert!(
        l.documents.iter().all(|d| d.shape_errors.is_empty()),
        "{:?}",
        l.documents
    );
}

#[test]
fn policy_finding_in_yaml_points_at_the_scalar() {
    // A non-ASCII comment before the policy must not shift lines or columns.
    let t = "# Réplication → compte B ✓\nResources:\n  R:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: \"2012-10-18\"\n        Statement:\n          - Effect: Allow\n            Action: s3:GetObject\n            Resource: \"*\"\n";
    let mut l = load(t, "t.yaml");
    for d in &l.loaded.documents {
        crate::rules::policy::check(d, &l.loaded.source, &mut l.findings);
    }
    let f = l
        .findings
        .iter()
        .find(|f| f.rule == "POL-VERSION")
        .expect("POL-VERSION finding");
    assert_eq!(l.source.slice(f.span), "\"2012-10-18\"");
    assert_eq!(l.source.line_col(f.span.start), (7, 18));
    assert_eq!(f.resource.as_deref(), Some("R (AWS::IAM::ManagedPolicy)"));
}

#[test]
fn suppressions_and_metadata_findings() {
    let t = r#"
Metadata:
  trustlint: {acount: "1"}
Resources:
  Quiet:
    Type: AWS::IAM::ManagedPolicy
    Metadata:
      trustlint:
        ignore: [POL-VERSION, POL-NOPE]
        reason: legacy
    Properties:
      PolicyDocument: {Version: "2008-10-17", Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]}
  Loud:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: {Version: "2008-10-17", Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]}
"#;
    let mut l = load(t, "t.yaml");
    for d in &l.loaded.documents {
        crate::rules::policy::check(d, &l.loaded.source, &mut l.findings);
    }
    let tpl = l.loaded.template.as_ref().unwrap();
    assert_eq!(tpl.suppressions[0].reason.as_deref(), Some("legacy"));
    crate::rules::cfn::metadata::check_suppressions(tpl, &mut l.findings);
    l.findings
        .retain(|f| !tpl.suppresses(f.rule.as_str(), f.file, f.span));
    let got: Vec<(&str, &str)> = l
        .findings
        .iter()
        .map(|f| (f.rule.as_str(), l.source.slice(f.span)))
        .collect();
    assert!(got.contains(&("CFN-METADATA", "acount")), "{got:?}");
    assert!(got.contains(&("CFN-METADATA", "POL-NOPE")), "{got:?}");
    let versions: Vec<_> = l
        .findings
        .iter()
        .filter(|f| f.rule == "POL-VERSION")
        .collect();
    assert_eq!(versions.len(), 1);
    assert_eq!(
        versions[0].resource.as_deref(),
        Some("Loud (AWS::IAM::ManagedPolicy)")
    );
    assert_eq!(
        rules(&l).iter().filter(|r| **r == "CFN-METADATA").count(),
        2
    );
}

#[test]
fn non_templates_are_skipped_and_broken_templates_are_parse_errors() {
    let l = load("apiVersion: v1\nkind: Pod\n", "pod.yaml");
    assert!(l.findings.is_empty() && l.skipped.is_some() && l.template.is_none());
    let l = load("a: {{ .Values.x }}\n", "chart/templates/x.yaml");
    assert!(l.findings.is_empty() && l.skipped.is_some());
    let l = load(
        "Resources:\n  B:\n    Type: AWS::S3::Bucket\n  B:\n    Type: AWS::S3::Bucket\n",
        "dup.yaml",
    );
    assert_eq!(rules(&l), vec!["PARSE"]);
    assert_eq!(l.source.slice(l.findings[0].span), "B");
    assert_eq!(l.source.line_col(l.findings[0].span.start), (4, 3));
}

#[test]
fn cdk_output_json() {
    let t = r#"{
 "Resources": {
  "ReplicationRoleCE149CEC": {
   "Type": "AWS::IAM::Role",
   "Properties": {
    "AssumeRolePolicyDocument": {"Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}}], "Version": "2012-10-17"}
   },
   "Metadata": {"aws:cdk:path": "Src/ReplicationRole/Resource"}
  },
  "ReplicationRoleDefaultPolicy80AD5ABA": {
   "Type": "AWS::IAM::Policy",
   "Properties": {
    "PolicyDocument": {"Statement": [{"Action": ["s3:GetObjectVersionForReplication"], "Effect": "Allow",
      "Resource": {"Fn::Join": ["", [{"Fn::GetAtt": ["SourceBucketDDD2130A", "Arn"]}, "/*"]]}}], "Version": "2012-10-17"},
    "PolicyName": "ReplicationRoleDefaultPolicy80AD5ABA",
    "Roles": [{"Ref": "ReplicationRoleCE149CEC"}]
   }
  },
  "SourceBucketDDD2130A": {"Type": "AWS::S3::Bucket", "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain"}
 }
}"#;
    let l = load(t, "cdk.out/Src.template.json");
    assert!(l.findings.is_empty(), "{:?}", l.findings);
    assert_eq!(l.documents.len(), 2);
    assert_eq!(
        s(
            &l,
            "ReplicationRoleDefaultPolicy80AD5ABA",
            &["PolicyDocument", "Statement", "0", "Resource"]
        ),
        "arn:aws:s3:::‹BucketName of SourceBucketDDD2130A in stack Src›/*"
    );
    assert_eq!(
        s(&l, "ReplicationRoleDefaultPolicy80AD5ABA", &["Roles", "0"]),
        "‹RoleName of ReplicationRoleCE149CEC in stack Src›"
    );
    assert_eq!(
        l.documents[1].attachment,
        crate::model::document::Attachment::InlineRole
    );
}
