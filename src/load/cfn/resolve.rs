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
use super::provider_values::provider_value;
use crate::load::issue::{IssueKind, LoadIssue};
use crate::model::symbolic::{display, dynamic_refs, has_symbol, Sym};
use crate::source::{FileId, Member, Node, Span, Value};
use std::collections::{HashMap, HashSet};

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

    /// A value the provider of resource `id` returns (see `provider_values`): unknown, the same value
    /// wherever it is used, and not known to differ from anything.
    fn provider_value(&self, id: &str, ty: &str, attr: &str) -> String {
        Sym::Provided {
            key: self.bound.key.clone(),
            stack: self.stack().to_string(),
            logical_id: id.to_string(),
            ty: ty.to_string(),
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

    fn intrinsic(&mut self, m: &Member, whole: &Node) -> Option<Node> {
        let span = whole.span;
        let arg = &m.value;
        let out = match m.key.as_str() {
            "Ref" => {
                let Some(name) = arg.as_str() else {
                    self.malformed(arg.span, "Ref", "a logical id or parameter name (a string)");
                    return Some(string_node(span, self.opaque_at(span, "malformed Ref")));
                };
                return self
                    .reference(name, arg.span)
                    .map(|v| Node { span, value: v });
            }
            "Fn::GetAtt" => {
                let (id, attr, id_span) = match &arg.value {
                    Value::String(s) => match s.split_once('.') {
                        Some((a, b)) => (a.to_string(), b.to_string(), arg.span),
                        None => {
                            self.malformed(
                                arg.span,
                                "Fn::GetAtt",
                                "`LogicalId.Attribute` or [LogicalId, Attribute]",
                            );
                            return Some(string_node(
                                span,
                                self.opaque_at(span, "malformed Fn::GetAtt"),
                            ));
                        }
                    },
                    #[expect(clippy::indexing_slicing, reason = "the guard checks two items")]
                    Value::Array(items) if items.len() == 2 && items[0].as_str().is_some() => {
                        let attr = self.text_of(&items[1]);
                        (
                            items[0].as_str().unwrap_or_default().to_string(),
                            attr,
                            items[0].span,
                        )
                    }
                    _ => {
                        self.malformed(arg.span, "Fn::GetAtt", "[LogicalId, Attribute]");
                        return Some(string_node(
                            span,
                            self.opaque_at(span, "malformed Fn::GetAtt"),
                        ));
                    }
                };
                self.get_att(&id, &attr, id_span)
            }
            "Fn::Sub" => self.sub(arg),
            "Fn::Join" => match arg.as_array() {
                Some([delim, list]) if delim.as_str().is_some() => {
                    let d = delim.as_str().unwrap_or_default().to_string();
                    match self.resolve(list) {
                        Some(Node {
                            value: Value::Array(items),
                            ..
                        }) => {
                            let joined = items
                                .iter()
                                .map(|i| {
                                    scalar_text(i).unwrap_or_else(|| {
                                        self.opaque_at(
                                            i.span,
                                            format!("{} in Fn::Join", i.type_name()),
                                        )
                                    })
                                })
                                .collect::<Vec<_>>()
                                .join(&d);
                            Value::String(self.charge(joined, span, "Fn::Join"))
                        }
                        Some(other) => Value::String(self.opaque_at(
                            span,
                            format!(
                                "Fn::Join of {}",
                                display(&scalar_text(&other).unwrap_or_default())
                            ),
                        )),
                        None => Value::String(String::new()),
                    }
                }
                _ => {
                    self.malformed(arg.span, "Fn::Join", "[delimiter, [values…]]");
                    Value::String(self.opaque_at(span, "malformed Fn::Join"))
                }
            },
            "Fn::Select" => match arg.as_array() {
                Some([index, list]) => {
                    let i = self.text_of(index);
                    let list = self.resolve(list);
                    match (i.trim().parse::<usize>(), list) {
                        (
                            Ok(i),
                            Some(Node {
                                value: Value::Array(items),
                                ..
                            }),
                        ) => match items.into_iter().nth(i) {
                            Some(item) => return Some(item),
                            None => {
                                self.malformed(
                                    index.span,
                                    "Fn::Select",
                                    "an index within the list",
                                );
                                Value::String(self.opaque_at(span, "Fn::Select out of range"))
                            }
                        },
                        (_, Some(other))
                            if has_symbol(&i)
                                || scalar_text(&other).is_some_and(|s| has_symbol(&s)) =>
                        {
                            Value::String(self.opaque_at(
                                span,
                                format!(
                                    "element {} of {}",
                                    display(&i),
                                    display(&scalar_text(&other).unwrap_or_default())
                                ),
                            ))
                        }
                        _ => {
                            self.malformed(arg.span, "Fn::Select", "[index, [values…]]");
                            Value::String(self.opaque_at(span, "malformed Fn::Select"))
                        }
                    }
                }
                _ => {
                    self.malformed(arg.span, "Fn::Select", "[index, [values…]]");
                    Value::String(self.opaque_at(span, "malformed Fn::Select"))
                }
            },
            "Fn::Split" => match arg.as_array() {
                Some([delim, source]) if delim.as_str().is_some_and(|d| !d.is_empty()) => {
                    let d = delim.as_str().unwrap_or_default().to_string();
                    let s = self.text_of(source);
                    if has_symbol(&s) {
                        Value::String(
                            self.opaque_at(span, format!("Fn::Split of {} by `{d}`", display(&s))),
                        )
                    } else {
                        Value::Array(
                            s.split(d.as_str())
                                .map(|p| string_node(span, p.to_string()))
                                .collect(),
                        )
                    }
                }
                _ => {
                    self.malformed(arg.span, "Fn::Split", "[delimiter, string]");
                    Value::String(self.opaque_at(span, "malformed Fn::Split"))
                }
            },
            "Fn::FindInMap" => return self.find_in_map(arg, span),
            "Fn::If" => return self.fn_if(arg, span),
            "Fn::ImportValue" => {
                let name = self.text_of(arg);
                if has_symbol(&name) {
                    Value::String(self.opaque_at(span, format!("export {}", display(&name))))
                } else {
                    match self.exports.get(&name) {
                        Some(v) => Value::String(v.clone()),
                        None => Value::String(Sym::Import { name }.text()),
                    }
                }
            }
            "Fn::Base64" => {
                let s = self.text_of(arg);
                if has_symbol(&s) {
                    Value::String(self.opaque_at(span, format!("Fn::Base64 of {}", display(&s))))
                } else {
                    Value::String(base64(s.as_bytes()))
                }
            }
            "Fn::GetAZs" => {
                let r = self.text_of(arg);
                let r = if r.is_empty() { self.region() } else { r };
                Value::String(
                    self.opaque_at(span, format!("Availability Zones of {}", display(&r))),
                )
            }
            "Fn::Cidr" | "Fn::Transform" | "Fn::Length" | "Fn::ToJsonString" => {
                let _ = self.resolve(arg);
                Value::String(self.opaque_at(span, format!("{} at byte {}", m.key, span.start)))
            }
            name if FUNCTIONS.contains(&name) => {
                // Condition and rules functions outside `Conditions`: their value is not a property value.
                Value::String(self.opaque_at(span, format!("{name} at byte {}", span.start)))
            }
            name => {
                let s =
                    closest(name, FUNCTIONS.iter().copied().chain(["Ref"]), 3).map(str::to_string);
                // A YAML short-form tag is reported as written (`!Subb`, did you mean `!Sub`).
                let tag = self
                    .text
                    .get(m.key_span.start as usize..m.key_span.end as usize)
                    .filter(|t| t.starts_with('!'));
                let (shown, s) = match tag {
                    Some(t) => (
                        t.to_string(),
                        s.map(|s| format!("!{}", s.trim_start_matches("Fn::"))),
                    ),
                    None => (name.to_string(), s),
                };
                self.report(
                    m.key_span,
                    IssueKind::UnknownIntrinsic {
                        name: shown,
                        suggestion: s,
                    },
                );
                Value::String(self.opaque_at(span, format!("unknown function {name}")))
            }
        };
        Some(Node { span, value: out })
    }

    /// `Ref` to a pseudo parameter, parameter or resource; `None` for `AWS::NoValue`.
    fn reference(&mut self, name: &str, span: Span) -> Option<Value> {
        let s = |v: String| Some(Value::String(v));
        match name {
            "AWS::NoValue" => return None,
            "AWS::AccountId" => return s(self.account()),
            "AWS::Region" => return s(self.region()),
            "AWS::Partition" => return s(self.partition().to_string()),
            "AWS::URLSuffix" => return s(self.url_suffix().to_string()),
            "AWS::StackName" => {
                return s(self
                    .bound
                    .stack_name
                    .clone()
                    .unwrap_or_else(|| self.pseudo("AWS::StackName")))
            }
            "AWS::StackId" => {
                let v = format!(
                    "arn:{}:cloudformation:{}:{}:stack/{}/{}",
                    self.partition(),
                    self.region(),
                    self.account(),
                    self.bound
                        .stack_name
                        .clone()
                        .unwrap_or_else(|| self.pseudo("AWS::StackName")),
                    self.pseudo("AWS::StackId")
                );
                return s(v);
            }
            "AWS::NotificationARNs" => return s(self.pseudo("AWS::NotificationARNs")),
            _ => {}
        }
        if let Some(p) = self.parameters.get(name).copied() {
            return Some(self.parameter(name, p));
        }
        if let Some(&(ty, _)) = self.resources.get(name) {
            if provider_value(ty, None) {
                return s(self.provider_value(name, ty, "Ref"));
            }
            return s(self.ref_resource(name));
        }
        let mut candidates: Vec<&str> = self.parameters.keys().copied().collect();
        candidates.extend(self.resources.keys().copied());
        candidates.extend(PSEUDO.iter().copied());
        candidates.sort_unstable();
        self.unknown_ref(span, "resource or parameter", name, candidates);
        s(self.opaque_at(span, format!("unresolved Ref {name}")))
    }

    fn parameter(&mut self, name: &str, def: &Node) -> Value {
        let ty = def.get("Type").and_then(Node::as_str).unwrap_or("String");
        let is_list = ty.starts_with("List<") || ty == "CommaDelimitedList";
        let unknown = || {
            Value::String(
                Sym::Parameter {
                    key: self.bound.key.clone(),
                    stack: self.stack().to_string(),
                    name: name.to_string(),
                }
                .text(),
            )
        };
        let text = if let Some(v) = self.bound.parameters.get(name) {
            v.clone()
        } else if ty.starts_with("AWS::SSM::Parameter::Value<") {
            return unknown();
        } else {
            match def.get("Default") {
                Some(d) => match &d.value {
                    Value::Array(items) => items
                        .iter()
                        .filter_map(scalar_text)
                        .collect::<Vec<_>>()
                        .join(","),
                    _ => match scalar_text(d) {
                        Some(t) => t,
                        None => return unknown(),
                    },
                },
                None => return unknown(),
            }
        };
        if is_list {
            Value::Array(
                text.split(',')
                    .map(|p| string_node(def.span, p.trim().to_string()))
                    .collect(),
            )
        } else {
            Value::String(text)
        }
    }

    /// The resource's name property, resolved, or a symbol when it is absent.
    fn name_of(&mut self, id: &str) -> String {
        if let Some(n) = self.name_cache.get(id) {
            return n.clone();
        }
        let Some(&(ty, res)) = self.resources.get(id) else {
            return self.generated("Name", id);
        };
        let prop = name_property(ty).unwrap_or("Name");
        let node = res.get("Properties").and_then(|p| p.get(prop));
        let value = match node {
            Some(n) if self.name_active.contains(id) => {
                self.report(
                    n.span,
                    IssueKind::Cycle {
                        message: format!("`{id}.{prop}` refers to itself"),
                    },
                );
                self.generated(prop, id)
            }
            Some(n) if self.hops < MAX_HOPS && self.name_active.insert(id.to_string()) => {
                self.hops += 1;
                let v = self.resolve(n).and_then(|r| scalar_text(&r));
                self.hops -= 1;
                self.name_active.remove(id);
                v.unwrap_or_else(|| self.generated(prop, id))
            }
            _ => self.generated(prop, id),
        };
        self.name_cache.insert(id.to_string(), value.clone());
        value
    }

    /// A resource property, resolved once (memoized); a property that refers back to itself is a
    /// cycle finding, not an exponential recursion.
    fn prop(&mut self, id: &str, prop: &str) -> Option<Node> {
        let &(_, res) = self.resources.get(id)?;
        let n = res.get("Properties")?.get(prop)?;
        let key = (id.to_string(), prop.to_string());
        if let Some(r) = self.prop_cache.get(&key) {
            return r.clone();
        }
        if self.prop_active.contains(&key) {
            self.report(
                n.span,
                IssueKind::Cycle {
                    message: format!("`{id}.{prop}` refers to itself"),
                },
            );
            return None;
        }
        if self.hops >= MAX_HOPS {
            return None;
        }
        self.hops += 1;
        self.prop_active.insert(key.clone());
        let r = self.resolve(n);
        self.prop_active.remove(&key);
        self.hops -= 1;
        self.prop_cache.insert(key, r.clone());
        r
    }

    fn path_of(&mut self, id: &str) -> String {
        self.prop(id, "Path")
            .and_then(|n| scalar_text(&n))
            .unwrap_or_else(|| "/".to_string())
    }

    fn ref_resource(&mut self, id: &str) -> String {
        let ty = self.resources.get(id).map_or("", |r| r.0);
        let (p, region, account) = (self.partition().to_string(), self.region(), self.account());
        match ty {
            "AWS::S3::Bucket"
            | "AWS::IAM::Role"
            | "AWS::IAM::User"
            | "AWS::IAM::Group"
            | "AWS::IAM::InstanceProfile"
            | "AWS::KMS::Alias"
            | "AWS::Lambda::Function"
            | "AWS::DynamoDB::Table"
            | "AWS::Logs::LogGroup"
            | "AWS::SSM::Parameter"
            | "AWS::ECR::Repository"
            | "AWS::Kinesis::Stream"
            | "AWS::Events::EventBus" => self.name_of(id),
            "AWS::IAM::ManagedPolicy" => {
                let path = self.path_of(id);
                format!("arn:{p}:iam::{account}:policy{path}{}", self.name_of(id))
            }
            "AWS::SQS::Queue" => format!(
                "https://sqs.{region}.{}/{account}/{}",
                self.url_suffix(),
                self.name_of(id)
            ),
            "AWS::SNS::Topic" => format!("arn:{p}:sns:{region}:{account}:{}", self.name_of(id)),
            "AWS::KMS::Key" => self.generated("KeyId", id),
            "AWS::EC2::SecurityGroup" => self.generated("GroupId", id),
            "AWS::EC2::VPC" => self.generated("VpcId", id),
            "AWS::EC2::Subnet" => self.generated("SubnetId", id),
            "AWS::EC2::InternetGateway" => self.generated("InternetGatewayId", id),
            "AWS::ElasticLoadBalancingV2::LoadBalancer" => self.generated("LoadBalancerArn", id),
            "AWS::ElasticLoadBalancingV2::TargetGroup" => self.generated("TargetGroupArn", id),
            "AWS::ElasticLoadBalancingV2::Listener" => self.generated("ListenerArn", id),
            "AWS::GlobalAccelerator::Accelerator" => self.generated("AcceleratorArn", id),
            "AWS::GlobalAccelerator::Listener" => self.generated("ListenerArn", id),
            "AWS::GlobalAccelerator::EndpointGroup" => self.generated("EndpointGroupArn", id),
            _ => self.generated("Ref", id),
        }
    }

    fn get_att(&mut self, id: &str, attr: &str, id_span: Span) -> Value {
        let Some(&(ty, _)) = self.resources.get(id) else {
            let mut candidates: Vec<&str> = self.resources.keys().copied().collect();
            candidates.sort_unstable();
            self.unknown_ref(id_span, "resource", id, candidates);
            return Value::String(
                self.opaque_at(id_span, format!("unresolved Fn::GetAtt {id}.{attr}")),
            );
        };
        if provider_value(ty, Some(attr)) {
            return Value::String(self.provider_value(id, ty, attr));
        }
        let (p, region, account) = (self.partition().to_string(), self.region(), self.account());
        let s = |v: String| Value::String(v);
        let suffix = self.url_suffix();
        match (ty, attr) {
            ("AWS::S3::Bucket", "Arn") => s(format!("arn:{p}:s3:::{}", self.name_of(id))),
            ("AWS::S3::Bucket", "DomainName") => s(format!("{}.s3.{suffix}", self.name_of(id))),
            ("AWS::S3::Bucket", "RegionalDomainName") => {
                s(format!("{}.s3.{region}.{suffix}", self.name_of(id)))
            }
            ("AWS::S3::Bucket", "DualStackDomainName") => s(format!(
                "{}.s3.dualstack.{region}.{suffix}",
                self.name_of(id)
            )),
            ("AWS::IAM::Role", "Arn") => {
                let path = self.path_of(id);
                s(format!(
                    "arn:{p}:iam::{account}:role{path}{}",
                    self.name_of(id)
                ))
            }
            ("AWS::IAM::User", "Arn") => {
                let path = self.path_of(id);
                s(format!(
                    "arn:{p}:iam::{account}:user{path}{}",
                    self.name_of(id)
                ))
            }
            ("AWS::IAM::Group", "Arn") => {
                let path = self.path_of(id);
                s(format!(
                    "arn:{p}:iam::{account}:group{path}{}",
                    self.name_of(id)
                ))
            }
            ("AWS::IAM::InstanceProfile", "Arn") => {
                let path = self.path_of(id);
                s(format!(
                    "arn:{p}:iam::{account}:instance-profile{path}{}",
                    self.name_of(id)
                ))
            }
            ("AWS::IAM::ManagedPolicy", "PolicyArn") => s(self.ref_resource(id)),
            ("AWS::KMS::Key", "Arn") => s(format!(
                "arn:{p}:kms:{region}:{account}:key/{}",
                self.generated("KeyId", id)
            )),
            ("AWS::KMS::Key", "KeyId") => s(self.generated("KeyId", id)),
            ("AWS::SQS::Queue", "Arn") => s(format!(
                "arn:{p}:sqs:{region}:{account}:{}",
                self.name_of(id)
            )),
            ("AWS::SQS::Queue", "QueueName") => s(self.name_of(id)),
            ("AWS::SQS::Queue", "QueueUrl") => s(self.ref_resource(id)),
            ("AWS::SNS::Topic", "TopicArn") => s(self.ref_resource(id)),
            ("AWS::SNS::Topic", "TopicName") => s(self.name_of(id)),
            ("AWS::Lambda::Function", "Arn") => s(format!(
                "arn:{p}:lambda:{region}:{account}:function:{}",
                self.name_of(id)
            )),
            ("AWS::DynamoDB::Table", "Arn") => s(format!(
                "arn:{p}:dynamodb:{region}:{account}:table/{}",
                self.name_of(id)
            )),
            ("AWS::Logs::LogGroup", "Arn") => s(format!(
                "arn:{p}:logs:{region}:{account}:log-group:{}:*",
                self.name_of(id)
            )),
            ("AWS::EC2::SecurityGroup", "GroupId") | ("AWS::EC2::VPC", "VpcId") => {
                s(self.ref_resource(id))
            }
            ("AWS::EC2::SecurityGroup", "VpcId")
            | ("AWS::EC2::VPC", "CidrBlock")
            | ("AWS::EC2::Subnet", "VpcId") => match self.prop(id, attr) {
                Some(n) => n.value,
                None => s(self.generated(attr, id)),
            },
            ("AWS::ElasticLoadBalancingV2::LoadBalancer", "LoadBalancerArn")
            | ("AWS::ElasticLoadBalancingV2::TargetGroup", "TargetGroupArn")
            | ("AWS::ElasticLoadBalancingV2::Listener", "ListenerArn")
            | ("AWS::GlobalAccelerator::Accelerator", "AcceleratorArn")
            | ("AWS::GlobalAccelerator::Listener", "ListenerArn")
            | ("AWS::GlobalAccelerator::EndpointGroup", "EndpointGroupArn") => {
                s(self.ref_resource(id))
            }
            ("AWS::ElasticLoadBalancingV2::LoadBalancer", "LoadBalancerName")
            | ("AWS::ElasticLoadBalancingV2::TargetGroup", "TargetGroupName")
                if self.prop(id, "Name").is_some() =>
            {
                s(self.name_of(id))
            }
            ("AWS::ElasticLoadBalancingV2::LoadBalancer", "SecurityGroups") => {
                match self.prop(id, attr) {
                    Some(n) => n.value,
                    None => s(self.generated(attr, id)),
                }
            }
            _ => s(self.generated(attr, id)),
        }
    }

    fn sub(&mut self, arg: &Node) -> Value {
        let (template, vars) = match &arg.value {
            Value::String(_) => (arg, None),
            #[expect(clippy::indexing_slicing, reason = "the guard checks two items")]
            Value::Array(items)
                if items.len() == 2
                    && items[0].as_str().is_some()
                    && items[1].as_object().is_some() =>
            {
                (&items[0], Some(&items[1]))
            }
            _ => {
                self.malformed(arg.span, "Fn::Sub", "a string, or [string, {variables}]");
                return Value::String(self.opaque_at(arg.span, "malformed Fn::Sub"));
            }
        };
        // One pass over the template: variables are looked up in a map, resolved once each, and the
        // variable spans come from one comparison of the template with its source text.
        let table: HashMap<&str, &Node> = vars
            .and_then(Node::as_object)
            .unwrap_or(&[])
            .iter()
            .map(|m| (m.key.as_str(), &m.value))
            .collect();
        let mut resolved: HashMap<&str, String> = HashMap::new();
        let base = self.verbatim_start(template);
        let s = template.as_str().unwrap_or_default();
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        let mut consumed = 0usize;
        while let Some(i) = rest.find("${") {
            out.push_str(&rest[..i]);
            let after = &rest[i + 2..];
            if let Some(lit) = after.strip_prefix('!') {
                out.push_str("${");
                consumed += i + 3;
                rest = lit;
                continue;
            }
            let Some(j) = after.find('}') else {
                out.push_str(&rest[i..]);
                rest = "";
                break;
            };
            // CloudFormation ignores blanks around a variable name (`${ Bucket.Arn }`).
            let raw = &after[..j];
            let var = raw.trim();
            let var_at = consumed + i + 2 + (raw.len() - raw.trim_start().len());
            let span = base.map_or(template.span, |b| {
                Span::new(b + var_at, b + var_at + var.len())
            });
            let v = match resolved.get(var) {
                Some(v) => v.clone(),
                None => {
                    let v = self.sub_var(var, table.get(var).copied(), span);
                    resolved.insert(var, v.clone());
                    v
                }
            };
            out.push_str(&v);
            if out.len() > self.string_budget {
                return Value::String(self.charge(out, template.span, "Fn::Sub"));
            }
            consumed += i + 2 + j + 1;
            rest = &after[j + 1..];
        }
        out.push_str(rest);
        Value::String(dynamic_refs(&self.charge(out, template.span, "Fn::Sub")))
    }

    /// Take a produced string's bytes from the template's string budget; past it, the string is
    /// replaced by a symbol and a LIMIT finding.
    fn charge(&mut self, s: String, span: Span, what: &str) -> String {
        if s.len() <= self.string_budget {
            self.string_budget -= s.len();
            return s;
        }
        if self.string_budget == 0 {
            // Reported once, where the budget ran out; later strings only become symbols.
            return self.opaque_at(span, format!("{what} result too large"));
        }
        self.string_budget = 0;
        self.report(span, IssueKind::Limit { limit: "resolved string size".to_string(), message: format!(
                "the strings built by Fn::Sub and Fn::Join in this template exceed {STRING_BUDGET} bytes"
            ) });
        self.opaque_at(span, format!("{what} result too large"))
    }

    fn sub_var(&mut self, var: &str, value: Option<&Node>, span: Span) -> String {
        if let Some(v) = value {
            return self.text_of(v);
        }
        if let Some((id, attr)) = var.split_once('.') {
            if !self.parameters.contains_key(var) {
                return match self.get_att(id, attr, span) {
                    Value::String(s) => s,
                    _ => self.opaque_at(span, format!("{var} (a list) in Fn::Sub")),
                };
            }
        }
        match self.reference(var, span) {
            None => String::new(),
            Some(Value::String(s)) => s,
            Some(_) => self.opaque_at(span, format!("{var} (a list) in Fn::Sub")),
        }
    }

    /// The file offset where a string node's value starts, when the source writes the value verbatim
    /// (no escapes); `None` otherwise.
    fn verbatim_start(&self, n: &Node) -> Option<usize> {
        let value = n.as_str()?;
        let raw = self
            .text
            .get(n.span.start as usize..n.span.end as usize)
            .unwrap_or("");
        let off = if raw == value {
            0
        } else if raw.len() == value.len() + 2 && raw.get(1..raw.len() - 1) == Some(value) {
            1
        } else {
            return None;
        };
        Some(n.span.start as usize + off)
    }

    #[expect(
        clippy::indexing_slicing,
        reason = "the let-else above admits 3 or 4 items, so `keys` has 3 and `items[i]` (i < 3) exists"
    )]
    fn find_in_map(&mut self, arg: &Node, span: Span) -> Option<Node> {
        let Some(items) = arg.as_array().filter(|a| a.len() == 3 || a.len() == 4) else {
            self.malformed(
                arg.span,
                "Fn::FindInMap",
                "[MapName, TopLevelKey, SecondLevelKey]",
            );
            return Some(string_node(
                span,
                self.opaque_at(span, "malformed Fn::FindInMap"),
            ));
        };
        let keys: Vec<String> = items[..3].iter().map(|k| self.text_of(k)).collect();
        let default = items.get(3).and_then(|d| d.get("DefaultValue"));
        if keys.iter().any(|k| has_symbol(k)) {
            return Some(string_node(
                span,
                self.opaque_at(
                    span,
                    format!(
                        "Fn::FindInMap {}",
                        keys.iter()
                            .map(|k| display(k))
                            .collect::<Vec<_>>()
                            .join("/")
                    ),
                ),
            ));
        }
        let Some(map) = self.mappings.and_then(|m| m.get(&keys[0])) else {
            let candidates: Vec<&str> = self
                .mappings
                .and_then(Node::as_object)
                .unwrap_or(&[])
                .iter()
                .map(|m| m.key.as_str())
                .collect();
            self.unknown_ref(items[0].span, "mapping", &keys[0], candidates);
            return Some(string_node(
                span,
                self.opaque_at(span, format!("unresolved mapping {}", keys[0])),
            ));
        };
        match map.get(&keys[1]).and_then(|t| t.get(&keys[2])) {
            Some(v) => self.resolve(v),
            None => match default {
                Some(d) => self.resolve(d),
                None => {
                    let (k, i) = if map.get(&keys[1]).is_none() {
                        (&keys[1], 1)
                    } else {
                        (&keys[2], 2)
                    };
                    self.report(
                        items[i].span,
                        IssueKind::UnknownReference {
                            what: format!("key of mapping `{}`", keys[0]),
                            name: k.to_string(),
                            suggestion: None,
                        },
                    );
                    Some(string_node(
                        span,
                        self.opaque_at(
                            span,
                            format!("unresolved Fn::FindInMap {}", keys.join("/")),
                        ),
                    ))
                }
            },
        }
    }

    fn fn_if(&mut self, arg: &Node, span: Span) -> Option<Node> {
        let Some([cond, yes, no]) = arg.as_array() else {
            self.malformed(
                arg.span,
                "Fn::If",
                "[ConditionName, ValueIfTrue, ValueIfFalse]",
            );
            return Some(string_node(span, self.opaque_at(span, "malformed Fn::If")));
        };
        let Some(name) = cond.as_str() else {
            self.malformed(cond.span, "Fn::If", "a condition name (a string) first");
            return Some(string_node(span, self.opaque_at(span, "malformed Fn::If")));
        };
        match self.condition(name, cond.span) {
            Some(true) => self.resolve(yes),
            Some(false) => self.resolve(no),
            None => {
                let a = self.resolve(yes);
                let b = self.resolve(no);
                let opaque = |at: Span, what: String| self.opaque_at(at, what);
                let merger = super::choice::Merger {
                    condition: name,
                    opaque: &opaque,
                };
                merger.merge(a.as_ref(), b.as_ref(), span)
            }
        }
    }

    /// Evaluate a named condition: `Some` when decidable.
    pub fn condition(&mut self, name: &str, span: Span) -> Option<bool> {
        if let Some(v) = self.cond_cache.get(name) {
            return *v;
        }
        let Some(def) = self.conditions.and_then(|c| c.get(name)) else {
            let candidates: Vec<&str> = self
                .conditions
                .and_then(Node::as_object)
                .unwrap_or(&[])
                .iter()
                .map(|m| m.key.as_str())
                .collect();
            self.unknown_ref(span, "condition", name, candidates);
            return None;
        };
        if !self.cond_active.insert(name.to_string()) {
            // CloudFormation rejects it; stay undecided.
            self.report(
                span,
                IssueKind::Cycle {
                    message: format!("condition `{name}` refers to itself"),
                },
            );
            return None;
        }
        let v = self.condition_expr(def);
        self.cond_active.remove(name);
        self.cond_cache.insert(name.to_string(), v);
        v
    }

    fn condition_expr(&mut self, n: &Node) -> Option<bool> {
        if self.cond_depth >= MAX_CONDITION_DEPTH {
            self.report(n.span, IssueKind::Limit { limit: "condition chain".to_string(), message: format!(
                    "this condition refers through more than {MAX_CONDITION_DEPTH} conditions and condition functions"
                ) });
            return None;
        }
        self.cond_depth += 1;
        let v = self.condition_expr_at_depth(n);
        self.cond_depth -= 1;
        v
    }

    fn condition_expr_at_depth(&mut self, n: &Node) -> Option<bool> {
        let Some([m]) = n.as_object() else {
            self.malformed(
                n.span,
                "condition",
                "a condition function (Fn::Equals, Fn::And, …)",
            );
            return None;
        };
        let args = m.value.as_array();
        match (m.key.as_str(), args) {
            ("Condition", _) => {
                let name = m.value.as_str()?.to_string();
                self.condition(&name, m.value.span)
            }
            ("Fn::Equals", Some([a, b])) => {
                let (a, b) = (self.text_of(a), self.text_of(b));
                if a == b {
                    Some(true)
                } else if has_symbol(&a) || has_symbol(&b) {
                    None
                } else {
                    Some(false)
                }
            }
            ("Fn::Not", Some([c])) => self.condition_expr(c).map(|v| !v),
            ("Fn::And", Some(cs)) | ("Fn::Or", Some(cs)) if (2..=10).contains(&cs.len()) => {
                let and = m.key == "Fn::And";
                let mut undecided = false;
                for c in cs {
                    match self.condition_expr(c) {
                        Some(v) if v != and => return Some(v),
                        Some(_) => {}
                        None => undecided = true,
                    }
                }
                if undecided {
                    None
                } else {
                    Some(and)
                }
            }
            (k, _) => {
                let expected = match k {
                    "Fn::Equals" => "[value, value]",
                    "Fn::Not" => "[condition]",
                    "Fn::And" | "Fn::Or" => "a list of 2 to 10 conditions",
                    _ => "a condition function (Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition)",
                };
                self.malformed(m.value.span, k, expected);
                None
            }
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
