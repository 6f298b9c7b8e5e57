//! Endpoint-group rules (rules-spec §10): GA-EG-REGION-DUP, GA-EG-REGION-MISMATCH, GA-EG-DIAL,
//! GA-EG-DIAL-ZERO, GA-EG-HC-INTERVAL, GA-EG-HC-THRESHOLD, GA-EG-HC-IGNORED-FOR-LB, GA-EG-HC-PATH-PROTO,
//! GA-EG-UDP-HC, and the port-override rules GA-PO-ENDPORT-IN-LISTENER, GA-PO-DUP-ENDPORT,
//! GA-PO-LISTENERPORT, GA-PO-HC-PORT.

use super::{finding, Ctx};
use crate::model::arn::Arn;
use crate::model::ga::{Endpoint, EndpointGroup};
use crate::model::symbolic::has_symbol;
use crate::model::Model;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use crate::source::Span;
use std::collections::HashMap;

pub const EG_REGION_DUP: RuleMeta = rule_meta!(
    "GA-EG-REGION-DUP",
    Error,
    "Two endpoint groups of one listener in the same Region"
);
pub const EG_REGION_MISMATCH: RuleMeta = rule_meta!(
    "GA-EG-REGION-MISMATCH",
    Error,
    "Endpoint in another Region than its endpoint group"
);
pub const EG_DIAL: RuleMeta = rule_meta!("GA-EG-DIAL", Error, "Traffic dial outside 0–100");
pub const EG_DIAL_ZERO: RuleMeta = rule_meta!(
    "GA-EG-DIAL-ZERO",
    Info,
    "Traffic dial 0 takes the Region out of normal routing"
);
pub const EG_HC_INTERVAL: RuleMeta = rule_meta!(
    "GA-EG-HC-INTERVAL",
    Error,
    "Health-check interval other than 10 or 30 seconds"
);
pub const EG_HC_THRESHOLD: RuleMeta = rule_meta!(
    "GA-EG-HC-THRESHOLD",
    Error,
    "Invalid health-check threshold, protocol, port or path"
);
pub const EG_HC_IGNORED_FOR_LB: RuleMeta = rule_meta!(
    "GA-EG-HC-IGNORED-FOR-LB",
    Info,
    "Health-check settings are ignored for load balancer endpoints"
);
pub const EG_HC_PATH_PROTO: RuleMeta = rule_meta!(
    "GA-EG-HC-PATH-PROTO",
    Warning,
    "Health-check path with the TCP protocol"
);
pub const EG_UDP_HC: RuleMeta = rule_meta!(
    "GA-EG-UDP-HC",
    Warning,
    "UDP listener: instances are health-checked over TCP"
);
pub const PO_ENDPORT_IN_LISTENER: RuleMeta = rule_meta!(
    "GA-PO-ENDPORT-IN-LISTENER",
    Error,
    "Port override endpoint port inside a listener port range"
);
pub const PO_DUP_ENDPORT: RuleMeta = rule_meta!(
    "GA-PO-DUP-ENDPORT",
    Error,
    "Two listener ports overridden to the same endpoint port"
);
pub const PO_LISTENERPORT: RuleMeta = rule_meta!(
    "GA-PO-LISTENERPORT",
    Warning,
    "Port override for a port the listener does not listen on"
);
pub const PO_HC_PORT: RuleMeta = rule_meta!(
    "GA-PO-HC-PORT",
    Info,
    "Health checks do not follow port overrides"
);

/// Whether an endpoint is a load balancer (linked, or an ELB ARN).
fn is_lb(ep: &Endpoint) -> bool {
    ep.load_balancer.is_some()
        || ep
            .id
            .as_ref()
            .and_then(|i| Arn::parse(&i.value))
            .is_some_and(|a| a.service == "elasticloadbalancing")
}

