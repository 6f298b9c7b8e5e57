//! Evaluation throughput: a role with 10 identity policies of 20 statements, a bucket policy and a key
//! policy, against a single-statement baseline measured in the same run. `cargo bench --bench eval`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

use std::hint::black_box;
use std::time::{Duration, Instant};
use trustlint::eval::{evaluate, NamedPolicy, PolicySet, Request, Val};
use trustlint::model::policy::parse_policy;
use trustlint::model::Policy;
use trustlint::source::json;

const A: &str = "111111111111";
const B: &str = "222222222222";

fn policy(text: &str) -> Policy {
    let (p, errors) = parse_policy(&json::parse(text).expect("bench policy is JSON"));
    assert!(errors.is_empty(), "{errors:?}");
    p
}

/// Statement `j` of identity policy `i`: a realistic mix of services, wildcards and conditions.
fn identity_statement(i: usize, j: usize) -> String {
    let (action, resource) = match j % 5 {
        0 => (
            format!("\"s3:Get*\", \"s3:List{i}{j}*\""),
            format!("\"arn:aws:s3:::bucket-{i}-{j}/*\""),
        ),
        1 => (
            "\"sqs:SendMessage\"".to_string(),
            format!("\"arn:aws:sqs:*:{A}:queue-{i}-{j}\""),
        ),
        2 => (
            "\"dynamodb:Query\", \"dynamodb:GetItem\"".to_string(),
            format!("\"arn:aws:dynamodb:us-east-1:{A}:table/t{i}{j}\""),
        ),
        3 => (
            "\"kms:Decrypt\", \"kms:GenerateDataKey*\"".to_string(),
            format!("\"arn:aws:kms:us-east-1:{B}:key/k-{i}-{j}\""),
        ),
        _ => (
            "\"logs:PutLogEvents\"".to_string(),
            format!("\"arn:aws:logs:*:{A}:log-group:/app/{i}/{j}:*\""),
        ),
    };
    let cond = if j.is_multiple_of(3) {
        r#","Condition":{"StringEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"]},"Bool":{"aws:SecureTransport":"true"}}"#
    } else {
        ""
    };
    format!(
        r#"{{"Sid":"S{i}x{j}","Effect":"Allow","Action":[{action}],"Resource":[{resource}]{cond}}}"#
    )
}

