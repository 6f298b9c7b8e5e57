//! GA-EP-TYPE — an endpoint is an Application/Network Load Balancer, an EC2 instance or an Elastic IP.

use super::{finding, Ctx};
use crate::model::arn::Arn;
use crate::model::symbolic::has_symbol;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    GaEpType, "GA-EP-TYPE",
    Error,
    "Not a valid Global Accelerator endpoint"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for g in &m.endpoint_groups {
        for ep in &g.endpoints {
            let Some(id) = &ep.id else { continue };
            if let Some(lb) = ep.load_balancer.and_then(|i| m.load_balancers.get(i)) {
                if lb.type_str() == "gateway" {
                    out.push(finding(&META, META.severity, &g.origin, id.span, format!("{} is a Gateway Load Balancer, which cannot be a Global Accelerator endpoint", lb.origin.logical_id)).help("use an Application or Network Load Balancer, an EC2 instance or an Elastic IP address"));
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
                    out.push(finding(&META, META.severity, &g.origin, id.span, format!("`{v}` is not an Application/Network Load Balancer ARN, an EC2 instance id or an Elastic IP allocation id")).help("\"EndpointId\": the load balancer's ARN (`{ \"Ref\": \"LoadBalancer\" }`), an instance id `i-…` or an allocation id `eipalloc-…`"));
                }
            }
        }
    }
}
