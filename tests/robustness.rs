//! Robustness properties: no user input may panic the parsers, the loaders, the rules or the renderers.
//!
//! Generators are structure-aware (IAM policies, CLI answers with embedded policies, CloudFormation in
//! JSON and YAML with intrinsics, Terraform plans) and mutation-based (every fixture and example, with
//! random byte/char edits). Each case goes through `trustlint::lint` and every report format.
//! Case counts are kept small for `cargo test`; hunt with `PROPTEST_CASES=5000 cargo test --release
//! --test robustness`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::Config as PtConfig;
use trustlint::config::Config;
use trustlint::report::{render, Format};

// ---------------------------------------------------------------------------------------------------
// A tiny document tree, rendered as JSON text or YAML text.

#[derive(Debug, Clone)]
enum T {
    /// Emitted verbatim (numbers, literals, strings with raw escapes).
    Raw(String),
    Str(String),
    Arr(Vec<T>),
    Obj(Vec<(String, T)>),
    /// An intrinsic: `{"Fn::X": v}` in JSON, `!X v` in YAML.
    Fn(&'static str, Box<T>),
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn to_json(t: &T, out: &mut String) {
    match t {
        T::Raw(r) => out.push_str(r),
        T::Str(s) => out.push_str(&quote(s)),
        T::Arr(v) => {
            out.push('[');
            for (i, x) in v.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                to_json(x, out);
            }
            out.push(']');
        }
        T::Obj(m) => {
            out.push('{');
            for (i, (k, x)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&quote(k));
                out.push(':');
                to_json(x, out);
            }
            out.push('}');
        }
        T::Fn(name, x) => {
            let key = if *name == "Ref" || *name == "Condition" {
                name.to_string()
            } else {
                format!("Fn::{name}")
            };
            out.push('{');
            out.push_str(&quote(&key));
            out.push(':');
            to_json(x, out);
            out.push('}');
        }
    }
}

fn json(t: &T) -> String {
    let mut s = String::new();
    to_json(t, &mut s);
    s
}

/// Members without repeated keys: a duplicate key is a YAML parse error, which would hide the rest.
fn unique(m: &[(String, T)]) -> Vec<&(String, T)> {
    let mut seen = std::collections::HashSet::new();
    m.iter().filter(|(k, _)| seen.insert(k.as_str())).collect()
}

/// Flow-style YAML (JSON-like, but intrinsics become short tags).
fn to_yaml_flow(t: &T, out: &mut String) {
    match t {
        T::Raw(r) => out.push_str(r),
        T::Str(s) => out.push_str(&quote(s)),
        T::Arr(v) => {
            out.push('[');
            for (i, x) in v.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                to_yaml_flow(x, out);
            }
            out.push(']');
        }
        T::Obj(m) => {
            out.push('{');
            for (i, (k, x)) in unique(m).into_iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&quote(k));
                out.push_str(": ");
                to_yaml_flow(x, out);
            }
            out.push('}');
        }
        T::Fn(name, x) => {
            out.push('!');
            out.push_str(name);
            out.push(' ');
            if let T::Fn(..) = **x {
                // A node takes one tag: the inner intrinsic is written in its long form.
                to_json(x, out);
            } else {
                to_yaml_flow(x, out);
            }
        }
    }
}

/// Block-style YAML for mappings and sequences, flow style inside tags.
fn to_yaml_block(t: &T, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match t {
        T::Obj(m) if !m.is_empty() => {
            for (k, x) in unique(m) {
                out.push_str(&pad);
                out.push_str(&quote(k));
                out.push(':');
                block_child(x, indent, out);
            }
        }
        T::Arr(v) if !v.is_empty() => {
            for x in v {
                out.push_str(&pad);
                out.push('-');
                block_child(x, indent, out);
            }
        }
        other => {
            out.push_str(&pad);
            to_yaml_flow(other, out);
            out.push('\n');
        }
    }
}

fn block_child(x: &T, indent: usize, out: &mut String) {
    match x {
        T::Obj(m) if !m.is_empty() => {
            out.push('\n');
            to_yaml_block(x, indent + 2, out);
        }
        T::Arr(v) if !v.is_empty() => {
            out.push('\n');
            to_yaml_block(x, indent + 2, out);
        }
        other => {
            out.push(' ');
            to_yaml_flow(other, out);
            out.push('\n');
        }
    }
}

fn yaml(t: &T) -> String {
    let mut s = String::new();
    to_yaml_block(t, 0, &mut s);
    s
}

// ---------------------------------------------------------------------------------------------------
// Leaves.

const TRICKY: &[&str] = &[
    "",
    "*",
    "?",
    "**",
    "*?*",
    "é",
    "日本",
    "🦀",
    "a\u{0301}",
    "\u{feff}",
    "\u{0}",
    "\\",
    "\"",
    "${aws:username}",
    "${aws:PrincipalTag/team}",
    "${",
    "${}",
    "${*}",
    "${?}",
    "${$}",
    "${aws:username",
    "arn",
    "arn:",
    "arn:aws",
    "arn:aws:iam::",
    "arn:aws:iam::123456789012:root",
    "arn:aws:iam::123456789012:role/r",
    "arn:aws:iam::123456789012:role/${aws:username}",
    "arn:aws:iam::*:role/*",
    "arn:aws:s3:::bucket",
    "arn:aws:s3:::bucket/*",
    "arn:aws:s3:::é/日本",
    "arn:aws:kms:us-east-1:123456789012:key/abcd",
    "arn:aws:kms:*:*:alias/x",
    "arn:aws-cn:sts::1:assumed-role/r/s",
    "arn:aws:sts::123456789012:federated-user/x",
    "arn:aws:globalaccelerator::123456789012:accelerator/x",
    "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1",
    "arn:::::::::",
    "123456789012",
    "000000000000",
    "12345678901",
    "1234567890123",
    "o-abc123",
    "r-ab12",
    "ou-ab12-abcdefgh",
    "o-abc123/*/ou-ab12-abcdefgh/*",
    "s3:*",
    "s3:GetObject",
    "s3:Get*",
    "s3:ReplicateObject",
    "sts:AssumeRole",
    "sts:Assume*",
    "kms:*",
    "kms:Decrypt",
    "kms:Encrypt",
    "kms:GenerateDataKey*",
    "iam:PassRole",
    ":",
    "::",
    "s3:",
    ":GetObject",
    "s3.amazonaws.com",
    "Allow",
    "Deny",
    "allow",
    "2012-10-17",
    "2008-10-17",
    "StringEquals",
    "StringLike",
    "ArnLike",
    "IpAddress",
    "NotIpAddress",
    "Bool",
    "Null",
    "ForAnyValue:StringEquals",
    "ForAllValues:StringLike",
    "StringEqualsIfExists",
    "aws:SourceAccount",
    "aws:SourceArn",
    "aws:PrincipalOrgID",
    "aws:PrincipalAccount",
    "aws:SecureTransport",
    "aws:SourceIp",
    "kms:ViaService",
    "kms:CallerAccount",
    "s3:x-amz-server-side-encryption-aws-kms-key-id",
    "0.0.0.0/0",
    "::/0",
    "10.0.0.0/8",
    "10.0.0.0/33",
    "10.0.0.300/8",
    "1.2.3.4",
    "fe80::1/129",
    "true",
    "false",
    "tcp",
    "-1",
    "6",
    "65536",
    "Enabled",
    "Disabled",
    "aws:kms",
    "AES256",
    "AWS::AccountId",
    "AWS::Region",
    "AWS::Partition",
    "AWS::NoValue",
    "A",
    "B",
    "Bucket",
    "Role",
    "Key",
    "SG",
    "Acc",
    "Lis",
    "EG",
    "LB",
    "TG",
    "Cond",
    "Param",
    "A.Arn",
    "Bucket.Arn",
    "Key.Arn",
    "Role.Arn",
    "A.",
    ".Arn",
    "...",
    "${A}",
    "${A.Arn}",
    "${AWS::AccountId}",
    "${!Literal}",
    "arn:${AWS::Partition}:s3:::${Bucket}/*",
    "arn:aws:iam::${AWS::AccountId}:root",
];

