//! SG-REF-VPC — a security group references a group of another VPC without a peering connection.

use super::vpc::sg_vpc;
use super::{rule_finding, Ctx};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    SgRefVpc, "SG-REF-VPC",
    Error,
    "Security group referenced from another VPC"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    let peering = m
        .opaque
        .iter()
        .any(|o| o.origin.type_name == "AWS::EC2::VPCPeeringConnection");
    if peering {
        return;
    }
    for (si, sg) in m.security_groups.iter().enumerate() {
        // Peer references (ingress and egress).
        let own_vpc = sg_vpc(m, sg);
        for r in m.ingress(si).into_iter().chain(m.egress(si)) {
            let (Some(p), Some(peer)) = (&r.peer_group_id, r.peer_group) else {
                continue;
            };
            let Some(other) = m.security_groups.get(peer) else {
                continue;
            };
            if let (Some(a), Some(b)) = (&own_vpc, sg_vpc(m, other)) {
                if a.differs(&b) {
                    out.push(rule_finding(&META, META.severity, r, sg, p.span, format!("{} references security group {}, which is in another VPC: security-group references work only within a VPC or across a peering connection", sg.origin.logical_id, other.origin.logical_id))
                        .label("group of another VPC")
                        .related(other.origin.file, other.origin.logical_id_span, "defined in another VPC")
                        .help("reference a group of the same VPC, use the peer VPC's CIDR, or peer the VPCs (AWS::EC2::VPCPeeringConnection)"));
                }
            }
        }
    }
}
