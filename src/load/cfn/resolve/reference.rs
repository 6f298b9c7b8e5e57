//! What `Ref` and `Fn::GetAtt` return: pseudo parameters, parameters, and the documented return
//! values of resources (names, ARNs, URLs built from the binding, else symbols).

use super::super::provider_values::provider_value;
use super::{name_property, scalar_text, string_node, Resolver, MAX_HOPS, PSEUDO};
use crate::load::issue::IssueKind;
use crate::model::symbolic::Sym;
use crate::source::{Node, Span, Value};

impl Resolver<'_> {
    /// `Ref` to a pseudo parameter, parameter or resource; `None` for `AWS::NoValue`.
    pub(super) fn reference(&mut self, name: &str, span: Span) -> Option<Value> {
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

    pub(super) fn parameter(&mut self, name: &str, def: &Node) -> Value {
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
    pub(super) fn name_of(&mut self, id: &str) -> String {
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
    pub(super) fn prop(&mut self, id: &str, prop: &str) -> Option<Node> {
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

    pub(super) fn path_of(&mut self, id: &str) -> String {
        self.prop(id, "Path")
            .and_then(|n| scalar_text(&n))
            .unwrap_or_else(|| "/".to_string())
    }

    pub(super) fn ref_resource(&mut self, id: &str) -> String {
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

    pub(super) fn get_att(&mut self, id: &str, attr: &str, id_span: Span) -> Value {
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
}
