//! SG-EGRESS-OPEN — a security group keeps the default allow-all egress rule.

use super::{finding, Ctx};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    SgEgressOpen, "SG-EGRESS-OPEN",
    Info,
    "Security group keeps the default allow-all egress rule"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = &cx.graph.model;
    for (si, sg) in m.security_groups.iter().enumerate() {
        // Any egress rule the templates add — inline or a standalone `AWS::EC2::SecurityGroupEgress`,
        // which CloudFormation adds in place of the default rule — means the default is gone; rules
        // not known statically may be such rules.
        if sg.egress_written || sg.egress_unknown.is_some() || !m.egress(si).is_empty() {
            continue;
        }
        out.push(
            finding(
                &META,
                META.severity,
                &sg.origin,
                sg.origin.logical_id_span,
                format!(
                    "{} states no SecurityGroupEgress, so it keeps the default rule that allows all outbound \
                     traffic to 0.0.0.0/0",
                    sg.origin.logical_id
                ),
            )
            .label("default allow-all egress")
            .help("if the group's resources only need to reach known destinations, list them in \"SecurityGroupEgress\" (e.g. { \"IpProtocol\": \"tcp\", \"FromPort\": 443, \"ToPort\": 443, \"CidrIp\": \"10.0.0.0/16\" }); CloudFormation then removes the default rule"),
        );
    }
}