/// Raw JSON tokens, emitted verbatim: numbers of every shape and strings with escapes.
const RAW: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "123456789012",
    "1e400",
    "-1e400",
    "1E-400",
    "123456789012345678901234567890",
    "-123456789012345678901234567890",
    "0.000000000000000000000000001",
    "18446744073709551616",
    "9223372036854775808",
    "-9223372036854775809",
    "4294967296",
    "65535",
    "65536",
    "1.5",
    "true",
    "false",
    "null",
    r#""\u00e9""#,
    r#""\u00E9t\u00e9""#,
    r#""\ud83e\udd80""#,
    r#""\u0000""#,
    r#""\\u00e9""#,
    r#""\n\t\r\b\f\/""#,
    r#""\"*\"""#,
    r#""s3:\u002a""#,
    r#""arn:aws:iam::\u0031\u0032\u0033456789012:root""#,
    r#""\u0024{aws:username}""#,
];

fn tricky() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => proptest::sample::select(TRICKY).prop_map(str::to_string),
        // Concatenations of tricky fragments.
        2 => proptest::collection::vec(proptest::sample::select(TRICKY), 0..4).prop_map(|v| v.concat()),
        1 => any::<String>(),
        1 => "[a-z0-9:*?/${}.\\-é🦀]{0,24}",
    ]
}

fn leaf() -> BoxedStrategy<T> {
    prop_oneof![
        6 => tricky().prop_map(T::Str),
        2 => proptest::sample::select(RAW).prop_map(|s| T::Raw(s.to_string())),
        1 => any::<i64>().prop_map(|n| T::Raw(n.to_string())),
        1 => any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| T::Raw(format!("{f:e}"))),
    ]
    .boxed()
}

/// Any tree, keys drawn from `keys` (plus anything).
fn any_tree(keys: &'static [&'static str], depth: u32) -> BoxedStrategy<T> {
    let key = prop_oneof![
        4 => proptest::sample::select(keys).prop_map(str::to_string),
        1 => tricky(),
    ];
    leaf()
        .prop_recursive(depth, 24, 5, move |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(T::Arr),
                proptest::collection::vec((key.clone(), inner.clone()), 0..4).prop_map(T::Obj),
            ]
        })
        .boxed()
}

/// A string, or a list of strings, or (sometimes) something else entirely.
fn strings() -> BoxedStrategy<T> {
    prop_oneof![
        4 => tricky().prop_map(T::Str),
        4 => proptest::collection::vec(tricky().prop_map(T::Str), 0..4).prop_map(T::Arr),
        1 => any_tree(POLICY_KEYS, 2),
    ]
    .boxed()
}

/// Build an object from optional members; `None` means "absent".
fn obj(members: Vec<(&'static str, Option<T>)>) -> T {
    T::Obj(
        members
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k.to_string(), v)))
            .collect(),
    )
}

// ---------------------------------------------------------------------------------------------------
// IAM policies.

const POLICY_KEYS: &[&str] = &[
    "Version",
    "Id",
    "Statement",
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
    "AWS",
    "Service",
    "Federated",
    "CanonicalUser",
    "StringEquals",
    "StringLike",
    "ArnLike",
    "IpAddress",
    "Bool",
    "aws:SourceAccount",
    "aws:PrincipalOrgID",
    "aws:SourceIp",
];

fn principal() -> BoxedStrategy<T> {
    prop_oneof![
        2 => Just(T::Str("*".into())),
        1 => tricky().prop_map(T::Str),
        4 => proptest::collection::vec(
            (
                proptest::sample::select(&["AWS", "Service", "Federated", "CanonicalUser", "aws", ""][..]),
                strings(),
            ),
            0..3,
        )
        .prop_map(|v| T::Obj(v.into_iter().map(|(k, x)| (k.to_string(), x)).collect())),
        1 => any_tree(POLICY_KEYS, 3),
    ]
    .boxed()
}

fn condition() -> BoxedStrategy<T> {
    let op = prop_oneof![
        4 => proptest::sample::select(TRICKY).prop_map(str::to_string),
        1 => tricky(),
    ];
    let key = prop_oneof![
        4 => proptest::sample::select(TRICKY).prop_map(str::to_string),
        1 => tricky(),
    ];
    prop_oneof![
        6 => proptest::collection::vec(
            (op, proptest::collection::vec((key, prop_oneof![3 => strings(), 1 => leaf().boxed()]), 0..3)),
            0..3,
        )
        .prop_map(|v| T::Obj(v.into_iter().map(|(o, kv)| (o, T::Obj(kv))).collect())),
        1 => any_tree(POLICY_KEYS, 3),
    ]
    .boxed()
}

fn effect() -> BoxedStrategy<T> {
    prop_oneof![
        4 => proptest::sample::select(&["Allow", "Deny"][..]).prop_map(|s| T::Str(s.into())),
        1 => leaf(),
    ]
    .boxed()
}

fn statement() -> BoxedStrategy<T> {
    (
        proptest::option::weighted(0.3, tricky().prop_map(T::Str)),
        proptest::option::weighted(0.9, effect()),
        proptest::option::weighted(0.5, principal()),
        proptest::option::weighted(0.1, principal()),
        proptest::option::weighted(0.8, strings()),
        proptest::option::weighted(0.1, strings()),
        proptest::option::weighted(0.8, strings()),
        proptest::option::weighted(0.1, strings()),
        proptest::option::weighted(0.4, condition()),
        proptest::option::weighted(0.05, any_tree(POLICY_KEYS, 2)),
    )
        .prop_map(|(sid, e, p, np, a, na, r, nr, c, junk)| {
            obj(vec![
                ("Sid", sid),
                ("Effect", e),
                ("Principal", p),
                ("NotPrincipal", np),
                ("Action", a),
                ("NotAction", na),
                ("Resource", r),
                ("NotResource", nr),
                ("Condition", c),
                ("Statement", junk),
            ])
        })
        .prop_shuffle_members()
        .boxed()
}

trait ShuffleMembers {
    fn prop_shuffle_members(self) -> BoxedStrategy<T>;
}

impl<S: Strategy<Value = T> + 'static> ShuffleMembers for S {
    /// Sometimes reorder members, sometimes duplicate one (duplicate keys are user errors, not panics).
    fn prop_shuffle_members(self) -> BoxedStrategy<T> {
        (self, any::<u8>(), any::<u8>())
            .prop_map(|(t, a, b)| match t {
                T::Obj(mut m) if !m.is_empty() => {
                    let n = m.len();
                    match a % 16 {
                        0..=3 => m.swap(a as usize % n, b as usize % n),
                        4 => {
                            let dup = m[b as usize % n].clone();
                            m.push(dup);
                        }
                        _ => {}
                    }
                    T::Obj(m)
                }
                t => t,
            })
            .boxed()
    }
}

