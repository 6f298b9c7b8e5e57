//! Global Accelerator: accelerators, listeners and endpoint groups, read from their own attribute names
//! into the model's typed fields ([`AcceleratorFields`], [`GaListenerFields`], [`EndpointGroupFields`]).

use super::context::Tr;
use super::cursor::Cur;
use crate::load::terraform::plan::PlanResource;
use crate::model::ga::{
    AcceleratorFields, EndpointFields, EndpointGroupFields, GaListenerFields, PortOverride,
    PortRange,
};
use crate::model::props::{boolean_of, integer_of, string_of};
use crate::source::Spanned;

fn text(t: &Tr, r: &PlanResource, c: Cur, k: &str) -> Option<Spanned<String>> {
    t.text(r, c, k).as_ref().and_then(string_of)
}

fn int(t: &Tr, r: &PlanResource, c: Cur, k: &str) -> Option<Spanned<i64>> {
    t.leaf(r, c, k).as_ref().and_then(integer_of)
}

pub(super) fn accelerator(t: &Tr, i: usize) -> AcceleratorFields {
    let (r, c) = t.open(i);
    AcceleratorFields {
        name: text(t, r, c, "name"),
        ip_address_type: text(t, r, c, "ip_address_type"),
        ip_addresses: Vec::new(),
        enabled: t.leaf(r, c, "enabled").as_ref().and_then(boolean_of),
    }
}

pub(super) fn ga_listener(t: &Tr, i: usize) -> GaListenerFields {
    let (r, c) = t.open(i);
    GaListenerFields {
        accelerator_arn: text(t, r, c, "accelerator_arn"),
        port_ranges: c
            .blocks("port_range")
            .into_iter()
            .map(|pr| PortRange {
                from: int(t, r, pr, "from_port").map(|v| v.value),
                to: int(t, r, pr, "to_port").map(|v| v.value),
                span: pr.anchor,
            })
            .collect(),
        port_ranges_unknown: t.unknown_list(r, c, "port_range"),
        protocol: text(t, r, c, "protocol"),
        client_affinity: text(t, r, c, "client_affinity"),
    }
}

pub(super) fn endpoint_group(t: &Tr, i: usize) -> EndpointGroupFields {
    let (r, c) = t.open(i);
    EndpointGroupFields {
        listener_arn: text(t, r, c, "listener_arn"),
        region: text(t, r, c, "endpoint_group_region"),
        endpoints: c
            .blocks("endpoint_configuration")
            .into_iter()
            .map(|e| {
                let preservation = t.leaf(r, e, "client_ip_preservation_enabled");
                EndpointFields {
                    span: e.anchor,
                    id: text(t, r, e, "endpoint_id"),
                    weight: int(t, r, e, "weight"),
                    client_ip_preservation: preservation.as_ref().and_then(boolean_of),
                    client_ip_preservation_written: preservation.is_some(),
                    attachment_arn: None,
                }
            })
            .collect(),
        endpoints_unknown: t.unknown_list(r, c, "endpoint_configuration"),
        traffic_dial: int(t, r, c, "traffic_dial_percentage"),
        health_check_port: int(t, r, c, "health_check_port"),
        health_check_protocol: text(t, r, c, "health_check_protocol"),
        health_check_path: text(t, r, c, "health_check_path"),
        health_check_interval: int(t, r, c, "health_check_interval_seconds"),
        threshold_count: int(t, r, c, "threshold_count"),
        port_overrides: c
            .blocks("port_override")
            .into_iter()
            .map(|x| PortOverride {
                span: x.anchor,
                listener_port: int(t, r, x, "listener_port").map(|v| v.value),
                endpoint_port: int(t, r, x, "endpoint_port").map(|v| v.value),
            })
            .collect(),
        port_overrides_unknown: t.unknown_list(r, c, "port_override"),
    }
}
