//! Endpoint rules (rules-spec §10): GA-EP-WEIGHT, GA-EP-DUP, GA-EP-TYPE, GA-EP-CROSS-ACCOUNT,
//! GA-EP-CIP-INTERNAL, GA-EP-CIP-UNSUPPORTED, GA-EP-CIP-DEFAULT, GA-EP-IGW, GA-EP-DUALSTACK.

use super::common::lb_vpc_index;
use super::{finding, Ctx};
use crate::model::arn::{is_account_id, Arn};
use crate::model::ga::Endpoint;
use crate::model::symbolic::{display, has_symbol};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use std::collections::HashMap;

pub const EP_WEIGHT: RuleMeta = rule_meta!(
    GaEpWeight,
    "GA-EP-WEIGHT",
    Error,
    "Endpoint weight outside 0–255, or all zero"
);
pub const EP_DUP: RuleMeta = rule_meta!(
    GaEpDup,
    "GA-EP-DUP",
    Error,
    "The same endpoint twice for one listener"
);
pub const EP_TYPE: RuleMeta = rule_meta!(
    GaEpType,
    "GA-EP-TYPE",
    Error,
    "Not a valid Global Accelerator endpoint"
);
pub const EP_CROSS_ACCOUNT: RuleMeta = rule_meta!(
    GaEpCrossAccount,
    "GA-EP-CROSS-ACCOUNT",
    Error,
    "Endpoint of another account without a cross-account attachment"
);
pub const EP_CIP_INTERNAL: RuleMeta = rule_meta!(
    GaEpCipInternal,
    "GA-EP-CIP-INTERNAL",
    Error,
    "Client IP preservation off for an internal load balancer"
);
pub const EP_CIP_UNSUPPORTED: RuleMeta = rule_meta!(
    GaEpCipUnsupported,
    "GA-EP-CIP-UNSUPPORTED",
    Error,
    "Client IP preservation on an endpoint that does not support it"
);
pub const EP_CIP_DEFAULT: RuleMeta = rule_meta!(
    GaEpCipDefault,
    "GA-EP-CIP-DEFAULT",
    Info,
    "Client IP preservation left to its default"
);
pub const EP_IGW: RuleMeta = rule_meta!(
    GaEpIgw,
    "GA-EP-IGW",
    Error,
    "Internal endpoint in a VPC without an internet gateway"
);
pub const EP_DUALSTACK: RuleMeta = rule_meta!(
    GaEpDualstack,
    "GA-EP-DUALSTACK",
    Error,
    "Endpoint not usable by a dual-stack accelerator"
);

