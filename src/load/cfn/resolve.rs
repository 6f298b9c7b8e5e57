//! Intrinsic functions → values. Everything that cannot be known statically becomes a symbol
//! ([`crate::model::symbolic`]) whose label names what it is, e.g. `‹RoleName of ReplicationRole in stack
//! source›` or `‹parameter DestinationAccountId of stack source›` — never a fake identifier. Partial
//! knowledge is kept: a key ARN is `arn:aws:kms:eu-west-1:111111111111:key/‹KeyId of Key in stack s›`.
//!
//! Semantics (CloudFormation intrinsic function reference):
//! - `Ref`: pseudo parameters from the binding (`AWS::AccountId`, `AWS::Region`, `AWS::Partition`,
//!   `AWS::URLSuffix`; `AWS::StackName` from `[[stack]] name`; `AWS::NoValue` removes the member or
//!   element); parameters from `[[stack]] parameters`, then `Default` (SSM-typed parameters stay symbolic:
//!   their default is a parameter *name*); resources: the documented return value per type (a name when
//!   the name property is set, an ARN or URL built from it, else a symbol).
//! - `Fn::GetAtt` (`[Id, Attr]` or `"Id.Attr"`): documented attributes of common types, built from known
//!   names and the binding; others are symbols.
//! - `Fn::Sub` (string or `[string, {vars}]`): `${Var}`, `${Res.Attr}`, `${!Literal}` → `${Literal}`.
//! - `Fn::Join`, `Fn::Select`, `Fn::Split`, `Fn::FindInMap` (with the optional `DefaultValue`),
//!   `Fn::ImportValue` (exports of the other analysed templates), `Fn::Base64`; `Fn::GetAZs`,
//!   `Fn::Cidr`, `Fn::Transform`, `Fn::Length`, `Fn::ToJsonString` give symbols.
//! - `Fn::If` with `Conditions` (`Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Condition`): evaluated when
//!   decidable. Undecidable: one value that stands for both alternatives ([`super::choice`]): two
//!   scalar alternatives (one may be `AWS::NoValue`) become one symbol naming both (`‹one of a | b
//!   (condition IsProd)›`); objects and lists merge member by member, so the order of the alternatives
//!   never matters.
//!
//! A reference to something that does not exist is a `CFN-REF-UNKNOWN` finding; an unknown function or
//! malformed arguments a `CFN-INTRINSIC-UNKNOWN` finding. Both leave a symbol in place.

use super::binding::Bound;
use crate::load::issue::{IssueKind, LoadIssue};
use crate::model::symbolic::{dynamic_refs, Sym};
use crate::source::{FileId, Member, Node, Span, Value};
use std::collections::{HashMap, HashSet};

mod condition;
mod find_in_map;
mod intrinsic;
mod reference;
mod sub;

/// `Outputs.*.Export.Name` → the exported value, across all analysed templates.
pub type Exports = HashMap<String, String>;

/// Every intrinsic function name CloudFormation knows (including the language-extension and rules
/// functions), for "unknown function" and did-you-mean.
pub const FUNCTIONS: &[&str] = &[
    "Fn::And",
    "Fn::Base64",
    "Fn::Cidr",
    "Fn::Contains",
    "Fn::EachMemberEquals",
    "Fn::EachMemberIn",
    "Fn::Equals",
    "Fn::FindInMap",
    "Fn::ForEach",
    "Fn::GetAZs",
    "Fn::GetAtt",
    "Fn::If",
    "Fn::Implies",
    "Fn::ImportValue",
    "Fn::Join",
    "Fn::Length",
    "Fn::Not",
    "Fn::Or",
    "Fn::RefAll",
    "Fn::Select",
    "Fn::Split",
    "Fn::Sub",
    "Fn::ToJsonString",
    "Fn::Transform",
    "Fn::ValueOf",
    "Fn::ValueOfAll",
];

const PSEUDO: &[&str] = &[
    "AWS::AccountId",
    "AWS::NotificationARNs",
    "AWS::NoValue",
    "AWS::Partition",
    "AWS::Region",
    "AWS::StackId",
    "AWS::StackName",
    "AWS::URLSuffix",
];

/// Limit on chained references (a name that refers to a name that refers to …).
const MAX_HOPS: usize = 64;

/// Nested `resolve` calls at most (tree depth plus reference hops): the recursion's stack is bounded.
const MAX_RESOLVE_DEPTH: usize = 320;
/// A condition may refer through at most this many conditions and condition functions.
const MAX_CONDITION_DEPTH: usize = 256;
/// Bytes that `Fn::Sub` and `Fn::Join` may produce in one template, all strings together.
const STRING_BUDGET: usize = 16 << 20;