fn policy() -> BoxedStrategy<T> {
    (
        proptest::option::weighted(
            0.8,
            prop_oneof![
                4 => Just(T::Str("2012-10-17".into())),
                1 => leaf(),
            ],
        ),
        proptest::option::weighted(0.1, tricky().prop_map(T::Str)),
        proptest::option::weighted(
            0.95,
            prop_oneof![
                5 => proptest::collection::vec(statement(), 0..4).prop_map(T::Arr),
                2 => statement(),
                1 => any_tree(POLICY_KEYS, 3),
            ],
        ),
    )
        .prop_map(|(v, id, s)| obj(vec![("Version", v), ("Id", id), ("Statement", s)]))
        .prop_shuffle_members()
}

/// A policy as a file, or as the answer of an AWS CLI call (some embed the policy as a JSON string).
fn cli_document() -> BoxedStrategy<T> {
    let embedded = || policy().prop_map(|p| T::Str(json(&p)));
    prop_oneof![
        4 => policy(),
        2 => (embedded(), proptest::option::of(tricky().prop_map(T::Str)))
            .prop_map(|(p, name)| obj(vec![("Policy", Some(p)), ("PolicyName", name)])),
        1 => (policy(), tricky())
            .prop_map(|(p, n)| obj(vec![("Role", Some(obj(vec![
                ("RoleName", Some(T::Str(n))),
                ("Path", Some(T::Str("/".into()))),
                ("AssumeRolePolicyDocument", Some(p)),
            ])))])),
        1 => (embedded(), tricky())
            .prop_map(|(p, n)| obj(vec![("Role", Some(obj(vec![
                ("RoleName", Some(T::Str(n))),
                ("AssumeRolePolicyDocument", Some(p)),
            ])))])),
        1 => (policy(), tricky(), proptest::sample::select(&["RoleName", "UserName", "GroupName"][..]))
            .prop_map(|(p, n, owner)| obj(vec![
                (owner, Some(T::Str(n))),
                ("PolicyName", Some(T::Str("p".into()))),
                ("PolicyDocument", Some(p)),
            ])),
        1 => prop_oneof![policy(), embedded()]
            .prop_map(|p| obj(vec![("PolicyVersion", Some(obj(vec![("Document", Some(p))])))])),
        // Truncated embedded policy: the inner JSON is broken.
        1 => (policy(), any::<prop::sample::Index>()).prop_map(|(p, i)| {
            let s = json(&p);
            let cut = s.char_indices().map(|(b, _)| b).nth(i.index(s.chars().count().max(1))).unwrap_or(0);
            obj(vec![("Policy", Some(T::Str(s[..cut].to_string())))])
        }),
    ]
    .boxed()
}

// ---------------------------------------------------------------------------------------------------
// CloudFormation.

const NAMES: &[&str] = &[
    "A", "B", "Bucket", "Role", "Key", "SG", "Acc", "Lis", "EG", "LB", "TG", "Param", "Cond", "Pol",
];

const INTRINSICS: &[&str] = &[
    "Ref",
    "GetAtt",
    "Sub",
    "If",
    "Join",
    "Select",
    "Split",
    "ImportValue",
    "FindInMap",
    "GetAZs",
    "Base64",
    "Equals",
    "Not",
    "And",
    "Or",
    "Condition",
    "Cidr",
    "ToJsonString",
    "Length",
    "Transform",
];

fn name() -> BoxedStrategy<T> {
    prop_oneof![
        6 => proptest::sample::select(NAMES).prop_map(|s| T::Str(s.into())),
        1 => tricky().prop_map(T::Str),
    ]
    .boxed()
}

/// A CloudFormation value: literal, intrinsic with a well-formed or malformed argument, or junk.
fn cfn_value(depth: u32) -> BoxedStrategy<T> {
    let base = prop_oneof![
        5 => leaf(),
        2 => name(),
    ];
    base.prop_recursive(depth, 32, 4, |inner| {
        prop_oneof![
            2 => name().prop_map(|n| T::Fn("Ref", Box::new(n))),
            2 => prop_oneof![
                (name(), name()).prop_map(|(a, b)| T::Arr(vec![a, b])),
                (name(), tricky()).prop_map(|(a, b)| T::Str(format!("{}.{b}", json(&a).trim_matches('"')))),
                inner.clone(),
            ].prop_map(|x| T::Fn("GetAtt", Box::new(x))),
            2 => prop_oneof![
                tricky().prop_map(T::Str),
                (tricky(), proptest::collection::vec((proptest::sample::select(NAMES).prop_map(str::to_string), inner.clone()), 0..3))
                    .prop_map(|(s, vars)| T::Arr(vec![T::Str(s), T::Obj(vars)])),
                inner.clone(),
            ].prop_map(|x| T::Fn("Sub", Box::new(x))),
            2 => prop_oneof![
                (name(), inner.clone(), inner.clone()).prop_map(|(c, a, b)| T::Arr(vec![c, a, b])),
                proptest::collection::vec(inner.clone(), 0..5).prop_map(T::Arr),
                inner.clone(),
            ].prop_map(|x| T::Fn("If", Box::new(x))),
            2 => prop_oneof![
                (tricky(), proptest::collection::vec(inner.clone(), 0..4))
                    .prop_map(|(sep, v)| T::Arr(vec![T::Str(sep), T::Arr(v)])),
                proptest::collection::vec(inner.clone(), 0..4).prop_map(T::Arr),
                inner.clone(),
            ].prop_map(|x| T::Fn("Join", Box::new(x))),
            2 => (proptest::sample::select(INTRINSICS), prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(T::Arr),
                inner.clone(),
            ]).prop_map(|(f, x)| T::Fn(f, Box::new(x))),
            1 => proptest::collection::vec(inner.clone(), 0..4).prop_map(T::Arr),
            1 => proptest::collection::vec((proptest::sample::select(PROP_KEYS).prop_map(str::to_string), inner.clone()), 0..4).prop_map(T::Obj),
        ]
    })
    .boxed()
}

const PROP_KEYS: &[&str] = &[
    "BucketName",
    "ReplicationConfiguration",
    "Role",
    "Rules",
    "Destination",
    "Bucket",
    "Account",
    "EncryptionConfiguration",
    "ReplicaKmsKeyID",
    "AccessControlTranslation",
    "Owner",
    "SourceSelectionCriteria",
    "SseKmsEncryptedObjects",
    "Status",
    "Prefix",
    "Filter",
    "Priority",
    "BucketEncryption",
    "ServerSideEncryptionConfiguration",
    "ServerSideEncryptionByDefault",
    "SSEAlgorithm",
    "KMSMasterKeyID",
    "VersioningConfiguration",
    "AssumeRolePolicyDocument",
    "Policies",
    "PolicyName",
    "PolicyDocument",
    "RoleName",
    "ManagedPolicyArns",
    "PermissionsBoundary",
    "KeyPolicy",
    "KeyId",
    "TargetKeyId",
    "AliasName",
    "MultiRegion",
    "EnableKeyRotation",
    "GroupDescription",
    "SecurityGroupIngress",
    "SecurityGroupEgress",
    "CidrIp",
    "CidrIpv6",
    "IpProtocol",
    "FromPort",
    "ToPort",
    "SourceSecurityGroupId",
    "GroupId",
    "VpcId",
    "AcceleratorArn",
    "ListenerArn",
    "EndpointGroupRegion",
    "EndpointConfigurations",
    "EndpointId",
    "Weight",
    "ClientIPPreservationEnabled",
    "PortRanges",
    "Protocol",
    "Enabled",
    "IpAddresses",
    "Scheme",
    "Type",
    "Subnets",
    "SecurityGroups",
    "LoadBalancerArn",
    "DefaultActions",
    "TargetGroupArn",
    "Port",
    "Targets",
    "Id",
    "Bucket",
    "PolicyDocument",
    "Users",
    "Roles",
    "Groups",
];

