//! `AWS::GlobalAccelerator::Accelerator` / `Listener` / `EndpointGroup`, typed.

use super::origin::Origin;
use super::props::{array, boolean, integer, string, strings};
use crate::source::{Node, Span, Spanned};

#[derive(Debug, Clone)]
pub struct Accelerator {
    pub origin: Origin,
    /// `Ref`/`AcceleratorArn`: pinned or generated.
    pub arn: String,
    pub name: Option<Spanned<String>>,
    /// `IPV4` (default) or `DUAL_STACK`.
    pub ip_address_type: Option<Spanned<String>>,
    pub ip_addresses: Vec<Spanned<String>>,
    pub enabled: Option<Spanned<bool>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PortRange {
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct GaListener {
    pub origin: Origin,
    pub arn: String,
    /// `AcceleratorArn` as written.
    pub accelerator_arn: Option<Spanned<String>>,
    pub port_ranges: Vec<PortRange>,
    pub protocol: Option<Spanned<String>>,
    pub client_affinity: Option<Spanned<String>>,
    /// Index into `Model::accelerators` (set when linking).
    pub accelerator: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Endpoint {
    pub span: Span,
    /// `EndpointId`: an ALB/NLB ARN, instance id or EIP allocation id.
    pub id: Option<Spanned<String>>,
    pub weight: Option<Spanned<i64>>,
    pub client_ip_preservation: Option<Spanned<bool>>,
    /// `ClientIPPreservationEnabled` is written (it may be a value not known statically).
    pub client_ip_preservation_written: bool,
    pub attachment_arn: Option<Spanned<String>>,
    /// Index into `Model::load_balancers` (set when linking).
    pub load_balancer: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PortOverride {
    pub span: Span,
    pub listener_port: Option<i64>,
    pub endpoint_port: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct EndpointGroup {
    pub origin: Origin,
    pub arn: String,
    /// `ListenerArn` as written.
    pub listener_arn: Option<Spanned<String>>,
    /// `EndpointGroupRegion`.
    pub region: Option<Spanned<String>>,
    pub endpoints: Vec<Endpoint>,
    pub traffic_dial: Option<Spanned<i64>>,
    pub health_check_port: Option<Spanned<i64>>,
    pub health_check_protocol: Option<Spanned<String>>,
    pub health_check_path: Option<Spanned<String>>,
    pub health_check_interval: Option<Spanned<i64>>,
    pub threshold_count: Option<Spanned<i64>>,
    pub port_overrides: Vec<PortOverride>,
    /// Index into `Model::ga_listeners` (set when linking).
    pub listener: Option<usize>,
}

fn arn_of(origin: &Origin, attr: &str) -> String {
    origin
        .pinned_arn
        .clone()
        .unwrap_or_else(|| origin.generated(attr))
}

pub(crate) fn accelerator(origin: Origin, p: Option<&Node>) -> Accelerator {
    Accelerator {
        arn: arn_of(&origin, "AcceleratorArn"),
        name: string(p, "Name"),
        ip_address_type: string(p, "IpAddressType"),
        ip_addresses: strings(p, "IpAddresses"),
        enabled: boolean(p, "Enabled"),
        origin,
    }
}

pub(crate) fn listener(origin: Origin, p: Option<&Node>) -> GaListener {
    GaListener {
        arn: arn_of(&origin, "ListenerArn"),
        accelerator_arn: string(p, "AcceleratorArn"),
        port_ranges: array(p, "PortRanges")
            .iter()
            .map(|r| PortRange {
                from: integer(Some(r), "FromPort").map(|v| v.value),
                to: integer(Some(r), "ToPort").map(|v| v.value),
                span: r.span,
            })
            .collect(),
        protocol: string(p, "Protocol"),
        client_affinity: string(p, "ClientAffinity"),
        accelerator: None,
        origin,
    }
}

pub(crate) fn endpoint_group(origin: Origin, p: Option<&Node>) -> EndpointGroup {
    EndpointGroup {
        arn: arn_of(&origin, "EndpointGroupArn"),
        listener_arn: string(p, "ListenerArn"),
        region: string(p, "EndpointGroupRegion"),
        endpoints: array(p, "EndpointConfigurations")
            .iter()
            .map(|e| Endpoint {
                span: e.span,
                id: string(Some(e), "EndpointId"),
                weight: integer(Some(e), "Weight"),
                client_ip_preservation: boolean(Some(e), "ClientIPPreservationEnabled"),
                client_ip_preservation_written: e.get("ClientIPPreservationEnabled").is_some(),
                attachment_arn: string(Some(e), "AttachmentArn"),
                load_balancer: None,
            })
            .collect(),
        traffic_dial: integer(p, "TrafficDialPercentage"),
        health_check_port: integer(p, "HealthCheckPort"),
        health_check_protocol: string(p, "HealthCheckProtocol"),
        health_check_path: string(p, "HealthCheckPath"),
        health_check_interval: integer(p, "HealthCheckIntervalSeconds"),
        threshold_count: integer(p, "ThresholdCount"),
        port_overrides: array(p, "PortOverrides")
            .iter()
            .map(|o| PortOverride {
                span: o.span,
                listener_port: integer(Some(o), "ListenerPort").map(|v| v.value),
                endpoint_port: integer(Some(o), "EndpointPort").map(|v| v.value),
            })
            .collect(),
        listener: None,
        origin,
    }
}