/// The name property of a resource type: what `Ref` returns (or builds on) when it is set.
pub fn name_property(type_name: &str) -> Option<&'static str> {
    Some(match type_name {
        "AWS::S3::Bucket" => "BucketName",
        "AWS::IAM::Role" => "RoleName",
        "AWS::IAM::User" => "UserName",
        "AWS::IAM::Group" => "GroupName",
        "AWS::IAM::ManagedPolicy" => "ManagedPolicyName",
        "AWS::IAM::InstanceProfile" => "InstanceProfileName",
        "AWS::KMS::Alias" => "AliasName",
        "AWS::SQS::Queue" => "QueueName",
        "AWS::SNS::Topic" => "TopicName",
        "AWS::Lambda::Function" => "FunctionName",
        "AWS::DynamoDB::Table" => "TableName",
        "AWS::Logs::LogGroup" => "LogGroupName",
        "AWS::SSM::Parameter" => "Name",
        "AWS::ECR::Repository" => "RepositoryName",
        "AWS::Kinesis::Stream" => "Name",
        "AWS::Events::EventBus" => "Name",
        "AWS::ElasticLoadBalancingV2::LoadBalancer" => "Name",
        "AWS::ElasticLoadBalancingV2::TargetGroup" => "Name",
        "AWS::GlobalAccelerator::Accelerator" => "Name",
        "AWS::SecretsManager::Secret" => "Name",
        "AWS::EC2::SecurityGroup" => "GroupName",
        _ => return None,
    })
}

pub struct Resolver<'a> {
    file: FileId,
    text: &'a str,
    bound: &'a Bound,
    parameters: HashMap<&'a str, &'a Node>,
    /// Logical id → (type, resource object).
    resources: HashMap<&'a str, (&'a str, &'a Node)>,
    mappings: Option<&'a Node>,
    conditions: Option<&'a Node>,
    exports: &'a Exports,
    cond_cache: HashMap<String, Option<bool>>,
    cond_active: HashSet<String>,
    name_cache: HashMap<String, String>,
    name_active: HashSet<String>,
    hops: usize,
    /// Memoized property values (`Path`, `VpcId`, …) and the ones being resolved (cycle detection).
    prop_cache: HashMap<(String, String), Option<Node>>,
    prop_active: HashSet<(String, String)>,
    depth: usize,
    cond_depth: usize,
    /// Bytes `Fn::Sub` and `Fn::Join` may still produce.
    string_budget: usize,
    /// Issues are reported once per span and class (a name resolved from several places reports once).
    reported: HashSet<(u32, u32, u8)>,
    pub issues: Vec<LoadIssue>,
}

fn string_node(span: Span, s: String) -> Node {
    Node {
        span,
        value: Value::String(s),
    }
}