fn cv() -> BoxedStrategy<T> {
    cfn_value(3)
}

fn opt(p: f64, s: BoxedStrategy<T>) -> BoxedStrategy<Option<T>> {
    proptest::option::weighted(p, s).boxed()
}

/// A policy document as CloudFormation writes it: inline object, with intrinsics in places, or junk.
fn cfn_policy() -> BoxedStrategy<T> {
    prop_oneof![
        5 => policy(),
        1 => cv(),
        1 => policy().prop_map(|p| T::Str(json(&p))),
    ]
    .boxed()
}

fn s3_bucket() -> BoxedStrategy<T> {
    let destination = (
        opt(0.9, cv()),
        opt(0.5, cv()),
        opt(0.5, cv()),
        opt(0.3, cv()),
    )
        .prop_map(|(b, a, k, o)| {
            obj(vec![
                ("Bucket", b),
                ("Account", a),
                (
                    "EncryptionConfiguration",
                    k.map(|k| obj(vec![("ReplicaKmsKeyID", Some(k))])),
                ),
                (
                    "AccessControlTranslation",
                    o.map(|o| obj(vec![("Owner", Some(o))])),
                ),
            ])
        })
        .boxed();
    let rule = (
        prop_oneof![4 => destination, 1 => cv()],
        opt(0.8, cv()),
        opt(0.4, cv()),
        opt(0.3, cv()),
        opt(0.3, cv()),
    )
        .prop_map(|(d, st, sse, prefix, prio)| {
            obj(vec![
                ("Destination", Some(d)),
                ("Status", st),
                (
                    "SourceSelectionCriteria",
                    sse.map(|s| {
                        obj(vec![(
                            "SseKmsEncryptedObjects",
                            Some(obj(vec![("Status", Some(s))])),
                        )])
                    }),
                ),
                ("Prefix", prefix),
                ("Priority", prio),
            ])
        })
        .prop_shuffle_members();
    let repl = (
        opt(0.9, cv()),
        prop_oneof![4 => proptest::collection::vec(rule, 0..3).prop_map(T::Arr), 1 => cv()],
    )
        .prop_map(|(role, rules)| obj(vec![("Role", role), ("Rules", Some(rules))]));
    (
        opt(0.6, cv()),
        opt(0.7, repl.boxed()),
        opt(0.4, cv()),
        opt(0.3, cv()),
    )
        .prop_map(|(n, r, kms, ver)| {
            obj(vec![
                ("BucketName", n),
                ("ReplicationConfiguration", r),
                (
                    "BucketEncryption",
                    kms.map(|k| {
                        obj(vec![(
                            "ServerSideEncryptionConfiguration",
                            Some(T::Arr(vec![obj(vec![(
                                "ServerSideEncryptionByDefault",
                                Some(obj(vec![
                                    ("SSEAlgorithm", Some(T::Str("aws:kms".into()))),
                                    ("KMSMasterKeyID", Some(k)),
                                ])),
                            )])])),
                        )])
                    }),
                ),
                (
                    "VersioningConfiguration",
                    ver.map(|v| obj(vec![("Status", Some(v))])),
                ),
            ])
        })
        .boxed()
}

fn iam_role() -> BoxedStrategy<T> {
    let inline = (cv(), cfn_policy())
        .prop_map(|(n, p)| obj(vec![("PolicyName", Some(n)), ("PolicyDocument", Some(p))]));
    (
        opt(0.9, cfn_policy()),
        opt(
            0.4,
            prop_oneof![3 => proptest::collection::vec(inline, 0..3).prop_map(T::Arr), 1 => cv()]
                .boxed(),
        ),
        opt(0.4, cv()),
        opt(0.3, cv()),
    )
        .prop_map(|(a, p, n, m)| {
            obj(vec![
                ("AssumeRolePolicyDocument", a),
                ("Policies", p),
                ("RoleName", n),
                ("ManagedPolicyArns", m),
            ])
        })
        .boxed()
}

fn kms_key() -> BoxedStrategy<T> {
    (opt(0.9, cfn_policy()), opt(0.3, cv()), opt(0.3, cv()))
        .prop_map(|(p, m, r)| {
            obj(vec![
                ("KeyPolicy", p),
                ("MultiRegion", m),
                ("EnableKeyRotation", r),
            ])
        })
        .boxed()
}

fn security_group() -> BoxedStrategy<T> {
    let rule = (
        opt(0.8, cv()),
        opt(0.8, cv()),
        opt(0.8, cv()),
        opt(0.6, cv()),
        opt(0.3, cv()),
        opt(0.2, cv()),
    )
        .prop_map(|(p, f, t, c, sg, c6)| {
            obj(vec![
                ("IpProtocol", p),
                ("FromPort", f),
                ("ToPort", t),
                ("CidrIp", c),
                ("SourceSecurityGroupId", sg),
                ("CidrIpv6", c6),
            ])
        });
    let rules =
        prop_oneof![4 => proptest::collection::vec(rule, 0..3).prop_map(T::Arr), 1 => cv()].boxed();
    (
        opt(0.8, rules.clone()),
        opt(0.4, rules),
        opt(0.5, cv()),
        opt(0.5, cv()),
    )
        .prop_map(|(i, e, v, d)| {
            obj(vec![
                ("SecurityGroupIngress", i),
                ("SecurityGroupEgress", e),
                ("VpcId", v),
                ("GroupDescription", d),
            ])
        })
        .boxed()
}

fn generic_props() -> BoxedStrategy<T> {
    proptest::collection::vec(
        (
            proptest::sample::select(PROP_KEYS).prop_map(str::to_string),
            cv(),
        ),
        0..6,
    )
    .prop_map(T::Obj)
    .boxed()
}

const OTHER_TYPES: &[&str] = &[
    "AWS::GlobalAccelerator::Accelerator",
    "AWS::GlobalAccelerator::Listener",
    "AWS::GlobalAccelerator::EndpointGroup",
    "AWS::ElasticLoadBalancingV2::LoadBalancer",
    "AWS::ElasticLoadBalancingV2::Listener",
    "AWS::ElasticLoadBalancingV2::TargetGroup",
    "AWS::ElasticLoadBalancingV2::ListenerRule",
    "AWS::EC2::SecurityGroupIngress",
    "AWS::EC2::SecurityGroupEgress",
    "AWS::EC2::VPC",
    "AWS::EC2::Subnet",
    "AWS::EC2::InternetGateway",
    "AWS::EC2::VPCGatewayAttachment",
    "AWS::EC2::Instance",
    "AWS::KMS::Alias",
    "AWS::S3::BucketPolicy",
    "AWS::S3::AccessPoint",
    "AWS::IAM::Policy",
    "AWS::IAM::ManagedPolicy",
    "AWS::IAM::User",
    "AWS::IAM::Group",
    "AWS::SNS::TopicPolicy",
    "AWS::SQS::QueuePolicy",
    "AWS::Lambda::Function",
    "AWS::CloudFormation::CustomResource",
    "Custom::Thing",
    "",
    "AWS::",
    "AWS::S3::Bucket::Extra",
];