fn id_span(ep: &Endpoint) -> crate::source::Span {
    ep.id.as_ref().map_or(ep.span, |i| i.span)
}

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let m = ctx.net.m;
    // Endpoint identity per listener: (listener, key) → (group, span).
    let mut seen: HashMap<(usize, String), (usize, crate::source::Span)> = HashMap::new();
    for (gi, g) in m.endpoint_groups.iter().enumerate() {
        for ep in &g.endpoints {
            if let Some(w) = &ep.weight {
                if !(0..=255).contains(&w.value) {
                    out.push(
                        finding(
                            &EP_WEIGHT,
                            EP_WEIGHT.severity,
                            &g.origin,
                            w.span,
                            format!("Weight {} is outside 0–255", w.value),
                        )
                        .help("\"Weight\": 128 (the default)"),
                    );
                }
            }
        }
        let zero = !g.endpoints.is_empty()
            && g.endpoints
                .iter()
                .all(|e| e.weight.as_ref().is_some_and(|w| w.value == 0));
        if zero {
            let w = g.endpoints[0]
                .weight
                .as_ref()
                .map_or(g.endpoints[0].span, |w| w.span);
            out.push(finding(&EP_WEIGHT, crate::rules::Severity::Warning, &g.origin, w, "every endpoint of this group has weight 0: the group receives no traffic except when Global Accelerator fails open").help("\"Weight\": 128 on the endpoints that should serve traffic"));
        }
        // Duplicates (same group, or two groups of the same listener).
        for ep in &g.endpoints {
            let key = match (ep.load_balancer, &ep.id) {
                (Some(lb), _) => format!("lb#{lb}"),
                (None, Some(id)) => id.value.clone(),
                _ => continue,
            };
            let scope = g.listener.unwrap_or(usize::MAX - gi);
            if let Some((fg, fspan)) = seen.get(&(scope, key.clone())) {
                let other = &m.endpoint_groups[*fg];
                let where_ = if *fg == gi {
                    "this endpoint group"
                } else {
                    "another endpoint group of the same listener"
                };
                out.push(finding(&EP_DUP, EP_DUP.severity, &g.origin, id_span(ep), format!("this endpoint is already in {where_}: an endpoint can be in several listeners, but only once per listener")).related(other.origin.file, *fspan, "first occurrence").help("remove the duplicate endpoint configuration"));
            } else {
                seen.insert((scope, key), (gi, id_span(ep)));
            }
        }
        let acc = g
            .listener
            .and_then(|l| m.ga_listeners[l].accelerator)
            .map(|a| &m.accelerators[a]);
        let dual = acc.is_some_and(|a| {
            a.ip_address_type
                .as_ref()
                .is_some_and(|t| t.value == "DUAL_STACK")
        });
        for ep in &g.endpoints {
            let Some(id) = &ep.id else { continue };
            let lb = ep.load_balancer.map(|i| (i, &m.load_balancers[i]));
            // Type.
            if let Some((_, lb)) = lb {
                if lb.type_str() == "gateway" {
                    out.push(finding(&EP_TYPE, EP_TYPE.severity, &g.origin, id.span, format!("{} is a Gateway Load Balancer, which cannot be a Global Accelerator endpoint", lb.origin.logical_id)).help("use an Application or Network Load Balancer, an EC2 instance or an Elastic IP address"));
                }
            } else if !has_symbol(&id.value) {
                let v = &id.value;
                let valid = if let Some(a) = Arn::parse(v) {
                    a.service == "elasticloadbalancing"
                        && (a.resource.starts_with("loadbalancer/app/")
                            || a.resource.starts_with("loadbalancer/net/"))
                } else {
                    v.starts_with("i-") || v.starts_with("eipalloc-")
                };
                if !valid {
                    out.push(finding(&EP_TYPE, EP_TYPE.severity, &g.origin, id.span, format!("`{v}` is not an Application/Network Load Balancer ARN, an EC2 instance id or an Elastic IP allocation id")).help("\"EndpointId\": the load balancer's ARN (`{ \"Ref\": \"LoadBalancer\" }`), an instance id `i-…` or an allocation id `eipalloc-…`"));
                }
            }
            // Cross-account.
            let ep_account = match lb {
                Some((_, lb)) => Some(lb.origin.account.clone()),
                None => Arn::parse(&id.value).map(|a| a.account),
            };
            if let Some(acct) = ep_account.filter(|a| is_account_id(a)) {
                if is_account_id(&g.origin.account)
                    && acct != g.origin.account
                    && ep.attachment_arn.is_none()
                {
                    out.push(finding(&EP_CROSS_ACCOUNT, EP_CROSS_ACCOUNT.severity, &g.origin, id.span, format!("endpoint belongs to account {acct}, the accelerator to {}: a cross-account endpoint needs the AttachmentArn of a cross-account attachment that lists it", g.origin.account)).help("add \"AttachmentArn\": the ARN of an AWS::GlobalAccelerator::CrossAccountAttachment in the endpoint's account that lists this resource and the accelerator's account"));
                }
            }
            let cip = ep.client_ip_preservation.as_ref();
            match lb {
                Some((lbi, lb)) => {
                    let internal = lb.scheme_str() == "internal";
                    let alb = lb.type_str() == "application";
                    let nlb = lb.type_str() == "network";
                    if let Some(c) = cip.filter(|c| !c.value) {
                        if internal && alb {
                            out.push(finding(&EP_CIP_INTERNAL, EP_CIP_INTERNAL.severity, &g.origin, c.span, format!("client IP preservation is off for internal load balancer {}: it is always on for internal Application Load Balancers, and the API rejects false", lb.origin.logical_id)).related(lb.origin.file, lb.scheme.as_ref().map_or(lb.origin.logical_id_span, |s| s.span), "internal load balancer").help("\"ClientIPPreservationEnabled\": true"));
                        }
                    }
                    if let Some(c) = cip.filter(|c| c.value) {
                        if nlb {
                            let has_tls = m.listeners_of_load_balancer(lbi).iter().any(|&l| {
                                m.elb_listeners[l]
                                    .protocol
                                    .as_ref()
                                    .is_some_and(|p| p.value.eq_ignore_ascii_case("TLS"))
                            });
                            let why = if lb.security_groups.is_empty() {
                                Some("a Network Load Balancer without security groups")
                            } else if has_tls {
                                Some("a Network Load Balancer with a TLS listener")
                            } else {
                                None
                            };
                            if let Some(why) = why {
                                out.push(finding(&EP_CIP_UNSUPPORTED, EP_CIP_UNSUPPORTED.severity, &g.origin, c.span, format!("client IP preservation is not supported for {why} ({})", lb.origin.logical_id)).related(lb.origin.file, lb.origin.logical_id_span, "the load balancer").help("\"ClientIPPreservationEnabled\": false (or attach security groups / remove the TLS listener)"));
                            }
                        }
                    }
                    if cip.is_none() && (alb || (nlb && !lb.security_groups.is_empty())) {
                        let d = if alb {
                            "true for Application Load Balancers"
                        } else {
                            "false for Network Load Balancers"
                        };
                        out.push(finding(&EP_CIP_DEFAULT, EP_CIP_DEFAULT.severity, &g.origin, id.span, format!("ClientIPPreservationEnabled is not set: it defaults to {d} (for new accelerators)")).help(format!("state it: \"ClientIPPreservationEnabled\": {}", if alb { "true" } else { "false" })));
                    }
                    // Internet gateway for internal endpoints.
                    if internal {
                        if let Some(v) = lb_vpc_index(m, lbi) {
                            let vpc = &m.vpcs[v];
                            if vpc.internet_gateways.is_empty() {
                                out.push(finding(&EP_IGW, EP_IGW.severity, &g.origin, id.span, format!("internal load balancer {} is in VPC {}, which has no internet gateway attached: Global Accelerator needs one on the VPC of internal endpoints (no route or public IP needed)", lb.origin.logical_id, vpc.origin.logical_id)).related(vpc.origin.file, vpc.origin.logical_id_span, "VPC without an internet gateway").help(format!("add an AWS::EC2::InternetGateway and an AWS::EC2::VPCGatewayAttachment {{ \"VpcId\": {{ \"Ref\": \"{}\" }}, \"InternetGatewayId\": {{ \"Ref\": \"InternetGateway\" }} }}", vpc.origin.logical_id)));
                            }
                        }
                    }
                    if dual {
                        let why = if internal && alb {
                            Some(format!(
                                "{} is internal, and internal load balancers must use ipv4",
                                lb.origin.logical_id
                            ))
                        } else if lb.ip_address_type_str() == "ipv4" {
                            Some(format!("{} has IpAddressType ipv4", lb.origin.logical_id))
                        } else if cip.is_some_and(|c| !c.value) {
                            Some("client IP preservation is off".to_string())
                        } else {
                            None
                        };
                        if let Some(why) = why {
                            let a = acc.map(|a| {
                                (
                                    a.origin.file,
                                    a.ip_address_type
                                        .as_ref()
                                        .map_or(a.origin.logical_id_span, |t| t.span),
                                )
                            });
                            let mut f = finding(&EP_DUALSTACK, EP_DUALSTACK.severity, &g.origin, id.span, format!("the accelerator is DUAL_STACK but {why}: endpoints of a dual-stack accelerator must be dual-stack and preserve client IPs"))
                                .help("\"IpAddressType\": \"dualstack\" on an internet-facing load balancer, and \"ClientIPPreservationEnabled\": true");
                            if let Some((file, span)) = a {
                                f = f.related(file, span, "dual-stack accelerator");
                            }
                            out.push(f);
                        }
                    }
                }
                None => {
                    if let Some(c) = cip.filter(|c| c.value) {
                        if id.value.starts_with("eipalloc-") {
                            out.push(finding(&EP_CIP_UNSUPPORTED, EP_CIP_UNSUPPORTED.severity, &g.origin, c.span, format!("client IP preservation is not supported for Elastic IP endpoints ({})", display(&id.value))).help("\"ClientIPPreservationEnabled\": false"));
                        }
                    }
                }
            }
        }
    }
}
