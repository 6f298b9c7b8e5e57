//! GA-EP-IGW — an internal load balancer endpoint needs an internet gateway on its VPC.

use super::vpc::lb_vpc_index;
use super::{finding, Ctx};
use crate::rule_meta;
use crate::model::Kind;
use crate::model::symbolic::has_symbol;
use crate::model::Model;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    GaEpIgw, "GA-EP-IGW",
    Error,
    "Internal endpoint in a VPC without an internet gateway"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for g in &m.endpoint_groups {
        for ep in &g.endpoints {
            let (Some(id), Some(lbi)) = (&ep.id, ep.load_balancer) else {
                continue;
            };
            let Some(lb) = m.load_balancers.get(lbi) else {
                continue;
            };
            if lb.scheme_str() != "internal" {
                continue;
            }
            let Some(v) = lb_vpc_index(m, lbi) else {
                continue;
            };
            let Some(vpc) = m.vpcs.get(v) else {
                continue;
            };
            if vpc.internet_gateways.is_empty() && !unknown_attachment(m, v) {
                out.push(finding(&META, META.severity, &g.origin, id.span, format!("internal load balancer {} is in VPC {}, which has no internet gateway attached: Global Accelerator needs one on the VPC of internal endpoints (no route or public IP needed)", lb.origin.logical_id, vpc.origin.logical_id)).related(vpc.origin.file, vpc.origin.logical_id_span, "VPC without an internet gateway").help(format!("add an AWS::EC2::InternetGateway and an AWS::EC2::VPCGatewayAttachment {{ \"VpcId\": {{ \"Ref\": \"{}\" }}, \"InternetGatewayId\": {{ \"Ref\": \"InternetGateway\" }} }}", vpc.origin.logical_id)));
            }
        }
    }
}

/// Whether an attachment not linked (its VPC or its gateway not known) may attach an internet gateway
/// to VPC `v`: an attachment to an unknown VPC, or of an unknown gateway to `v`.
fn unknown_attachment(m: &Model, v: usize) -> bool {
    m.gateway_attachments.iter().any(|a| {
        let (Some(vpc), Some(igw)) = (&a.vpc_id, &a.internet_gateway_id) else {
            return false;
        };
        match m.resolve_vpc(&vpc.value, &a.origin) {
            Some((i, _)) => {
                i == v
                    && has_symbol(&igw.value)
                    && m.resolve(Kind::InternetGateway, &igw.value, &a.origin)
                        .is_none()
            }
            None => has_symbol(&vpc.value),
        }
    })
}