fn resource() -> BoxedStrategy<T> {
    let typed = prop_oneof![
        3 => s3_bucket().prop_map(|p| ("AWS::S3::Bucket", p)),
        3 => iam_role().prop_map(|p| ("AWS::IAM::Role", p)),
        2 => kms_key().prop_map(|p| ("AWS::KMS::Key", p)),
        2 => security_group().prop_map(|p| ("AWS::EC2::SecurityGroup", p)),
        4 => (proptest::sample::select(OTHER_TYPES), generic_props()),
        // Policy-bearing types with a generated document.
        2 => (proptest::sample::select(&["AWS::S3::BucketPolicy", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy"][..]), cfn_policy(), generic_props())
            .prop_map(|(t, doc, rest)| {
                let mut m = match rest { T::Obj(m) => m, _ => Vec::new() };
                m.push(("PolicyDocument".into(), doc));
                (t, T::Obj(m))
            }),
    ];
    (
        prop_oneof![8 => typed.prop_map(|(t, p)| (T::Str(t.into()), Some(p))), 1 => (leaf(), opt(0.5, cv())).prop_map(|(t, p)| (t, p))],
        opt(0.1, name()),
        opt(0.1, cv()),
        opt(0.05, cv()),
    )
        .prop_map(|((ty, props), cond, dep, meta)| {
            obj(vec![
                ("Type", Some(ty)),
                ("Properties", props),
                ("Condition", cond),
                ("DependsOn", dep),
                ("Metadata", meta),
            ])
        })
        .prop_shuffle_members()
}

fn cfn_template() -> BoxedStrategy<T> {
    let resources = prop_oneof![
        8 => proptest::collection::vec((proptest::sample::select(NAMES).prop_map(str::to_string), resource()), 0..6).prop_map(T::Obj),
        1 => cv(),
    ];
    let parameters = proptest::collection::vec(
        (
            proptest::sample::select(NAMES).prop_map(str::to_string),
            (opt(0.9, leaf()), opt(0.6, leaf()))
                .prop_map(|(t, d)| obj(vec![("Type", t), ("Default", d)])),
        ),
        0..3,
    )
    .prop_map(T::Obj);
    let conditions = proptest::collection::vec(
        (
            proptest::sample::select(NAMES).prop_map(str::to_string),
            cv(),
        ),
        0..3,
    )
    .prop_map(T::Obj);
    let outputs = proptest::collection::vec(
        (
            proptest::sample::select(NAMES).prop_map(str::to_string),
            (cv(), opt(0.5, cv())).prop_map(|(v, e)| {
                obj(vec![
                    ("Value", Some(v)),
                    ("Export", e.map(|e| obj(vec![("Name", Some(e))]))),
                ])
            }),
        ),
        0..3,
    )
    .prop_map(T::Obj);
    (
        opt(
            0.7,
            prop_oneof![4 => Just(T::Str("2010-09-09".into())), 1 => leaf()].boxed(),
        ),
        opt(0.3, parameters.boxed()),
        opt(0.3, conditions.boxed()),
        opt(0.2, any_tree(NAMES, 2)),
        resources,
        opt(0.3, outputs.boxed()),
        opt(0.05, cv()),
    )
        .prop_map(|(v, p, c, m, r, o, t)| {
            obj(vec![
                ("AWSTemplateFormatVersion", v),
                ("Parameters", p),
                ("Conditions", c),
                ("Mappings", m),
                ("Resources", Some(r)),
                ("Outputs", o),
                ("Transform", t),
            ])
        })
        .prop_shuffle_members()
}

// ---------------------------------------------------------------------------------------------------
// Terraform plans.

const TF_TYPES: &[&str] = &[
    "aws_iam_role",
    "aws_iam_role_policy",
    "aws_iam_policy",
    "aws_iam_role_policy_attachment",
    "aws_iam_policy_document",
    "aws_s3_bucket",
    "aws_s3_bucket_policy",
    "aws_s3_bucket_replication_configuration",
    "aws_s3_bucket_server_side_encryption_configuration",
    "aws_s3_bucket_versioning",
    "aws_kms_key",
    "aws_kms_alias",
    "aws_security_group",
    "aws_security_group_rule",
    "aws_vpc_security_group_ingress_rule",
    "aws_globalaccelerator_accelerator",
    "aws_globalaccelerator_listener",
    "aws_globalaccelerator_endpoint_group",
    "aws_lb",
    "aws_lb_listener",
    "aws_lb_target_group",
    "aws_caller_identity",
    "aws_sqs_queue_policy",
    "random_id",
    "",
];

const TF_KEYS: &[&str] = &[
    "arn",
    "id",
    "name",
    "bucket",
    "policy",
    "assume_role_policy",
    "role",
    "rule",
    "destination",
    "account",
    "encryption_configuration",
    "replica_kms_key_id",
    "access_control_translation",
    "owner",
    "source_selection_criteria",
    "sse_kms_encrypted_objects",
    "status",
    "kms_master_key_id",
    "sse_algorithm",
    "apply_server_side_encryption_by_default",
    "versioning_configuration",
    "ingress",
    "egress",
    "cidr_blocks",
    "ipv6_cidr_blocks",
    "from_port",
    "to_port",
    "protocol",
    "security_group_id",
    "security_groups",
    "account_id",
    "json",
    "statement",
    "effect",
    "actions",
    "resources",
    "principals",
    "identifiers",
    "type",
    "accelerator_arn",
    "listener_arn",
    "endpoint_configuration",
    "endpoint_id",
    "client_ip_preservation_enabled",
    "internal",
    "load_balancer_type",
    "subnets",
    "object_lock_enabled",
    "content",
    "path",
];

fn tf_values() -> BoxedStrategy<T> {
    let v = prop_oneof![
        5 => any_tree(TF_KEYS, 3),
        2 => policy().prop_map(|p| T::Str(json(&p))),
    ];
    proptest::collection::vec(
        (
            proptest::sample::select(TF_KEYS).prop_map(str::to_string),
            v,
        ),
        0..6,
    )
    .prop_map(T::Obj)
    .boxed()
}

fn tf_resource() -> BoxedStrategy<T> {
    (
        proptest::sample::select(TF_TYPES),
        prop_oneof![4 => proptest::sample::select(NAMES).prop_map(str::to_string), 1 => tricky()],
        opt(0.9, tf_values()),
        prop_oneof![4 => Just("managed"), 1 => Just("data"), 1 => Just("")],
        any::<u8>(),
    )
        .prop_map(|(ty, n, values, mode, k)| {
            let addr = if k % 5 == 0 {
                n.clone()
            } else {
                format!("{ty}.{n}")
            };
            obj(vec![
                ("address", Some(T::Str(addr))),
                ("mode", Some(T::Str(mode.into()))),
                ("type", Some(T::Str(ty.into()))),
                ("name", Some(T::Str(n))),
                ("values", values),
                (
                    "provider_name",
                    (k % 3 == 0).then(|| T::Str("registry.terraform.io/hashicorp/aws".into())),
                ),
            ])
        })
        .prop_shuffle_members()
}

fn tf_plan() -> BoxedStrategy<T> {
    let resources = prop_oneof![
        6 => proptest::collection::vec(tf_resource(), 0..5).prop_map(T::Arr),
        1 => any_tree(TF_KEYS, 2),
    ];
    let module = (resources.clone(), opt(0.2, any_tree(TF_KEYS, 2)))
        .prop_map(|(r, addr)| obj(vec![("resources", Some(r)), ("address", addr)]));
    let root = (
        resources,
        opt(
            0.2,
            proptest::collection::vec(module, 0..2)
                .prop_map(T::Arr)
                .boxed(),
        ),
    )
        .prop_map(|(r, c)| obj(vec![("resources", Some(r)), ("child_modules", c)]));
    let config = prop_oneof![
        3 => (opt(0.7, cv()), opt(0.4, cv())).prop_map(|(region, role)| obj(vec![(
            "provider_config",
            Some(obj(vec![(
                "aws",
                Some(obj(vec![
                    ("name", Some(T::Str("aws".into()))),
                    ("expressions", Some(obj(vec![
                        ("region", region.map(|r| obj(vec![("constant_value", Some(r))]))),
                        ("assume_role", role.map(|r| T::Arr(vec![obj(vec![("role_arn", Some(obj(vec![("constant_value", Some(r))])))])]))),
                    ]))),
                ])),
            )])),
        )])),
        1 => any_tree(TF_KEYS, 3),
    ];
    (
        prop_oneof![4 => Just(T::Str("1.2".into())), 1 => leaf()],
        prop_oneof![4 => Just(T::Str("1.9.5".into())), 1 => leaf()],
        opt(
            0.9,
            root.prop_map(|r| obj(vec![("root_module", Some(r))]))
                .boxed(),
        ),
        opt(0.2, any_tree(TF_KEYS, 3)),
        opt(0.4, config.boxed()),
        opt(0.2, any_tree(TF_KEYS, 3)),
    )
        .prop_map(|(f, t, pv, rc, conf, vars)| {
            obj(vec![
                ("format_version", Some(f)),
                ("terraform_version", Some(t)),
                ("planned_values", pv),
                ("resource_changes", rc),
                ("configuration", conf),
                ("variables", vars),
            ])
        })
        .prop_shuffle_members()
}

// ---------------------------------------------------------------------------------------------------
// The pipeline.

const FORMATS: [Format; 5] = [
    Format::Human,
    Format::Json,
    Format::Sarif,
    Format::Github,
    Format::Junit,
];

/// Write the files into a fresh directory, lint it, render every format.
fn lint_files(files: &[(String, Vec<u8>)]) {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).expect("write");
    }
    lint_dir(dir.path());
}

fn lint_dir(dir: &Path) {
    let report = trustlint::lint(&[dir.to_path_buf()], &Config::default()).expect("lint");
    let plain = trustlint::report::human::Options::default();
    for f in FORMATS {
        let _ = render(&report, f, &plain);
    }
    let coloured = trustlint::report::human::Options {
        color: true,
        ..plain
    };
    let _ = render(&report, Format::Human, &coloured);
}

fn lint_text(name: &str, text: &str) {
    lint_files(&[(name.to_string(), text.as_bytes().to_vec())]);
}

// ---------------------------------------------------------------------------------------------------
// Mutations of the fixtures and examples.

fn corpus() -> &'static [(String, Vec<u8>)] {
    static CORPUS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        for top in ["fixtures", "examples", "tests/eval_corpus"] {
            for e in walkdir(&root.join(top)) {
                let ext = e.extension().and_then(|x| x.to_str()).unwrap_or("");
                if matches!(ext, "json" | "yaml" | "yml" | "template") {
                    let name = e.file_name().unwrap().to_string_lossy().into_owned();
                    out.push((name, std::fs::read(&e).unwrap()));
                }
            }
        }
        out.sort();
        assert!(!out.is_empty());
        out
    })
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

