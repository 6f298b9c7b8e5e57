//! `AWS::GlobalAccelerator::Accelerator` / `Listener` / `EndpointGroup`, typed.

use super::origin::Origin;
use crate::source::{Span, Spanned};

/// What a frontend knows of an accelerator, by meaning (`load::cfn` reads CloudFormation properties,
/// the Terraform translation `aws_globalaccelerator_*` attributes).
#[derive(Debug, Clone, Default)]
pub struct AcceleratorFields {
    pub name: Option<Spanned<String>>,
    pub ip_address_type: Option<Spanned<String>>,
    pub ip_addresses: Vec<Spanned<String>>,
    pub enabled: Option<Spanned<bool>>,
}

#[derive(Debug, Clone, Default)]
pub struct GaListenerFields {
    /// The accelerator's ARN as written.
    pub accelerator_arn: Option<Spanned<String>>,
    pub port_ranges: Vec<PortRange>,
    /// Not known as a whole (a parameter, an undecidable `Fn::If`, a Terraform block list known after
    /// apply): the symbol naming it; the list beside it is then empty and says nothing.
    pub port_ranges_unknown: Option<Spanned<String>>,
    pub protocol: Option<Spanned<String>>,
    pub client_affinity: Option<Spanned<String>>,
}

/// An endpoint of an endpoint group, as written.
#[derive(Debug, Clone)]
pub struct EndpointFields {
    pub span: Span,
    pub id: Option<Spanned<String>>,
    pub weight: Option<Spanned<i64>>,
    pub client_ip_preservation: Option<Spanned<bool>>,
    /// Client IP preservation is written (it may be a value not known statically).
    pub client_ip_preservation_written: bool,
    pub attachment_arn: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Default)]
pub struct EndpointGroupFields {
    /// The listener's ARN as written.
    pub listener_arn: Option<Spanned<String>>,
    pub region: Option<Spanned<String>>,
    pub endpoints: Vec<EndpointFields>,
    /// Not known as a whole (a parameter, an undecidable `Fn::If`, a Terraform block list known after
    /// apply): the symbol naming it; the list beside it is then empty and says nothing.
    pub endpoints_unknown: Option<Spanned<String>>,
    pub traffic_dial: Option<Spanned<i64>>,
    pub health_check_port: Option<Spanned<i64>>,
    pub health_check_protocol: Option<Spanned<String>>,
    pub health_check_path: Option<Spanned<String>>,
    pub health_check_interval: Option<Spanned<i64>>,
    pub threshold_count: Option<Spanned<i64>>,
    pub port_overrides: Vec<PortOverride>,
    pub port_overrides_unknown: Option<Spanned<String>>,
}

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
    /// `PortRanges` not known as a whole: the symbol naming them (`port_ranges` is then empty).
    pub port_ranges_unknown: Option<Spanned<String>>,
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
    /// `EndpointConfigurations` not known as a whole: the symbol naming them (`endpoints` is then
    /// empty: the group may front anything).
    pub endpoints_unknown: Option<Spanned<String>>,
    pub traffic_dial: Option<Spanned<i64>>,
    pub health_check_port: Option<Spanned<i64>>,
    pub health_check_protocol: Option<Spanned<String>>,
    pub health_check_path: Option<Spanned<String>>,
    pub health_check_interval: Option<Spanned<i64>>,
    pub threshold_count: Option<Spanned<i64>>,
    pub port_overrides: Vec<PortOverride>,
    /// `PortOverrides` not known as a whole: the symbol naming them (the ports endpoints receive on are
    /// then unknown).
    pub port_overrides_unknown: Option<Spanned<String>>,
    /// Index into `Model::ga_listeners` (set when linking).
    pub listener: Option<usize>,
}

fn arn_of(origin: &Origin, attr: &str) -> String {
    origin
        .pinned_arn
        .clone()
        .unwrap_or_else(|| origin.generated(attr))
}

pub(crate) fn accelerator(origin: Origin, f: AcceleratorFields) -> Accelerator {
    Accelerator {
        arn: arn_of(&origin, "AcceleratorArn"),
        name: f.name,
        ip_address_type: f.ip_address_type,
        ip_addresses: f.ip_addresses,
        enabled: f.enabled,
        origin,
    }
}

pub(crate) fn listener(origin: Origin, f: GaListenerFields) -> GaListener {
    GaListener {
        arn: arn_of(&origin, "ListenerArn"),
        accelerator_arn: f.accelerator_arn,
        port_ranges: f.port_ranges,
        port_ranges_unknown: f.port_ranges_unknown,
        protocol: f.protocol,
        client_affinity: f.client_affinity,
        accelerator: None,
        origin,
    }
}

pub(crate) fn endpoint_group(origin: Origin, f: EndpointGroupFields) -> EndpointGroup {
    EndpointGroup {
        arn: arn_of(&origin, "EndpointGroupArn"),
        listener_arn: f.listener_arn,
        region: f.region,
        endpoints: f
            .endpoints
            .into_iter()
            .map(|e| Endpoint {
                span: e.span,
                id: e.id,
                weight: e.weight,
                client_ip_preservation: e.client_ip_preservation,
                client_ip_preservation_written: e.client_ip_preservation_written,
                attachment_arn: e.attachment_arn,
                load_balancer: None,
            })
            .collect(),
        endpoints_unknown: f.endpoints_unknown,
        traffic_dial: f.traffic_dial,
        health_check_port: f.health_check_port,
        health_check_protocol: f.health_check_protocol,
        health_check_path: f.health_check_path,
        health_check_interval: f.health_check_interval,
        threshold_count: f.threshold_count,
        port_overrides: f.port_overrides,
        port_overrides_unknown: f.port_overrides_unknown,
        listener: None,
        origin,
    }
}
