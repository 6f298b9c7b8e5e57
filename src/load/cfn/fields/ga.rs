//! `AWS::GlobalAccelerator::Accelerator` / `Listener` / `EndpointGroup`.

use super::unknown_list;
use crate::model::ga::{
    AcceleratorFields, EndpointFields, EndpointGroupFields, GaListenerFields, PortOverride,
    PortRange,
};
use crate::model::props::{array, boolean, integer, string, strings};
use crate::source::Node;

pub(in crate::load::cfn) fn accelerator(p: Option<&Node>) -> AcceleratorFields {
    AcceleratorFields {
        name: string(p, "Name"),
        ip_address_type: string(p, "IpAddressType"),
        ip_addresses: strings(p, "IpAddresses"),
        enabled: boolean(p, "Enabled"),
    }
}

pub(in crate::load::cfn) fn listener(p: Option<&Node>) -> GaListenerFields {
    GaListenerFields {
        accelerator_arn: string(p, "AcceleratorArn"),
        port_ranges: array(p, "PortRanges")
            .iter()
            .map(|r| PortRange {
                from: integer(Some(r), "FromPort").map(|v| v.value),
                to: integer(Some(r), "ToPort").map(|v| v.value),
                span: r.span,
            })
            .collect(),
        port_ranges_unknown: unknown_list(p, "PortRanges"),
        protocol: string(p, "Protocol"),
        client_affinity: string(p, "ClientAffinity"),
    }
}

pub(in crate::load::cfn) fn endpoint_group(p: Option<&Node>) -> EndpointGroupFields {
    EndpointGroupFields {
        listener_arn: string(p, "ListenerArn"),
        region: string(p, "EndpointGroupRegion"),
        endpoints: array(p, "EndpointConfigurations")
            .iter()
            .map(|e| EndpointFields {
                span: e.span,
                id: string(Some(e), "EndpointId"),
                weight: integer(Some(e), "Weight"),
                client_ip_preservation: boolean(Some(e), "ClientIPPreservationEnabled"),
                client_ip_preservation_written: e.get("ClientIPPreservationEnabled").is_some(),
                attachment_arn: string(Some(e), "AttachmentArn"),
            })
            .collect(),
        endpoints_unknown: unknown_list(p, "EndpointConfigurations"),
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
        port_overrides_unknown: unknown_list(p, "PortOverrides"),
    }
}