const INSERTS: &[&str] = &[
    "\"", "{", "}", "[", "]", "\\", ":", ",", "é", "日", "🦀", "\u{feff}", "\n", " ", "-", "!",
    "&a", "*a", "!Ref", "\\u", "\\ud800", "${", "*", "?", "0", "1e999", "null", "\t", "#", "'",
    "|", ">",
];

#[derive(Debug, Clone)]
enum Mutation {
    DeleteChar(prop::sample::Index),
    DuplicateRange(prop::sample::Index, u8),
    SwapChars(prop::sample::Index, prop::sample::Index),
    Insert(prop::sample::Index, &'static str),
    DeleteRange(prop::sample::Index, u8),
    /// Raw bytes: the file may stop being UTF-8.
    ByteFlip(prop::sample::Index, u8),
    Truncate(prop::sample::Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let i = any::<prop::sample::Index>;
    prop_oneof![
        3 => i().prop_map(Mutation::DeleteChar),
        2 => (i(), any::<u8>()).prop_map(|(a, n)| Mutation::DuplicateRange(a, n)),
        2 => (i(), i()).prop_map(|(a, b)| Mutation::SwapChars(a, b)),
        5 => (i(), proptest::sample::select(INSERTS)).prop_map(|(a, s)| Mutation::Insert(a, s)),
        1 => (i(), any::<u8>()).prop_map(|(a, n)| Mutation::DeleteRange(a, n)),
        1 => (i(), any::<u8>()).prop_map(|(a, b)| Mutation::ByteFlip(a, b)),
        1 => i().prop_map(Mutation::Truncate),
    ]
}

fn char_starts(s: &str) -> Vec<usize> {
    s.char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(s.len()))
        .collect()
}

fn mutate(bytes: &[u8], muts: &[Mutation]) -> Vec<u8> {
    let mut bytes = bytes.to_vec();
    for m in muts {
        if let Mutation::ByteFlip(i, b) = m {
            if !bytes.is_empty() {
                let at = i.index(bytes.len());
                bytes[at] ^= b | 1;
            }
            continue;
        }
        let Ok(text) = String::from_utf8(bytes.clone()) else {
            continue;
        };
        let starts = char_starts(&text);
        let n = starts.len() - 1; // number of chars
        let at = |i: &prop::sample::Index| starts[i.index(n + 1)];
        let mut s = text.clone();
        match m {
            Mutation::DeleteChar(i) if n > 0 => {
                let k = i.index(n);
                s.replace_range(starts[k]..starts[k + 1], "");
            }
            Mutation::DuplicateRange(i, len) if n > 0 => {
                let k = i.index(n);
                let end = starts[(k + 1 + *len as usize % 16).min(n)];
                let piece = text[starts[k]..end].to_string();
                s.insert_str(starts[k], &piece);
            }
            Mutation::SwapChars(a, b) if n > 1 => {
                let (mut x, mut y) = (a.index(n), b.index(n));
                if x > y {
                    std::mem::swap(&mut x, &mut y);
                }
                if x != y {
                    let cx = text[starts[x]..starts[x + 1]].to_string();
                    let cy = text[starts[y]..starts[y + 1]].to_string();
                    s = format!(
                        "{}{}{}{}{}",
                        &text[..starts[x]],
                        cy,
                        &text[starts[x + 1]..starts[y]],
                        cx,
                        &text[starts[y + 1]..]
                    );
                }
            }
            Mutation::Insert(i, piece) => s.insert_str(at(i), piece),
            Mutation::DeleteRange(i, len) if n > 0 => {
                let k = i.index(n);
                let end = starts[(k + 1 + *len as usize).min(n)];
                s.replace_range(starts[k]..end, "");
            }
            Mutation::Truncate(i) => s.truncate(at(i)),
            _ => {}
        }
        bytes = s.into_bytes();
    }
    bytes
}

// ---------------------------------------------------------------------------------------------------
// Properties.

fn cases(n: u32) -> PtConfig {
    // `PROPTEST_CASES` overrides the default for hunting sessions.
    let mut c = PtConfig::with_cases(n);
    if let Some(env) = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        c.cases = env;
    }
    c.failure_persistence = None;
    c
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn json_parse_arbitrary_text(s in any::<String>()) {
        let _ = trustlint::source::json::parse(&s);
    }

