//! GA-EP-IGW — an internal load balancer endpoint needs an internet gateway on its VPC.

use super::vpc::lb_vpc_index;
use super::{finding, Ctx};
use crate::rule_meta;
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
            if vpc.internet_gateways.is_empty() {
                out.push(finding(&META, META.severity, &g.origin, id.span, format!("internal load balancer {} is in VPC {}, which has no internet gateway attached: Global Accelerator needs one on the VPC of internal endpoints (no route or public IP needed)", lb.origin.logical_id, vpc.origin.logical_id)).related(vpc.origin.file, vpc.origin.logical_id_span, "VPC without an internet gateway").help(format!("add an AWS::EC2::InternetGateway and an AWS::EC2::VPCGatewayAttachment {{ \"VpcId\": {{ \"Ref\": \"{}\" }}, \"InternetGatewayId\": {{ \"Ref\": \"InternetGateway\" }} }}", vpc.origin.logical_id)));
            }
        }
    }
}