/// The Region of an endpoint, when known: its load balancer's binding, else its ARN.
pub fn endpoint_region(m: &Model, ep: &Endpoint) -> Option<String> {
    if let Some(lb) = ep.load_balancer {
        if let Some(r) = &m.load_balancers[lb].origin.region {
            return Some(r.clone());
        }
    }
    let a = Arn::parse(&ep.id.as_ref()?.value)?;
    (!a.region.is_empty() && !has_symbol(&a.region)).then_some(a.region)
}

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let m = ctx.net.m;
    let mut by_region: HashMap<(usize, String), usize> = HashMap::new();
    for (gi, g) in m.endpoint_groups.iter().enumerate() {
        let region = g.region.as_ref().filter(|r| !has_symbol(&r.value));
        if let (Some(l), Some(r)) = (g.listener, region) {
            if let Some(&first) = by_region.get(&(l, r.value.clone())) {
                let f = &m.endpoint_groups[first];
                out.push(
                    finding(&EG_REGION_DUP, EG_REGION_DUP.severity, &g.origin, r.span, format!("listener {} already has endpoint group {} in {}: a listener takes one endpoint group per Region", m.ga_listeners[l].origin.logical_id, f.origin.logical_id, r.value))
                        .related(f.origin.file, f.region.as_ref().map_or(f.origin.logical_id_span, |x| x.span), "the first endpoint group in this Region")
                        .help("put all endpoints of a Region into one endpoint group"),
                );
            } else {
                by_region.insert((l, r.value.clone()), gi);
            }
        }
        if let Some(r) = region {
            for ep in &g.endpoints {
                let Some(er) = endpoint_region(m, ep) else {
                    continue;
                };
                if er != r.value {
                    let span = ep.id.as_ref().map_or(ep.span, |i| i.span);
                    let mut f = finding(&EG_REGION_MISMATCH, EG_REGION_MISMATCH.severity, &g.origin, span, format!("endpoint is in {er}, but its endpoint group's EndpointGroupRegion is {}: the API rejects it (\"is not a valid load balancer ARN\")", r.value))
                        .label(format!("in {er}"))
                        .related(g.origin.file, r.span, "the endpoint group's Region")
                        .help(format!("\"EndpointGroupRegion\": \"{er}\" — or move the endpoint to an endpoint group of {er}"));
                    if let Some(lb) = ep.load_balancer {
                        let lb = &m.load_balancers[lb];
                        f = f.related(
                            lb.origin.file,
                            lb.origin.logical_id_span,
                            format!("load balancer in {er}"),
                        );
                    }
                    out.push(f);
                }
            }
        }
        if let Some(d) = &g.traffic_dial {
            if !(0..=100).contains(&d.value) {
                out.push(
                    finding(
                        &EG_DIAL,
                        EG_DIAL.severity,
                        &g.origin,
                        d.span,
                        format!("TrafficDialPercentage {} is outside 0–100", d.value),
                    )
                    .help("\"TrafficDialPercentage\": 100"),
                );
            }
        }
        hc(g, out);
        overrides(m, g, out);
        // UDP listener with instance / EIP endpoints.
        if let Some(l) = g.listener.map(|l| &m.ga_listeners[l]) {
            if l.protocol
                .as_ref()
                .is_some_and(|p| p.value.eq_ignore_ascii_case("UDP"))
            {
                for ep in &g.endpoints {
                    if is_lb(ep) {
                        continue;
                    }
                    let Some(id) = &ep.id else { continue };
                    if id.value.starts_with("i-") || id.value.starts_with("eipalloc-") {
                        let port = g
                            .health_check_port
                            .as_ref()
                            .map_or("the listener port".to_string(), |p| {
                                format!("port {}", p.value)
                            });
                        out.push(finding(&EG_UDP_HC, EG_UDP_HC.severity, &g.origin, id.span, format!("Global Accelerator health-checks this endpoint of a UDP listener over TCP on {port}: without a TCP server there it is marked unhealthy")).help("run a TCP health endpoint on the endpoint and set \"HealthCheckPort\" to it"));
                    }
                }
            }
        }
    }
    // Dials at zero.
    for (li, l) in m.ga_listeners.iter().enumerate() {
        let groups = m.endpoint_groups_of_listener(li);
        let zero: Vec<&EndpointGroup> = groups
            .iter()
            .map(|&g| &m.endpoint_groups[g])
            .filter(|g| g.traffic_dial.as_ref().is_some_and(|d| d.value == 0))
            .collect();
        let all = !groups.is_empty() && zero.len() == groups.len();
        for g in zero {
            let d = g
                .traffic_dial
                .as_ref()
                .map_or(g.origin.logical_id_span, |d| d.span);
            let msg = if all {
                format!("every endpoint group of listener {} has a traffic dial of 0: normal routing sends nowhere, and what happens then is not documented", l.origin.logical_id)
            } else {
                "traffic dial 0 removes this Region from normal routing, but failover ignores dials: it still receives traffic when no other group has a healthy endpoint with weight > 0".to_string()
            };
            out.push(
                finding(&EG_DIAL_ZERO, EG_DIAL_ZERO.severity, &g.origin, d, msg)
                    .help("\"TrafficDialPercentage\": 100 when the Region should serve traffic"),
            );
        }
    }
}