    #[test]
    fn json_parse_jsonish_text(s in r#"[\[\]{}",:\\ a-z0-9.eE+\-é🦀\u{feff}]{0,48}"#) {
        let _ = trustlint::source::json::parse(&s);
    }

    #[test]
    fn yaml_parse_arbitrary_text(s in any::<String>()) {
        let _ = trustlint::source::yaml::parse(&s);
    }

    #[test]
    fn yaml_parse_yamlish_text(s in r#"[\[\]{}"',:\\ \n\t\-?!&*|>#%@`a-zé🦀\u{feff}]{0,48}"#) {
        let _ = trustlint::source::yaml::parse(&s);
    }

    #[test]
    fn parsers_take_generated_trees(t in any_tree(POLICY_KEYS, 4)) {
        let _ = trustlint::source::json::parse(&json(&t));
        let _ = trustlint::source::yaml::parse(&yaml(&t));
        let _ = trustlint::source::yaml::parse(&json(&t));
    }
}

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn lint_policies_and_cli_answers(doc in cli_document()) {
        let text = json(&doc);
        prop_assert!(trustlint::source::json::parse(&text).is_ok(), "generator emits valid JSON: {}", text);
        lint_text("policy.json", &text);
    }

    #[test]
    fn lint_policies_as_yaml(doc in policy()) {
        lint_text("policy.yaml", &yaml(&doc));
    }

    #[test]
    fn lint_cloudformation_json(t in cfn_template()) {
        lint_text("template.json", &json(&t));
    }

    #[test]
    fn lint_cloudformation_yaml(t in cfn_template()) {
        lint_text("template.yaml", &yaml(&t));
    }

    #[test]
    fn lint_cloudformation_cross_template(a in cfn_template(), b in cfn_template()) {
        lint_files(&[
            ("a.json".to_string(), json(&a).into_bytes()),
            ("b.yaml".to_string(), yaml(&b).into_bytes()),
        ]);
    }

    #[test]
    fn lint_terraform_plan(p in tf_plan()) {
        lint_text("plan.json", &json(&p));
    }

    #[test]
    fn lint_mutated_fixtures(
        picks in proptest::collection::vec(
            (any::<prop::sample::Index>(), proptest::collection::vec(mutation(), 1..6)),
            1..4,
        ),
    ) {
        let corpus = corpus();
        let files: Vec<(String, Vec<u8>)> = picks
            .iter()
            .enumerate()
            .map(|(k, (i, muts))| {
                let (name, bytes) = &corpus[i.index(corpus.len())];
                (format!("{k}_{name}"), mutate(bytes, muts))
            })
            .collect();
        lint_files(&files);
    }
}

// ---------------------------------------------------------------------------------------------------
// Regressions found by the properties above.

/// A syntax error on a multi-byte character of a policy string in a JSON template got a one-byte span
/// (ending inside `é`); rendering its end position panicked in `LineIndex::line_col` (github, sarif).
#[test]
fn regression_policy_string_error_on_multibyte_char() {
    lint_text(
        "template.json",
        r#"{"Resources":{"A":{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":"é"}}}}"#,
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("t.json"),
        r#"{"Resources":{"A":{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":"é"}}}}"#,
    )
    .unwrap();
    let report = trustlint::lint(&[dir.path().to_path_buf()], &Config::default()).unwrap();
    let f = report
        .findings
        .iter()
        .find(|f| f.rule == "PARSE")
        .expect("a PARSE finding");
    assert_eq!(
        (f.span.start, f.span.end),
        (85, 87),
        "the span covers the whole `é`"
    );
}

/// Positions inside a multi-byte character (from any future span bug) resolve to the character's start
/// instead of panicking in `LineIndex`.
#[test]
fn regression_line_col_inside_a_character() {
    use trustlint::source::{FileId, SourceFile};
    let f = SourceFile::new(FileId(0), "x.json".into(), "a\n\"é\"".into());
    assert_eq!(f.line_col(4), f.line_col(3));
    assert_eq!(f.line_col_utf16(4), f.line_col_utf16(3));
    assert_eq!(f.line_col(3), (2, 2));
    assert_eq!(f.line_col(99), f.line_col(6));
}

// ---------------------------------------------------------------------------------------------------
// Issue 12 reproducers: each ran into a panic, a stack overflow, or exponential or quadratic work.
// Each must now finish with a finding or a clean result. No wall-clock limits: the inputs are sized
// so that the old behaviour could not finish (or crashed), not so that the new one is fast.

/// Lint files in a fresh directory; render every format (the renderers must not panic either).
fn lint_report(files: &[(&str, &str)]) -> trustlint::Report {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    let report = trustlint::lint(&[dir.path().to_path_buf()], &Config::default()).expect("lint");
    for f in FORMATS {
        let _ = render(&report, f, &human_opts());
    }
    report
}

fn rules_of(report: &trustlint::Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.rule.as_str()).collect()
}

fn limit_message(report: &trustlint::Report) -> String {
    report
        .findings
        .iter()
        .find(|f| f.rule == "LIMIT")
        .map(|f| f.message.clone())
        .unwrap_or_else(|| panic!("a LIMIT finding: {:?}", rules_of(report)))
}

/// miette padded to a 91,000-column span (or 20,000 tabs) with `format!` widths and panicked; now a
/// bounded window of the line is shown.
#[test]
fn issue12_human_renderer_on_a_wide_column_and_many_tabs() {
    let wide = format!(
        r#"{{"Statement":[{{"Sid":"{}","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}],"Version":"2008-10-17"}}"#,
        "a".repeat(91_000)
    );
    let tabs = format!(
        r#"{{{}"Version":"2008-10-17","Statement":[{{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}]}}"#,
        "\t".repeat(20_000)
    );
    for (name, text) in [("wide.json", wide), ("tabs.json", tabs)] {
        let report = lint_report(&[(name, &text)]);
        assert!(rules_of(&report).contains(&"POL-VERSION"), "{name}");
        let human = render(&report, Format::Human, &human_opts());
        let longest = human.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        assert!(
            longest < 2_000,
            "{name}: a rendered line of {longest} chars"
        );
        assert!(human.contains("POL-VERSION"), "{name}");
    }
}

/// `\x7d` is YAML for `}`: decoding the double-quoted scalar as a JSON literal read past its end.
#[test]
fn issue12_yaml_double_quoted_policy_string() {
    let t = "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: \"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"Service\\\":\\\"ec2.amazonaws.com\\\"},\\\"Action\\\":\\\"sts:AssumeRole\\\"}]\\x7d\"\n";
    let report = lint_report(&[("t.yaml", t)]);
    assert!(
        !rules_of(&report).contains(&"PARSE"),
        "the policy is valid: {:?}",
        rules_of(&report)
    );
    assert_eq!(report.documents, 1);
}

/// 3,000 conditions each referring to the previous one overflowed the stack in `Resolver::condition`.
#[test]
fn issue12_condition_chain_is_a_limit_finding() {
    let mut t = String::from("Conditions:\n  C0: !Equals [a, a]\n");
    for i in 1..3_000 {
        t.push_str(&format!("  C{i}: !Condition C{}\n", i - 1));
    }
    t.push_str("Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !If [C2999, x, y]\n");
    let report = lint_report(&[("t.yaml", &t)]);
    assert!(limit_message(&report).contains("conditions"));
    // A condition referring to itself is a cycle, reported too.
    let t = "Conditions:\n  A: !Condition B\n  B: !Condition A\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !If [A, x, y]\n";
    let report = lint_report(&[("t.yaml", t)]);
    assert!(limit_message(&report).contains("refers to itself"));
}