/// A scalar's text (`true`, `12` keep their spelling); `None` for null, lists and objects.
fn scalar_text(n: &Node) -> Option<String> {
    match &n.value {
        Value::String(s) | Value::Number(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

impl<'a> Resolver<'a> {
    pub fn new(
        file: FileId,
        text: &'a str,
        root: &'a Node,
        bound: &'a Bound,
        exports: &'a Exports,
    ) -> Self {
        let mut parameters = HashMap::new();
        for m in root
            .get("Parameters")
            .and_then(Node::as_object)
            .unwrap_or(&[])
        {
            parameters.insert(m.key.as_str(), &m.value);
        }
        let mut resources = HashMap::new();
        for m in root
            .get("Resources")
            .and_then(Node::as_object)
            .unwrap_or(&[])
        {
            let ty = m.value.get("Type").and_then(Node::as_str).unwrap_or("");
            resources.insert(m.key.as_str(), (ty, &m.value));
        }
        Resolver {
            file,
            text,
            bound,
            parameters,
            resources,
            mappings: root.get("Mappings"),
            conditions: root.get("Conditions"),
            exports,
            cond_cache: HashMap::new(),
            cond_active: HashSet::new(),
            name_cache: HashMap::new(),
            name_active: HashSet::new(),
            hops: 0,
            prop_cache: HashMap::new(),
            prop_active: HashSet::new(),
            depth: 0,
            cond_depth: 0,
            string_budget: STRING_BUDGET,
            reported: HashSet::new(),
            issues: Vec::new(),
        }
    }

    fn report(&mut self, span: Span, kind: IssueKind) {
        let issue = LoadIssue::new(self.file, span, kind);
        if self.reported.insert(issue.dedup_key()) {
            self.issues.push(issue);
        }
    }

    fn unknown_ref(&mut self, span: Span, what: &str, name: &str, candidates: Vec<&str>) {
        let s = closest(name, candidates, 3.max(name.len() / 3)).map(str::to_string);
        self.report(
            span,
            IssueKind::UnknownReference {
                what: what.to_string(),
                name: name.to_string(),
                suggestion: s,
            },
        );
    }

    fn malformed(&mut self, span: Span, name: &str, expected: &str) {
        self.report(
            span,
            IssueKind::MalformedIntrinsic {
                name: name.to_string(),
                expected: expected.to_string(),
            },
        );
    }

    fn stack(&self) -> &str {
        &self.bound.stack
    }

    /// A value generated at deploy time for resource `id` (the model links it back by identity).
    fn generated(&self, attr: &str, id: &str) -> String {
        Sym::Generated {
            key: self.bound.key.clone(),
            stack: self.stack().to_string(),
            logical_id: id.to_string(),
            attr: attr.to_string(),
        }
        .text()
    }

    /// An unknown of its own at `span` (equal only to itself).
    fn opaque_at(&self, span: Span, what: impl Into<String>) -> String {
        Sym::Opaque {
            what: what.into(),
            site: format!("{}@{}", self.bound.key, span.start),
        }
        .text()
    }

    /// A pseudo parameter of this (unbound) stack.
    fn pseudo(&self, name: &str) -> String {
        Sym::Pseudo {
            key: self.bound.key.clone(),
            stack: self.stack().to_string(),
            name: name.to_string(),
        }
        .text()
    }

    pub fn account(&self) -> String {
        self.bound
            .binding
            .account
            .clone()
            .unwrap_or_else(|| self.pseudo("AWS::AccountId"))
    }

    pub fn region(&self) -> String {
        self.bound
            .binding
            .region
            .clone()
            .unwrap_or_else(|| self.pseudo("AWS::Region"))
    }

    fn partition(&self) -> &str {
        &self.bound.binding.partition
    }

    fn url_suffix(&self) -> &'static str {
        if self.partition() == "aws-cn" {
            "amazonaws.com.cn"
        } else {
            "amazonaws.com"
        }
    }

    /// The condition functions are only meaningful under `Conditions` and in `Fn::If`.
    fn intrinsic_of(n: &Node) -> Option<&Member> {
        match n.as_object() {
            Some([m]) if m.key == "Ref" || m.key.starts_with("Fn::") => Some(m),
            _ => None,
        }
    }

    /// Resolve a value: `None` means `AWS::NoValue` (the member or element disappears).
    pub fn resolve(&mut self, n: &Node) -> Option<Node> {
        if self.depth >= MAX_RESOLVE_DEPTH {
            self.report(
                n.span,
                IssueKind::Limit {
                    limit: "resolution depth".to_string(),
                    message: format!(
                        "this value nests or refers through more than {MAX_RESOLVE_DEPTH} levels"
                    ),
                },
            );
            return Some(string_node(
                n.span,
                self.opaque_at(n.span, "value nested too deep"),
            ));
        }
        self.depth += 1;
        let r = self.resolve_at_depth(n);
        self.depth -= 1;
        r
    }

    fn resolve_at_depth(&mut self, n: &Node) -> Option<Node> {
        if let Some(m) = Self::intrinsic_of(n) {
            return self.intrinsic(m, n);
        }
        match &n.value {
            Value::Array(items) => Some(Node {
                span: n.span,
                value: Value::Array(items.iter().filter_map(|i| self.resolve(i)).collect()),
            }),
            Value::Object(members) => Some(Node {
                span: n.span,
                value: Value::Object(
                    members
                        .iter()
                        .filter_map(|m| {
                            self.resolve(&m.value).map(|v| Member {
                                key: m.key.clone(),
                                key_span: m.key_span,
                                value: v,
                            })
                        })
                        .collect(),
                ),
            }),
            Value::String(t) if t.contains("{{resolve:") => {
                Some(string_node(n.span, dynamic_refs(t)))
            }
            _ => Some(n.clone()),
        }
    }

    /// Resolve to text: lists and objects become a symbol describing them, NoValue the empty string.
    fn text_of(&mut self, n: &Node) -> String {
        match self.resolve(n) {
            None => String::new(),
            Some(r) => scalar_text(&r).unwrap_or_else(|| match r.value {
                Value::Null => String::new(),
                _ => self.opaque_at(
                    r.span,
                    format!("{} at byte {}", r.type_name(), r.span.start),
                ),
            }),
        }
    }
}

/// The candidate closest to `name` (case-insensitive edit distance at most `limit`), for "did you mean".
#[expect(
    clippy::indexing_slicing,
    reason = "the two rows hold b.len() + 1 entries and j < b.len()"
)]
pub fn closest<'c>(
    name: &str,
    candidates: impl IntoIterator<Item = &'c str>,
    limit: usize,
) -> Option<&'c str> {
    let a: Vec<char> = name.chars().flat_map(char::to_lowercase).collect();
    let mut best: Option<(usize, &str)> = None;
    let mut prev: Vec<usize> = Vec::new();
    let mut cur: Vec<usize> = Vec::new();
    for c in candidates {
        let b: Vec<char> = c.chars().flat_map(char::to_lowercase).collect();
        if a.len().abs_diff(b.len()) > limit || c == name {
            continue;
        }
        prev.clear();
        prev.extend(0..=b.len());
        for (i, ca) in a.iter().enumerate() {
            cur.clear();
            cur.push(i + 1);
            for (j, cb) in b.iter().enumerate() {
                let sub = prev[j] + usize::from(ca != cb);
                cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
            }
            std::mem::swap(&mut prev, &mut cur);
        }
        let d = prev[b.len()];
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Standard base64 with padding.
#[expect(
    clippy::indexing_slicing,
    reason = "`chunks` never yields an empty chunk, and a 6-bit value indexes the 64-letter alphabet"
)]
pub fn base64(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
