//! Global Accelerator: accelerators, listeners and endpoint groups → `AWS::GlobalAccelerator::*`.

use super::context::Tr;
use crate::source::Node;

pub(super) fn accelerator(t: &Tr, i: usize) -> Node {
    let (r, c, mut p) = t.open(i);
    p.put("Name", t.text(r, c, "name"));
    p.put("IpAddressType", t.text(r, c, "ip_address_type"));
    p.put("Enabled", t.leaf(r, c, "enabled"));
    p.node()
}

pub(super) fn ga_listener(t: &Tr, i: usize) -> Node {
    let (r, c, mut p) = t.open(i);
    p.put("AcceleratorArn", t.text(r, c, "accelerator_arn"));
    p.put("Protocol", t.text(r, c, "protocol"));
    p.put("ClientAffinity", t.text(r, c, "client_affinity"));
    p.each("PortRanges", c, "port_range", |o, pr| {
        o.put("FromPort", t.leaf(r, pr, "from_port"));
        o.put("ToPort", t.leaf(r, pr, "to_port"));
    });
    p.node()
}

pub(super) fn endpoint_group(t: &Tr, i: usize) -> Node {
    let (r, c, mut p) = t.open(i);
    p.put("ListenerArn", t.text(r, c, "listener_arn"));
    p.put("EndpointGroupRegion", t.text(r, c, "endpoint_group_region"));
    p.each(
        "EndpointConfigurations",
        c,
        "endpoint_configuration",
        |o, e| {
            o.put("EndpointId", t.text(r, e, "endpoint_id"));
            o.put("Weight", t.leaf(r, e, "weight"));
            o.put(
                "ClientIPPreservationEnabled",
                t.leaf(r, e, "client_ip_preservation_enabled"),
            );
        },
    );
    p.put(
        "TrafficDialPercentage",
        t.leaf(r, c, "traffic_dial_percentage"),
    );
    p.put("HealthCheckPort", t.leaf(r, c, "health_check_port"));
    p.put("HealthCheckProtocol", t.text(r, c, "health_check_protocol"));
    p.put("HealthCheckPath", t.text(r, c, "health_check_path"));
    p.put(
        "HealthCheckIntervalSeconds",
        t.leaf(r, c, "health_check_interval_seconds"),
    );
    p.put("ThresholdCount", t.leaf(r, c, "threshold_count"));
    p.each("PortOverrides", c, "port_override", |o, x| {
        o.put("ListenerPort", t.leaf(r, x, "listener_port"));
        o.put("EndpointPort", t.leaf(r, x, "endpoint_port"));
    });
    p.node()
}
