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
    for sg in &cx.graph.model.security_groups {
        if sg.egress_written {
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
