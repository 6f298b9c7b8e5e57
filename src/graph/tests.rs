//! Model linking and graph construction on small in-memory templates (loaded by the CFN frontend).

use super::{EdgeKind, NodeKind, TrustGraph};
use crate::config::Config;
use crate::load;
use crate::load::cfn::{model_inputs, Template};
use crate::model::ident::How;
use crate::model::{Kind, Model};
use crate::source::{FileId, SourceFile};
use std::path::Path;
use std::sync::Arc;

fn templates(files: &[(&str, &str)]) -> Vec<Template> {
    let cfg = Config::default();
    files
        .iter()
        .enumerate()
        .map(|(i, (name, text))| {
            let src = SourceFile::new(FileId(i as u32), name.to_string(), Arc::from(*text));
            load::load_text(src, Path::new(name), &cfg)
                .template
                .unwrap_or_else(|| panic!("{name} is not a template"))
        })
        .collect()
}

fn bound(account: &str, region: &str, resources: &str) -> String {
    format!(
        r#"{{"Metadata": {{"trustlint": {{"account": "{account}", "region": "{region}"}}}},
            "Resources": {{ {resources} }} }}"#
    )
}

#[test]
fn destination_bucket_named_by_arn_is_the_other_accounts_bucket() {
    let src = bound(
        "111111111111",
        "eu-west-1",
        r#""Src": {"Type": "AWS::S3::Bucket", "Properties": {"ReplicationConfiguration": {
              "Role": {"Fn::GetAtt": ["Role", "Arn"]},
              "Rules": [{"Id": "All", "Status": "Enabled",
                         "Destination": {"Bucket": "arn:aws:s3:::dst-bucket"}},
                        {"Id": "Elsewhere", "Status": "Enabled",
                         "Destination": {"Bucket": "arn:aws:s3:::nobody-defines-this"}}]}}},
           "Role": {"Type": "AWS::IAM::Role", "Properties": {"Path": "/service-role/",
              "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow",
                 "Principal": {"Service": "s3.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}}"#,
    );
    let dst = bound(
        "222222222222",
        "eu-west-1",
        r#""Dst": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "dst-bucket"}}"#,
    );
    let t = templates(&[("src.json", &src), ("dst.json", &dst)]);
    let m = Model::build(&model_inputs(&t));
    let rep = m.buckets[0].replication.as_ref().unwrap();
    let dst_rule = rep.rules[0].destination.as_ref().unwrap();
    assert_eq!(dst_rule.bucket_target, Some(1));
    assert_eq!(m.buckets[1].origin.account, "222222222222");
    assert_eq!(
        rep.rules[1].destination.as_ref().unwrap().bucket_target,
        None
    );
    // The role has no RoleName: its ARN is symbolic, and the GetAtt links to it (and only to it).
    assert_eq!(rep.role_target, Some(0));
    assert!(crate::model::symbolic::has_symbol(&m.roles[0].arn));
    assert!(m.roles[0].arn.contains(":role/service-role/"));

    let g = TrustGraph::new(m);
    let src_n = g.by_id("bucket:src/Src").unwrap();
    let outs = g.edges_from(src_n, EdgeKind::ReplicatesTo);
    assert_eq!(outs.len(), 2);
    assert_eq!(
        g.node(outs[0].0).id,
        "bucket:arn:aws:s3:::nobody-defines-this"
    );
    assert!(g.node(outs[0].0).external);
    assert_eq!(g.node(outs[1].0).id, "bucket:dst/Dst");
    assert_eq!(outs[1].1.label, "replicates_to (rule All)");
    let role = g.of(Kind::Role, 0).unwrap();
    let trusts = g.trusts_into(role);
    assert_eq!(trusts.len(), 1);
    assert_eq!(g.node(trusts[0].0).kind, NodeKind::Service);
}

#[test]
fn symbolic_role_arn_links_to_its_own_role_only() {
    // Two stacks with a role of the same logical id and no RoleName: each reference links to the role of
    // its own stack; a parameter symbol links to nothing.
    let a = bound(
        "111111111111",
        "eu-west-1",
        r#""Role": {"Type": "AWS::IAM::Role", "Properties": {}},
           "B": {"Type": "AWS::S3::Bucket", "Properties": {"ReplicationConfiguration": {
              "Role": {"Fn::GetAtt": ["Role", "Arn"]},
              "Rules": [{"Status": "Enabled", "Destination": {"Bucket": "arn:aws:s3:::x"}}]}}}"#,
    );
    let b = r#"{"Parameters": {"RoleArn": {"Type": "String"}},
        "Resources": {
           "Role": {"Type": "AWS::IAM::Role", "Properties": {}},
           "B": {"Type": "AWS::S3::Bucket", "Properties": {"ReplicationConfiguration": {
              "Role": {"Ref": "RoleArn"},
              "Rules": [{"Status": "Enabled", "Destination": {"Bucket": "arn:aws:s3:::x"}}]}}}}}"#;
    let t = templates(&[("a.json", &a), ("b.json", b)]);
    let m = Model::build(&model_inputs(&t));
    assert_eq!(
        m.buckets[0].replication.as_ref().unwrap().role_target,
        Some(0)
    );
    assert_eq!(m.buckets[1].replication.as_ref().unwrap().role_target, None);
    assert_ne!(m.roles[0].arn, m.roles[1].arn);
    // The unbound template has an unknown account of its own.
    assert!(crate::model::symbolic::has_symbol(
        &m.roles[1].origin.account
    ));
    let r = m.resolve(Kind::Role, &m.roles[1].arn.clone(), &m.roles[0].origin);
    assert_eq!(r, Some((1, How::Exact)));
}