fn main() {
    let identity: Vec<Policy> = (0..10)
        .map(|i| {
            let sts: Vec<String> = (0..20).map(|j| identity_statement(i, j)).collect();
            policy(&format!(
                r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
                sts.join(",")
            ))
        })
        .collect();
    // The statements that actually grant the two benchmarked requests sit in the last policy.
    let grant = policy(&format!(
        r#"{{"Version":"2012-10-17","Statement":[
        {{"Effect":"Allow","Action":["s3:GetObject","s3:GetObjectVersion"],"Resource":"arn:aws:s3:::dest-bucket/*"}},
        {{"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:us-east-1:{B}:key/*","Condition":{{"StringLike":{{"kms:ViaService":"s3.*.amazonaws.com"}}}}}}]}}"#
    ));
    let bucket = policy(&format!(
        r#"{{"Version":"2012-10-17","Statement":[
        {{"Sid":"DenyInsecure","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::dest-bucket","arn:aws:s3:::dest-bucket/*"],"Condition":{{"Bool":{{"aws:SecureTransport":"false"}}}}}},
        {{"Sid":"Replicate","Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{A}:role/service-role/replication"}},"Action":["s3:ReplicateObject","s3:ReplicateDelete","s3:GetObject"],"Resource":"arn:aws:s3:::dest-bucket/*"}},
        {{"Sid":"Versioning","Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{A}:root"}},"Action":["s3:GetBucketVersioning","s3:PutBucketVersioning"],"Resource":"arn:aws:s3:::dest-bucket"}},
        {{"Sid":"Org","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::dest-bucket/*","Condition":{{"StringNotEquals":{{"aws:PrincipalOrgID":"o-mine"}}}}}}]}}"#
    ));
    let key = policy(&format!(
        r#"{{"Version":"2012-10-17","Statement":[
        {{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{B}:root"}},"Action":"kms:*","Resource":"*"}},
        {{"Sid":"Replication","Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{A}:role/service-role/replication"}},"Action":["kms:Encrypt","kms:Decrypt","kms:GenerateDataKey*"],"Resource":"*"}},
        {{"Sid":"Admins","Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{B}:role/key-admin"}},"Action":["kms:Create*","kms:Describe*","kms:Put*"],"Resource":"*"}}]}}"#
    ));
    let baseline_policy = policy(
        r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}"#,
    );

    let names: Vec<String> = (0..11).map(|i| format!("identityPolicies[{i}]")).collect();
    let mut ids: Vec<NamedPolicy> = identity
        .iter()
        .zip(&names)
        .map(|(p, n)| NamedPolicy { name: n, policy: p })
        .collect();
    ids.push(NamedPolicy {
        name: &names[10],
        policy: &grant,
    });

    let principal = format!("arn:aws:sts::{A}:assumed-role/replication/s3-replication");
    let mut s3 = Request::new(
        Val::known(&principal),
        "s3:GetObject",
        Val::known("arn:aws:s3:::dest-bucket/a/b.txt"),
    );
    s3.resource_account = Some(Val::known(B));
    for (k, v) in [
        (
            "aws:PrincipalArn",
            format!("arn:aws:iam::{A}:role/service-role/replication"),
        ),
        ("aws:SecureTransport", "true".into()),
        ("aws:PrincipalOrgID", "o-mine".into()),
        ("aws:RequestedRegion", "us-east-1".into()),
        ("kms:ViaService", "s3.us-east-1.amazonaws.com".into()),
    ] {
        s3.context.set(k, Val::Known(v));
    }
    let mut kms = s3.clone();
    kms.action = "kms:Decrypt".into();
    kms.resource = Val::known(format!(
        "arn:aws:kms:us-east-1:{B}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    ));
    kms.resource_account = None;

    let bucket_set = PolicySet {
        identity: ids.clone(),
        resource: Some(NamedPolicy {
            name: "resourcePolicy",
            policy: &bucket,
        }),
        ..Default::default()
    };
    let key_set = PolicySet {
        identity: ids,
        resource: Some(NamedPolicy {
            name: "resourcePolicy",
            policy: &key,
        }),
        ..Default::default()
    };
    let base_req = Request::new(
        Val::known(&principal),
        "s3:GetObject",
        Val::known("arn:aws:s3:::b/k"),
    );
    let base_set = PolicySet {
        identity: vec![NamedPolicy {
            name: "p",
            policy: &baseline_policy,
        }],
        ..Default::default()
    };
    assert!(evaluate(&s3, &bucket_set).unwrap().is_allowed());
    assert!(evaluate(&kms, &key_set).unwrap().is_allowed());
    assert!(evaluate(&base_req, &base_set).unwrap().is_allowed());

    let rate = |f: &dyn Fn()| -> f64 {
        let budget = Duration::from_millis(1500);
        let start = Instant::now();
        let mut n = 0u64;
        while start.elapsed() < budget {
            for _ in 0..100 {
                f();
            }
            n += 100;
        }
        n as f64 / start.elapsed().as_secs_f64()
    };
    let base = rate(&|| {
        black_box(evaluate(black_box(&base_req), black_box(&base_set)).unwrap());
    });
    let s3_rate = rate(&|| {
        black_box(evaluate(black_box(&s3), black_box(&bucket_set)).unwrap());
    });
    let kms_rate = rate(&|| {
        black_box(evaluate(black_box(&kms), black_box(&key_set)).unwrap());
    });
    println!("baseline (1 statement)                          {base:>12.0} evaluations/s");
    println!("s3:GetObject, 10x20 + 2 identity stmts, bucket {s3_rate:>12.0} evaluations/s  ({:.1}x slower than baseline)", base / s3_rate);
    println!("kms:Decrypt,  10x20 + 2 identity stmts, key    {kms_rate:>12.0} evaluations/s  ({:.1}x slower than baseline)", base / kms_rate);
}