fn hc(g: &EndpointGroup, out: &mut Vec<Finding>) {
    let mut push = |meta: &RuleMeta, span: Span, msg: String, help: &str| {
        out.push(finding(meta, meta.severity, &g.origin, span, msg).help(help));
    };
    if let Some(i) = &g.health_check_interval {
        if i.value != 10 && i.value != 30 {
            push(
                &EG_HC_INTERVAL,
                i.span,
                format!("HealthCheckIntervalSeconds {} is not 10 or 30", i.value),
                "\"HealthCheckIntervalSeconds\": 30 (or 10)",
            );
        }
    }
    if let Some(t) = &g.threshold_count {
        if !(1..=10).contains(&t.value) {
            push(
                &EG_HC_THRESHOLD,
                t.span,
                format!("ThresholdCount {} is outside 1–10", t.value),
                "\"ThresholdCount\": 3",
            );
        }
    }
    let proto = g
        .health_check_protocol
        .as_ref()
        .filter(|p| !has_symbol(&p.value));
    if let Some(p) = proto {
        if !["TCP", "HTTP", "HTTPS"].contains(&p.value.as_str()) {
            push(
                &EG_HC_THRESHOLD,
                p.span,
                format!(
                    "HealthCheckProtocol `{}` is not TCP, HTTP or HTTPS",
                    p.value
                ),
                "\"HealthCheckProtocol\": \"TCP\"",
            );
        }
    }
    if let Some(p) = &g.health_check_port {
        if !(1..=65535).contains(&p.value) {
            push(
                &EG_HC_THRESHOLD,
                p.span,
                format!("HealthCheckPort {} is outside 1–65535", p.value),
                "use a port between 1 and 65535",
            );
        }
    }
    if let Some(path) = g
        .health_check_path
        .as_ref()
        .filter(|p| !has_symbol(&p.value))
    {
        let ok_chars = path
            .value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-@:%_+.~#?&/=".contains(c));
        if !path.value.starts_with('/') || !ok_chars || path.value.len() > 255 {
            push(&EG_HC_THRESHOLD, path.span, format!("HealthCheckPath `{}` must start with `/`, use only letters, digits and -@:%_+.~#?&/=, and be at most 255 characters", path.value), "\"HealthCheckPath\": \"/health\"");
        }
    }
    let settings = [
        g.health_check_interval.as_ref().map(|x| x.span),
        g.threshold_count.as_ref().map(|x| x.span),
        g.health_check_protocol.as_ref().map(|x| x.span),
        g.health_check_port.as_ref().map(|x| x.span),
        g.health_check_path.as_ref().map(|x| x.span),
    ];
    let first = settings.iter().flatten().min_by_key(|s| s.start).copied();
    let only_lb = !g.endpoints.is_empty() && g.endpoints.iter().all(is_lb);
    if let (Some(span), true) = (first, only_lb) {
        out.push(finding(&EG_HC_IGNORED_FOR_LB, EG_HC_IGNORED_FOR_LB.severity, &g.origin, span, "health-check settings of an endpoint group whose endpoints are all load balancers are ignored: Global Accelerator uses the load balancers' target-group health checks").help("configure health checks on the target groups; these settings can be removed"));
        return;
    }
    // A path known only after apply (Terraform fills in a default) may be empty.
    if let Some(path) = g
        .health_check_path
        .as_ref()
        .filter(|p| !has_symbol(&p.value))
    {
        let tcp = proto.is_none_or(|p| p.value == "TCP");
        if tcp {
            out.push(finding(&EG_HC_PATH_PROTO, EG_HC_PATH_PROTO.severity, &g.origin, path.span, "HealthCheckPath is set but the health-check protocol is TCP (the default): the path is not used").help("\"HealthCheckProtocol\": \"HTTP\" (or remove HealthCheckPath)"));
        }
    }
}

