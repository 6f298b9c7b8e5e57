//! `AWS::ElasticLoadBalancingV2::LoadBalancer` / `Listener` / `TargetGroup`.

use super::unknown_list;
use crate::model::elb::{ElbListenerFields, LoadBalancerFields, Target, TargetGroupFields};
use crate::model::props::{array, integer, object, scalar, string, strings};
use crate::source::Node;

pub(in crate::load::cfn) fn load_balancer(p: Option<&Node>) -> LoadBalancerFields {
    let mut subnets = strings(p, "Subnets");
    subnets.extend(
        array(p, "SubnetMappings")
            .iter()
            .filter_map(|m| string(Some(m), "SubnetId")),
    );
    subnets.extend(unknown_list(p, "SubnetMappings"));
    LoadBalancerFields {
        name: string(p, "Name"),
        scheme: string(p, "Scheme"),
        lb_type: string(p, "Type"),
        ip_address_type: string(p, "IpAddressType"),
        subnets,
        security_groups: strings(p, "SecurityGroups"),
        security_groups_span: p.and_then(|p| p.get("SecurityGroups")).map(|n| n.span),
    }
}

pub(in crate::load::cfn) fn listener(p: Option<&Node>) -> ElbListenerFields {
    // Actions not known as a whole forward to a target group that is not known either.
    let mut target_groups: Vec<_> = unknown_list(p, "DefaultActions").into_iter().collect();
    for a in array(p, "DefaultActions") {
        target_groups.extend(string(Some(a), "TargetGroupArn"));
        for tg in array(object(Some(a), "ForwardConfig"), "TargetGroups") {
            target_groups.extend(string(Some(tg), "TargetGroupArn"));
        }
    }
    ElbListenerFields {
        load_balancer_arn: string(p, "LoadBalancerArn"),
        port: integer(p, "Port"),
        protocol: string(p, "Protocol"),
        target_groups,
    }
}

pub(in crate::load::cfn) fn target_group(p: Option<&Node>) -> TargetGroupFields {
    let mut targets: Vec<Target> = array(p, "Targets")
        .iter()
        .map(|t| Target {
            span: t.span,
            id: string(Some(t), "Id"),
            port: integer(Some(t), "Port"),
        })
        .collect();
    // Targets not known as a whole: a target whose id is not known, never none.
    targets.extend(unknown_list(p, "Targets").map(|u| Target {
        span: u.span,
        id: Some(u),
        port: None,
    }));
    TargetGroupFields {
        port: integer(p, "Port"),
        protocol: string(p, "Protocol"),
        target_type: string(p, "TargetType"),
        vpc_id: string(p, "VpcId"),
        targets,
        health_check_port: scalar(p, "HealthCheckPort"),
        health_check_protocol: string(p, "HealthCheckProtocol"),
        health_check_enabled: scalar(p, "HealthCheckEnabled"),
    }
}
