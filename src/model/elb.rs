//! `AWS::ElasticLoadBalancingV2::LoadBalancer` / `Listener` / `TargetGroup`, typed.

use super::origin::Origin;
use super::props::{array, integer, object, string, strings};
use crate::source::{Node, Span, Spanned};

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

pub(crate) fn load_balancer(origin: Origin, p: Option<&Node>) -> LoadBalancer {
    let mut subnets = strings(p, "Subnets");
    subnets.extend(
        array(p, "SubnetMappings")
            .iter()
            .filter_map(|m| string(Some(m), "SubnetId")),
    );
    let security_groups = strings(p, "SecurityGroups");
    LoadBalancer {
        arn: arn_of(&origin, "LoadBalancerArn"),
        name: string(p, "Name"),
        scheme: string(p, "Scheme"),
        lb_type: string(p, "Type"),
        ip_address_type: string(p, "IpAddressType"),
        subnets,
        sg_links: vec![None; security_groups.len()],
        security_groups,
        security_groups_span: p.and_then(|p| p.get("SecurityGroups")).map(|n| n.span),
        origin,
    }
}

pub(crate) fn listener(origin: Origin, p: Option<&Node>) -> ElbListener {
    let mut target_groups = Vec::new();
    for a in array(p, "DefaultActions") {
        target_groups.extend(string(Some(a), "TargetGroupArn"));
        for tg in array(object(Some(a), "ForwardConfig"), "TargetGroups") {
            target_groups.extend(string(Some(tg), "TargetGroupArn"));
        }
    }
    ElbListener {
        arn: arn_of(&origin, "ListenerArn"),
        load_balancer_arn: string(p, "LoadBalancerArn"),
        port: integer(p, "Port"),
        protocol: string(p, "Protocol"),
        target_groups,
        load_balancer: None,
        origin,
    }
}

pub(crate) fn target_group(origin: Origin, p: Option<&Node>) -> TargetGroup {
    TargetGroup {
        arn: arn_of(&origin, "TargetGroupArn"),
        port: integer(p, "Port"),
        protocol: string(p, "Protocol"),
        target_type: string(p, "TargetType"),
        vpc_id: string(p, "VpcId"),
        targets: array(p, "Targets")
            .iter()
            .map(|t| Target {
                span: t.span,
                id: string(Some(t), "Id"),
                port: integer(Some(t), "Port"),
            })
            .collect(),
        health_check_port: super::props::scalar(p, "HealthCheckPort"),
        health_check_protocol: string(p, "HealthCheckProtocol"),
        health_check_enabled: super::props::scalar(p, "HealthCheckEnabled"),
        origin,
    }
}