fn overrides(m: &Model, g: &EndpointGroup, out: &mut Vec<Finding>) {
    if g.port_overrides.is_empty() {
        return;
    }
    let Some(li) = g.listener else { return };
    let l = &m.ga_listeners[li];
    let acc_ranges: Vec<(i64, i64, usize)> = match l.accelerator {
        Some(a) => m
            .listeners_of_accelerator(a)
            .iter()
            .flat_map(|&x| {
                m.ga_listeners[x]
                    .port_ranges
                    .iter()
                    .filter_map(move |r| Some((r.from?, r.to?, x)))
            })
            .collect(),
        None => l
            .port_ranges
            .iter()
            .filter_map(|r| Some((r.from?, r.to?, li)))
            .collect(),
    };
    for o in &g.port_overrides {
        if let Some(ep) = o.endpoint_port {
            if let Some((f, t, x)) = acc_ranges.iter().find(|(f, t, _)| *f <= ep && ep <= *t) {
                out.push(finding(&PO_ENDPORT_IN_LISTENER, PO_ENDPORT_IN_LISTENER.severity, &g.origin, o.span, format!("EndpointPort {ep} lies in the port range {f}-{t} of listener {}: an override's endpoint port cannot be a listener port of the accelerator", m.ga_listeners[*x].origin.logical_id)).help("choose an endpoint port outside every listener port range (e.g. 8080 for listener port 80)"));
            }
        }
        if let Some(lp) = o.listener_port {
            // A range with a bound not known statically may hold the port.
            let unknown_range = l
                .port_ranges
                .iter()
                .any(|r| r.from.is_none() || r.to.is_none());
            if !unknown_range
                && !l
                    .port_ranges
                    .iter()
                    .any(|r| r.from.is_some_and(|f| f <= lp) && r.to.is_some_and(|t| lp <= t))
            {
                out.push(
                    finding(
                        &PO_LISTENERPORT,
                        PO_LISTENERPORT.severity,
                        &g.origin,
                        o.span,
                        format!(
                            "ListenerPort {lp} is not in the port ranges of listener {}",
                            l.origin.logical_id
                        ),
                    )
                    .help("use a listener port of this listener in the override"),
                );
            }
        }
    }
    // Different listener ports mapped to one endpoint port, anywhere in the accelerator.
    let groups: Vec<&EndpointGroup> = match l.accelerator {
        Some(a) => m
            .listeners_of_accelerator(a)
            .iter()
            .flat_map(|&x| {
                m.endpoint_groups_of_listener(x)
                    .iter()
                    .map(|&gi| &m.endpoint_groups[gi])
            })
            .collect(),
        None => vec![g],
    };
    let mut first: HashMap<i64, (i64, &EndpointGroup, crate::source::Span)> = HashMap::new();
    for og in groups {
        for o in &og.port_overrides {
            let (Some(lp), Some(ep)) = (o.listener_port, o.endpoint_port) else {
                continue;
            };
            match first.get(&ep) {
                Some((flp, fg, fspan)) if *flp != lp => {
                    if std::ptr::eq(og, g) {
                        out.push(finding(&PO_DUP_ENDPORT, PO_DUP_ENDPORT.severity, &g.origin, o.span, format!("EndpointPort {ep} is already the target of listener port {flp}: two listener ports of one accelerator cannot be overridden to the same endpoint port")).related(fg.origin.file, *fspan, "the other override").help("give each overridden listener port its own endpoint port"));
                    }
                }
                Some(_) => {}
                None => {
                    first.insert(ep, (lp, og, o.span));
                }
            }
        }
    }
    if g.health_check_port.is_none() && !g.endpoints.iter().all(is_lb) {
        out.push(
            finding(
                &PO_HC_PORT,
                PO_HC_PORT.severity,
                &g.origin,
                g.port_overrides[0].span,
                "health checks keep using the listener port, not the overridden endpoint port",
            )
            .help(
                "set \"HealthCheckPort\" to the endpoint port if the endpoint only listens there",
            ),
        );
    }
}
