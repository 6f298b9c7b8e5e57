//! `AWS::ElasticLoadBalancingV2::LoadBalancer` / `Listener` / `TargetGroup`, typed.

use super::origin::Origin;
use crate::source::{Span, Spanned};

/// What a frontend knows of a load balancer, by meaning (`load::cfn` reads CloudFormation properties,
/// the Terraform translation `aws_lb` attributes).
#[derive(Debug, Clone, Default)]
pub struct LoadBalancerFields {
    pub name: Option<Spanned<String>>,
    pub scheme: Option<Spanned<String>>,
    pub lb_type: Option<Spanned<String>>,
    pub ip_address_type: Option<Spanned<String>>,
    /// Subnets, listed and from subnet mappings (a list not known as a whole is one symbol).
    pub subnets: Vec<Spanned<String>>,
    pub security_groups: Vec<Spanned<String>>,
    /// Span of the security group list, when written.
    pub security_groups_span: Option<Span>,
}

#[derive(Debug, Clone, Default)]
pub struct ElbListenerFields {
    /// The load balancer's ARN as written.
    pub load_balancer_arn: Option<Spanned<String>>,
    pub port: Option<Spanned<i64>>,
    pub protocol: Option<Spanned<String>>,
    /// Target group ARNs the default actions forward to (actions not known as a whole: one symbol, a
    /// target group no template defines).
    pub target_groups: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Default)]
pub struct TargetGroupFields {
    pub port: Option<Spanned<i64>>,
    pub protocol: Option<Spanned<String>>,
    pub target_type: Option<Spanned<String>>,
    pub vpc_id: Option<Spanned<String>>,
    /// Targets as written; `Targets` not known as a whole is one target whose id is the symbol naming
    /// them (a target, not none).
    pub targets: Vec<Target>,
    /// A port number or `traffic-port`.
    pub health_check_port: Option<Spanned<String>>,
    pub health_check_protocol: Option<Spanned<String>>,
    pub health_check_enabled: Option<Spanned<String>>,
}

#[derive(Debug, Clone)]
pub struct LoadBalancer {
    pub origin: Origin,
    /// `Ref`: the load balancer ARN (pinned or generated).
    pub arn: String,
    pub name: Option<Spanned<String>>,
    /// `internet-facing` (default) or `internal`.
    pub scheme: Option<Spanned<String>>,
    /// `application` (default), `network`, `gateway`.
    pub lb_type: Option<Spanned<String>>,
    /// `ipv4` (default), `dualstack`, `dualstack-without-public-ipv4`.
    pub ip_address_type: Option<Spanned<String>>,
    /// `Subnets[]` and `SubnetMappings[].SubnetId`.
    pub subnets: Vec<Spanned<String>>,
    pub security_groups: Vec<Spanned<String>>,
    /// Span of the `SecurityGroups` value.
    pub security_groups_span: Option<Span>,
    /// Indices into `Model::security_groups`, parallel to `security_groups` (set when linking).
    pub sg_links: Vec<Option<usize>>,
}

impl LoadBalancer {
    pub fn scheme_str(&self) -> &str {
        self.scheme
            .as_ref()
            .map_or("internet-facing", |s| s.value.as_str())
    }
    pub fn type_str(&self) -> &str {
        self.lb_type
            .as_ref()
            .map_or("application", |s| s.value.as_str())
    }
    pub fn ip_address_type_str(&self) -> &str {
        self.ip_address_type
            .as_ref()
            .map_or("ipv4", |s| s.value.as_str())
    }
}

#[derive(Debug, Clone)]
pub struct ElbListener {
    pub origin: Origin,
    pub arn: String,
    /// `LoadBalancerArn` as written.
    pub load_balancer_arn: Option<Spanned<String>>,
    pub port: Option<Spanned<i64>>,
    pub protocol: Option<Spanned<String>>,
    /// Target group ARNs of `DefaultActions` (forward, incl. `ForwardConfig`).
    pub target_groups: Vec<Spanned<String>>,
    /// Index into `Model::load_balancers` (set when linking).
    pub load_balancer: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Target {
    pub span: Span,
    pub id: Option<Spanned<String>>,
    pub port: Option<Spanned<i64>>,
}

#[derive(Debug, Clone)]
pub struct TargetGroup {
    pub origin: Origin,
    pub arn: String,
    pub port: Option<Spanned<i64>>,
    pub protocol: Option<Spanned<String>>,
    /// `instance` (default), `ip`, `lambda`, `alb`.
    pub target_type: Option<Spanned<String>>,
    pub vpc_id: Option<Spanned<String>>,
    pub targets: Vec<Target>,
    pub health_check_port: Option<Spanned<String>>,
    pub health_check_protocol: Option<Spanned<String>>,
    pub health_check_enabled: Option<Spanned<String>>,
}

fn arn_of(origin: &Origin, attr: &str) -> String {
    origin
        .pinned_arn
        .clone()
        .unwrap_or_else(|| origin.generated(attr))
}

pub(crate) fn load_balancer(origin: Origin, f: LoadBalancerFields) -> LoadBalancer {
    LoadBalancer {
        arn: arn_of(&origin, "LoadBalancerArn"),
        name: f.name,
        scheme: f.scheme,
        lb_type: f.lb_type,
        ip_address_type: f.ip_address_type,
        subnets: f.subnets,
        sg_links: vec![None; f.security_groups.len()],
        security_groups: f.security_groups,
        security_groups_span: f.security_groups_span,
        origin,
    }
}

pub(crate) fn listener(origin: Origin, f: ElbListenerFields) -> ElbListener {
    ElbListener {
        arn: arn_of(&origin, "ListenerArn"),
        load_balancer_arn: f.load_balancer_arn,
        port: f.port,
        protocol: f.protocol,
        target_groups: f.target_groups,
        load_balancer: None,
        origin,
    }
}

pub(crate) fn target_group(origin: Origin, f: TargetGroupFields) -> TargetGroup {
    TargetGroup {
        arn: arn_of(&origin, "TargetGroupArn"),
        port: f.port,
        protocol: f.protocol,
        target_type: f.target_type,
        vpc_id: f.vpc_id,
        targets: f.targets,
        health_check_port: f.health_check_port,
        health_check_protocol: f.health_check_protocol,
        health_check_enabled: f.health_check_enabled,
        origin,
    }
}