/// Anchors nested 100 levels around an alias of the previous anchor: 40 lines, 4,000 levels once
/// expanded; `Node::clone` (and every later pass) overflowed the stack.
#[test]
fn issue12_alias_nesting_is_limited_after_expansion() {
    let mut block = String::from("a0: &a0 x\n");
    for i in 1..40 {
        block.push_str(&format!(
            "a{i}: &a{i} {}*a{}{}\n",
            "[".repeat(100),
            i - 1,
            "]".repeat(100)
        ));
    }
    let indented: String = block.lines().map(|l| format!("      {l}\n")).collect();
    let t = format!("Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n{indented}");
    let report = lint_report(&[("t.yaml", &t)]);
    assert!(limit_message(&report).contains("deeper than 256"));
}

/// A role whose `Path` joins two `Fn::GetAtt [Self, Arn]`: 2^64 resolutions before; now one, and a
/// cycle finding on the path.
#[test]
fn issue12_getatt_self_reference_is_a_cycle_finding() {
    let t = "Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      Path: !Join ['', [!GetAtt Role.Arn, !GetAtt Role.Arn]]\n      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Principal: {AWS: !GetAtt Role.Arn}\n            Action: sts:AssumeRole\n";
    let report = lint_report(&[("t.yaml", t)]);
    assert!(limit_message(&report).contains("`Role.Path` refers to itself"));
    let f = report.findings.iter().find(|f| f.rule == "LIMIT").unwrap();
    let (line, _) = report.sources.get(f.file).line_col(f.span.start);
    assert_eq!(line, 5);
}

/// `Fn::Sub ["${a}${a}", {a: Fn::Sub …}]` nested 60 deep asked for 2^60 bytes.
#[test]
fn issue12_nested_sub_doubling_is_a_limit_finding() {
    let mut v = "\"x\"".to_string();
    for _ in 0..60 {
        v = format!(r#"{{"Fn::Sub": ["${{a}}${{a}}", {{"a": {v}}}]}}"#);
    }
    let t = format!(
        r#"{{"Resources":{{"B":{{"Type":"AWS::S3::Bucket","Properties":{{"BucketName":{v}}}}}}}}}"#
    );
    let report = lint_report(&[("t.json", &t)]);
    assert!(limit_message(&report).contains("bytes"));
    assert_eq!(
        rules_of(&report).iter().filter(|r| **r == "LIMIT").count(),
        1
    );
}

/// A 100 KB scalar aliased 2,000 times: 4 nodes' worth of aliases, 200 MB of text; the budget counted
/// nodes, so memory ran out on the full-size reproducer.
#[test]
fn issue12_alias_budget_counts_bytes() {
    let t = format!(
        "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Metadata:\n      a: &a {}\n      l: [{}]\n",
        "b".repeat(100_000),
        vec!["*a"; 2_000].join(", ")
    );
    let report = lint_report(&[("t.yaml", &t)]);
    assert!(limit_message(&report).contains("aliases expand to more than"));
}

/// `Fn::Sub` with 20,000 variables looked each one up by a scan of the variable map and compared the
/// whole template with its source once per variable (~10^9 byte comparisons here).
#[test]
fn issue12_sub_with_many_variables() {
    let n = 20_000;
    let template: String = (0..n).map(|i| format!("${{v{i}}}")).collect();
    let vars: serde_json::Map<String, serde_json::Value> = (0..n)
        .map(|i| (format!("v{i}"), serde_json::Value::String("x".into())))
        .collect();
    let t = serde_json::json!({"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Fn::Sub": [template, vars]}}}}});
    let report = lint_report(&[("t.json", &t.to_string())]);
    assert!(
        !rules_of(&report)
            .iter()
            .any(|r| r.starts_with("CFN-") || *r == "LIMIT"),
        "{:?}",
        rules_of(&report)
    );
}

/// A lone CR ends a line in every format, as in YAML and editors (it was line 1 and a huge column).
#[test]
fn issue12_lone_cr_is_a_line_break_everywhere() {
    let json_text = "{\r  \"Statement\": [\r    {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\"}\r  ],\r  \"Version\": \"2008-10-17\"\r}\r";
    let report = lint_report(&[("p.json", json_text)]);
    let json = render(&report, Format::Json, &human_opts());
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let f = &v["findings"][0];
    assert_eq!(
        (f["rule"].as_str(), f["line"].as_u64(), f["column"].as_u64()),
        (Some("POL-VERSION"), Some(5), Some(14))
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&render(&report, Format::Sarif, &human_opts())).unwrap();
    let region = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(5), Some(14))
    );
    assert!(render(&report, Format::Github, &human_opts()).contains("line=5,"));
    assert!(render(&report, Format::Human, &human_opts()).contains("p.json:5:14]"));
}

/// A broken symlink and a symlink loop met while walking are PARSE findings on their paths, and the
/// other files are still checked; an unreadable directory likewise (not testable as root).
#[cfg(unix)]
#[test]
fn issue12_walk_errors_are_findings() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("sub")).unwrap();
    std::fs::write(
        root.join("sub/legacy.json"),
        r#"{"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#,
    )
    .unwrap();
    std::os::unix::fs::symlink("nowhere.json", root.join("broken.json")).unwrap();
    std::os::unix::fs::symlink("..", root.join("sub/loop")).unwrap();
    let report =
        trustlint::lint(&[root.to_path_buf()], &Config::default()).expect("the run goes on");
    let parse: Vec<(String, String)> = report
        .findings
        .iter()
        .filter(|f| f.rule == "PARSE")
        .map(|f| (report.sources.get(f.file).path.clone(), f.message.clone()))
        .collect();
    assert!(
        parse
            .iter()
            .any(|(p, m)| p.ends_with("broken.json") && m.contains("broken symlink")),
        "{parse:?}"
    );
    assert!(
        parse
            .iter()
            .any(|(p, m)| p.ends_with("loop") && m.contains("symlink loop")),
        "{parse:?}"
    );
    assert!(rules_of(&report).contains(&"POL-VERSION"));

    use std::os::unix::fs::PermissionsExt;
    let locked = root.join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(&locked).is_ok() {
        eprintln!("skipping the unreadable-directory case: running with privileges that ignore permissions (root)");
    } else {
        let report =
            trustlint::lint(&[root.to_path_buf()], &Config::default()).expect("the run goes on");
        assert!(report
            .findings
            .iter()
            .any(|f| f.rule == "PARSE" && report.sources.get(f.file).path.ends_with("locked")));
        assert!(rules_of(&report).contains(&"POL-VERSION"));
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
}

// ---------------------------------------------------------------------------------------------------
// The fuzz targets' invariants (`fuzz/`, nightly) on stable: mutated fixtures through every check.

proptest! {
    #![proptest_config(cases(48))]

    #[test]
    fn fuzz_invariants_on_mutated_fixtures(
        pick in any::<prop::sample::Index>(),
        muts in proptest::collection::vec(mutation(), 0..6),
    ) {
        use trustlint::fuzzing as fz;
        let corpus = corpus();
        let (name, bytes) = &corpus[pick.index(corpus.len())];
        let data = mutate(bytes, &muts);
        fz::check_json_parser(&data);
        fz::check_yaml_parser(&data);
        fz::check_policy(&data);
        fz::check_cloudformation(&data);
        fz::check_terraform(&data);
        fz::check_simulate(&data);
        fz::check_pipeline(&[(name.clone(), data)]);
    }
}

/// Human rendering as the other tests use it: no colour, default width, infos shown.
fn human_opts() -> trustlint::report::human::Options {
    trustlint::report::human::Options::default()
}
