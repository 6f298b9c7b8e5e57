//! Elastic Load Balancing v2: `aws_lb`/`aws_alb`, their listeners and target groups →
//! `AWS::ElasticLoadBalancingV2::*`.

use super::context::Tr;
use super::node::{bool_word, objects, Obj};
use crate::source::Node;

pub(super) fn load_balancer(t: &Tr, i: usize) -> Node {
    let (r, c, mut p) = t.open(i);
    p.put("Name", t.text(r, c, "name"));
    if let Some(n) = c.get("internal").values {
        p.put("Scheme", Some(bool_word(n, "internal", "internet-facing")));
    }
    p.put("Type", t.text(r, c, "load_balancer_type"));
    p.put("IpAddressType", t.text(r, c, "ip_address_type"));
    p.list(
        "Subnets",
        t.strings(r, c, "subnets"),
        c.get("subnets").anchor,
    );
    let mappings: Vec<Node> = c
        .blocks("subnet_mapping")
        .into_iter()
        .filter_map(|m| {
            let mut o = Obj::new(m.anchor);
            o.put("SubnetId", t.text(r, m, "subnet_id"));
            o.some()
        })
        .collect();
    p.list("SubnetMappings", mappings, c.get("subnet_mapping").anchor);
    p.list(
        "SecurityGroups",
        t.strings(r, c, "security_groups"),
        c.get("security_groups").anchor,
    );
    p.node()
}

pub(super) fn lb_listener(t: &Tr, i: usize) -> Node {
    let (r, c, mut p) = t.open(i);
    p.put("LoadBalancerArn", t.text(r, c, "load_balancer_arn"));
    p.put("Port", t.leaf(r, c, "port"));
    p.put("Protocol", t.text(r, c, "protocol"));
    p.each("DefaultActions", c, "default_action", |o, a| {
        o.put("Type", t.text(r, a, "type"));
        o.put("TargetGroupArn", t.text(r, a, "target_group_arn"));
        if let Some(f) = a.block("forward") {
            let tgs = objects(f, "target_group", |x, tg| {
                x.put("TargetGroupArn", t.text(r, tg, "arn"));
            });
            let mut fo = Obj::new(f.anchor);
            fo.list("TargetGroups", tgs, f.anchor);
            o.put("ForwardConfig", Some(fo.node()));
        }
    });
    p.node()
}

pub(super) fn target_group(t: &Tr, i: usize) -> Node {
    let (r, c, mut p) = t.open(i);
    p.put("Port", t.leaf(r, c, "port"));
    p.put("Protocol", t.text(r, c, "protocol"));
    p.put("TargetType", t.text(r, c, "target_type"));
    p.put("VpcId", t.text(r, c, "vpc_id"));
    if let Some(h) = c.block("health_check") {
        p.put("HealthCheckPort", t.text(r, h, "port"));
        p.put("HealthCheckProtocol", t.text(r, h, "protocol"));
        p.put("HealthCheckEnabled", t.leaf(r, h, "enabled"));
    }
    p.node()
}