#[test]
fn literal_key_arns_link_by_pin_then_by_uniqueness() {
    let src = bound(
        "111111111111",
        "eu-west-1",
        r#""B": {"Type": "AWS::S3::Bucket", "Properties": {"ReplicationConfiguration": {
              "Role": "arn:aws:iam::111111111111:role/r",
              "Rules": [
                {"Id": "Pinned", "Status": "Enabled", "Destination": {"Bucket": "arn:aws:s3:::d",
                  "EncryptionConfiguration": {"ReplicaKmsKeyID": "arn:aws:kms:us-east-1:222222222222:key/pinned-1"}}},
                {"Id": "Unique", "Status": "Enabled", "Destination": {"Bucket": "arn:aws:s3:::d",
                  "EncryptionConfiguration": {"ReplicaKmsKeyID": "arn:aws:kms:eu-west-1:222222222222:key/whatever"}}},
                {"Id": "Ambiguous", "Status": "Enabled", "Destination": {"Bucket": "arn:aws:s3:::d",
                  "EncryptionConfiguration": {"ReplicaKmsKeyID": "arn:aws:kms:ap-south-1:222222222222:key/x"}}}
              ]}}}"#,
    );
    let us = bound(
        "222222222222",
        "us-east-1",
        r#""Pinned": {"Type": "AWS::KMS::Key", "Metadata": {"trustlint": {"arn": "arn:aws:kms:us-east-1:222222222222:key/pinned-1"}}, "Properties": {}},
           "Other": {"Type": "AWS::KMS::Key", "Properties": {}}"#,
    );
    let eu = bound(
        "222222222222",
        "eu-west-1",
        r#""Only": {"Type": "AWS::KMS::Key", "Properties": {}}"#,
    );
    let ap = bound(
        "222222222222",
        "ap-south-1",
        r#""K1": {"Type": "AWS::KMS::Key", "Properties": {}}, "K2": {"Type": "AWS::KMS::Key", "Properties": {}}"#,
    );
    let t = templates(&[
        ("src.json", &src),
        ("us.json", &us),
        ("eu.json", &eu),
        ("ap.json", &ap),
    ]);
    let m = Model::build(&model_inputs(&t));
    let rules = &m.buckets[0].replication.as_ref().unwrap().rules;
    let key = |i: usize| rules[i].destination.as_ref().unwrap().replica_key_target;
    assert_eq!(
        key(0).map(|k| m.keys[k].origin.logical_id.as_str()),
        Some("Pinned")
    );
    assert_eq!(
        key(1).map(|k| m.keys[k].origin.logical_id.as_str()),
        Some("Only")
    );
    assert_eq!(key(2), None);
    assert_eq!(m.assumed_links.len(), 1);
    assert_eq!(m.assumed_links[0].target, "eu/Only");
    let g = TrustGraph::new(m);
    let ext = g
        .by_id("key:arn:aws:kms:ap-south-1:222222222222:key/x")
        .unwrap();
    assert!(g.node(ext).external);
    assert_eq!(g.node(ext).account.as_deref(), Some("222222222222"));
}

#[test]
fn security_groups_standalone_rules_and_sources() {
    let t = bound(
        "333333333333",
        "eu-west-1",
        r#""Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "alb",
              "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "SourceSecurityGroupId": "sg-0123456789abcdef0"}]}},
           "Open": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {"GroupId": {"Ref": "Sg"},
              "IpProtocol": "-1", "CidrIp": "0.0.0.0/0"}},
           "Lb": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"SecurityGroups": [{"Fn::GetAtt": ["Sg", "GroupId"]}]}}"#,
    );
    let m = Model::build(&model_inputs(&templates(&[("app.json", &t)])));
    // The only group in the account and region is the one the rule is written in: never assumed.
    assert_eq!(m.security_groups[0].ingress[0].peer_group, None);
    assert_eq!(m.ingress(0).len(), 2);
    assert!(m.ingress(0)[1].all_protocols());
    assert_eq!(m.load_balancers[0].sg_links, vec![Some(0)]);
    let g = TrustGraph::new(m);
    let sg = g.of(Kind::SecurityGroup, 0).unwrap();
    let lb = g.of(Kind::LoadBalancer, 0).unwrap();
    assert_eq!(g.security_groups_of(lb), vec![sg]);
    let admitted: Vec<String> = g
        .admitted_into(sg)
        .iter()
        .map(|(n, e)| format!("{} {}", g.node(*n).id, e.label))
        .collect();
    assert_eq!(
        admitted,
        vec![
            "cidr:0.0.0.0/0 admits all traffic".to_string(),
            "security_group:sg-0123456789abcdef0 admits tcp 443".to_string()
        ]
    );
}

#[test]
fn graph_does_not_depend_on_template_order() {
    let a = bound(
        "111111111111",
        "eu-west-1",
        r#""B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "a",
        "ReplicationConfiguration": {"Role": "arn:aws:iam::111111111111:role/r", "Rules": [{"Id": "R", "Status": "Enabled",
        "Destination": {"Bucket": "arn:aws:s3:::b"}}]}}}"#,
    );
    let b = bound(
        "222222222222",
        "eu-west-1",
        r#""B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "b"}}"#,
    );
    let one = TrustGraph::new(Model::build(&model_inputs(&templates(&[
        ("a.json", &a),
        ("b.json", &b),
    ]))));
    let two = TrustGraph::new(Model::build(&model_inputs(&templates(&[
        ("b.json", &b),
        ("a.json", &a),
    ]))));
    assert_eq!(
        super::export::json::render(&one),
        super::export::json::render(&two)
    );
}
