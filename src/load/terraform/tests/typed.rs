//! Families the model takes as typed fields, read straight from Terraform's attribute names: no
//! CloudFormation-shaped properties, spans on the plan's values, unknowns kept as symbols.

use super::{change, conf, load_plan, plan, res, stacks, REGION};
use crate::config::Config;
use crate::model::iam::IamPolicyKind;
use crate::model::input::{Body, Stack, Typed};
use crate::model::symbolic::has_symbol;
use crate::model::Model;
use crate::source::Span;

fn typed<'a>(ts: &'a [Stack], address: &str) -> &'a Typed {
    let r = ts[0]
        .resources
        .iter()
        .find(|r| r.logical_id == address)
        .unwrap();
    match &r.body {
        Body::Typed(t) => t,
        Body::Properties(_) => panic!("{address}: no CloudFormation-shaped properties"),
    }
}

fn at(text: &str, span: Span) -> &str {
    &text[span.start as usize..span.end as usize]
}

/// `aws_iam_role` (inline policy, an attachment folded in, an unknown boundary) and an
/// `aws_iam_role_policy` naming it by reference.
#[test]
fn iam_role_and_policies_are_typed_from_terraform_attributes() {
    let policy = r#"{\"Statement\":[{\"Action\":\"s3:GetObject\",\"Effect\":\"Allow\",\"Resource\":\"*\"}],\"Version\":\"2012-10-17\"}"#;
    let trust = r#"{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"s3.amazonaws.com\"}}],\"Version\":\"2012-10-17\"}"#;
    let text = plan(
        &[
            res(
                "aws_iam_role",
                "r",
                &format!(
                    r#"{{"name": "replication", "path": "/service/", "assume_role_policy": "{trust}",
                        "inline_policy": [{{"name": "read", "policy": "{policy}"}}]}}"#
                ),
            ),
            res(
                "aws_iam_role_policy_attachment",
                "a",
                r#"{"role": "replication", "policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}"#,
            ),
            res("aws_iam_role_policy", "p", &format!(r#"{{"name": "extra", "policy": "{policy}"}}"#)),
        ]
        .join(","),
        &[
            change("aws_iam_role.r", r#"{"arn": true, "permissions_boundary": true}"#),
            change("aws_iam_role_policy.p", r#"{"role": true}"#),
        ]
        .join(","),
        &conf(
            "aws_iam_role_policy",
            "p",
            "aws",
            r#"{"role": {"references": ["aws_iam_role.r.id", "aws_iam_role.r"]}}"#,
        ),
        REGION,
    );
    let l = load_plan(&text, "plan.json", &Config::default());
    let ts = stacks(&l);
    assert!(matches!(typed(&ts, "aws_iam_role.r"), Typed::Role(_)));
    assert!(matches!(
        typed(&ts, "aws_iam_role_policy.p"),
        Typed::IamPolicy(_)
    ));
    let m = Model::build(&ts);
    let r = &m.roles[0];
    assert_eq!(r.name, "replication");
    assert_eq!(
        at(&text, r.name_prop.as_ref().unwrap().span),
        "\"replication\""
    );
    assert_eq!(r.path_str(), "/service/");
    assert!(r.trust.is_some());
    assert_eq!(r.inline.len(), 1);
    assert_eq!(r.inline[0].0.as_ref().unwrap().value, "read");
    let arns: Vec<&str> = r
        .managed_policy_arns
        .iter()
        .map(|a| a.value.as_str())
        .collect();
    assert_eq!(arns, ["arn:aws:iam::aws:policy/ReadOnlyAccess"]);
    assert!(
        has_symbol(&r.boundary.as_ref().unwrap().value),
        "an unknown boundary stays unknown, never absent"
    );
    let p = &m.iam_policies[0];
    assert_eq!(p.kind, IamPolicyKind::RolePolicy);
    assert_eq!(p.name.as_ref().unwrap().value, "extra");
    assert_eq!(
        p.roles[0].value, "replication",
        "the referenced role's name"
    );
    assert!(p.doc.is_some());
    assert_eq!(r.attached, vec![0], "the policy attaches to the role");
}

/// Accelerator, listener (port ranges) and endpoint group (endpoints, port overrides), linked by the
/// configuration's references.
#[test]
fn global_accelerator_is_typed_from_terraform_attributes() {
    let text = plan(
        &[
            res("aws_globalaccelerator_accelerator", "ga", r#"{"name": "app", "ip_address_type": "IPV4"}"#),
            res(
                "aws_globalaccelerator_listener",
                "l",
                r#"{"protocol": "TCP", "client_affinity": "NONE", "port_range": [{"from_port": 80, "to_port": 443}]}"#,
            ),
            res(
                "aws_globalaccelerator_endpoint_group",
                "eg",
                r#"{"endpoint_group_region": "eu-west-1", "traffic_dial_percentage": 50, "health_check_path": "/health",
                    "endpoint_configuration": [{"client_ip_preservation_enabled": true, "weight": 100, "endpoint_id": "i-0123"}],
                    "port_override": [{"listener_port": 80, "endpoint_port": 8080}]}"#,
            ),
        ]
        .join(","),
        &[
            change("aws_globalaccelerator_accelerator.ga", r#"{"id": true, "enabled": true}"#),
            change("aws_globalaccelerator_listener.l", r#"{"id": true, "accelerator_arn": true}"#),
            change("aws_globalaccelerator_endpoint_group.eg", r#"{"id": true, "listener_arn": true}"#),
        ]
        .join(","),
        &[
            conf(
                "aws_globalaccelerator_listener",
                "l",
                "aws",
                r#"{"accelerator_arn": {"references": ["aws_globalaccelerator_accelerator.ga.id", "aws_globalaccelerator_accelerator.ga"]}}"#,
            ),
            conf(
                "aws_globalaccelerator_endpoint_group",
                "eg",
                "aws",
                r#"{"listener_arn": {"references": ["aws_globalaccelerator_listener.l.id", "aws_globalaccelerator_listener.l"]}}"#,
            ),
        ]
        .join(","),
        REGION,
    );
    let l = load_plan(&text, "plan.json", &Config::default());
    let ts = stacks(&l);
    assert!(matches!(
        typed(&ts, "aws_globalaccelerator_accelerator.ga"),
        Typed::Accelerator(_)
    ));
    assert!(matches!(
        typed(&ts, "aws_globalaccelerator_listener.l"),
        Typed::GaListener(_)
    ));
    assert!(matches!(
        typed(&ts, "aws_globalaccelerator_endpoint_group.eg"),
        Typed::EndpointGroup(_)
    ));
    let m = Model::build(&ts);
    let a = &m.accelerators[0];
    assert_eq!(a.name.as_ref().unwrap().value, "app");
    assert!(
        a.enabled.is_none(),
        "unknown after apply: not read as a value"
    );
    let li = &m.ga_listeners[0];
    assert_eq!(li.accelerator, Some(0));
    assert_eq!(
        (li.port_ranges[0].from, li.port_ranges[0].to),
        (Some(80), Some(443))
    );
    assert_eq!(li.protocol.as_ref().unwrap().value, "TCP");
    let eg = &m.endpoint_groups[0];
    assert_eq!(eg.listener, Some(0));
    assert_eq!(eg.traffic_dial.as_ref().unwrap().value, 50);
    assert_eq!(at(&text, eg.traffic_dial.as_ref().unwrap().span), "50");
    let e = &eg.endpoints[0];
    assert_eq!(e.id.as_ref().unwrap().value, "i-0123");
    assert_eq!(e.weight.as_ref().unwrap().value, 100);
    assert!(e.client_ip_preservation_written);
    assert_eq!(
        e.client_ip_preservation.as_ref().map(|c| c.value),
        Some(true)
    );
    assert_eq!(eg.port_overrides[0].endpoint_port, Some(8080));
}

/// Load balancer (scheme from `internal`, unknown subnets, subnet mappings), listener forwarding to a
/// target group, target group health check.
#[test]
fn elb_is_typed_from_terraform_attributes() {
    let text = plan(
        &[
            res(
                "aws_lb",
                "app",
                r#"{"name": "app", "internal": true, "load_balancer_type": "network", "ip_address_type": "ipv4",
                    "security_groups": ["sg-0123"], "subnet_mapping": [{"subnet_id": "subnet-1"}]}"#,
            ),
            res(
                "aws_lb_listener",
                "https",
                r#"{"port": 443, "protocol": "TCP", "default_action": [{"type": "forward",
                    "forward": [{"target_group": [{"arn": "arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/web/1"}]}]}]}"#,
            ),
            res(
                "aws_lb_target_group",
                "web",
                r#"{"port": 8443, "protocol": "TCP", "target_type": "ip", "health_check": [{"port": "traffic-port", "protocol": "TCP", "enabled": true}]}"#,
            ),
        ]
        .join(","),
        &[
            change("aws_lb.app", r#"{"arn": true, "id": true, "subnets": true}"#),
            change("aws_lb_listener.https", r#"{"arn": true, "load_balancer_arn": true}"#),
            change("aws_lb_target_group.web", r#"{"arn": true, "vpc_id": true}"#),
        ]
        .join(","),
        &conf(
            "aws_lb_listener",
            "https",
            "aws",
            r#"{"load_balancer_arn": {"references": ["aws_lb.app.arn", "aws_lb.app"]}}"#,
        ),
        REGION,
    );
    let l = load_plan(&text, "plan.json", &Config::default());
    let ts = stacks(&l);
    assert!(matches!(typed(&ts, "aws_lb.app"), Typed::LoadBalancer(_)));
    assert!(matches!(
        typed(&ts, "aws_lb_listener.https"),
        Typed::ElbListener(_)
    ));
    assert!(matches!(
        typed(&ts, "aws_lb_target_group.web"),
        Typed::TargetGroup(_)
    ));
    let m = Model::build(&ts);
    let lb = &m.load_balancers[0];
    assert_eq!(lb.scheme_str(), "internal");
    assert_eq!(at(&text, lb.scheme.as_ref().unwrap().span), "true");
    assert_eq!(lb.type_str(), "network");
    assert_eq!(lb.subnets.len(), 2, "{:?}", lb.subnets);
    assert!(
        has_symbol(&lb.subnets[0].value),
        "an unknown list stays unknown, never empty"
    );
    assert_eq!(lb.subnets[1].value, "subnet-1");
    assert_eq!(lb.security_groups[0].value, "sg-0123");
    assert!(lb.security_groups_span.is_some());
    let li = &m.elb_listeners[0];
    assert_eq!(li.load_balancer, Some(0));
    assert_eq!(li.port.as_ref().unwrap().value, 443);
    assert_eq!(
        li.target_groups[0].value,
        "arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/web/1"
    );
    let tg = &m.target_groups[0];
    assert_eq!(tg.port.as_ref().unwrap().value, 8443);
    assert_eq!(tg.target_type.as_ref().unwrap().value, "ip");
    assert!(tg.vpc_id.as_ref().is_some_and(|v| has_symbol(&v.value)));
    assert_eq!(tg.health_check_port.as_ref().unwrap().value, "traffic-port");
    assert_eq!(tg.health_check_enabled.as_ref().unwrap().value, "true");
}

/// A security group with inline rules (a CIDR, an unknown group list, `self`), one with a standalone rule
/// of each kind, a VPC, a subnet and an internet gateway attached to the VPC.
#[test]
fn ec2_networking_is_typed_from_terraform_attributes() {
    let text = plan(
        &[
            res(
                "aws_security_group",
                "web",
                r#"{"name": "web", "description": "web tier", "ingress": [{"cidr_blocks": ["10.0.0.0/8"], "ipv6_cidr_blocks": [],
                    "prefix_list_ids": [], "self": true, "protocol": "tcp", "from_port": 443, "to_port": 443, "description": "https"}],
                    "egress": []}"#,
            ),
            res("aws_security_group", "db", r#"{"name": "db"}"#),
            res(
                "aws_security_group_rule",
                "ssh",
                r#"{"type": "egress", "cidr_blocks": ["0.0.0.0/0"], "protocol": "-1", "from_port": 0, "to_port": 0, "self": false}"#,
            ),
            res(
                "aws_vpc_security_group_ingress_rule",
                "v6",
                r#"{"cidr_ipv6": "::/0", "ip_protocol": "tcp", "from_port": 80, "to_port": 80}"#,
            ),
            res("aws_vpc", "main", r#"{"cidr_block": "10.0.0.0/16"}"#),
            res(
                "aws_subnet",
                "pub",
                r#"{"cidr_block": "10.0.1.0/24", "availability_zone": "eu-west-1a", "map_public_ip_on_launch": true}"#,
            ),
            res("aws_internet_gateway", "igw", "{}"),
        ]
        .join(","),
        &[
            change(
                "aws_security_group.web",
                r#"{"id": true, "vpc_id": true, "ingress": [{"security_groups": true}]}"#,
            ),
            change("aws_security_group.db", r#"{"id": true}"#),
            change("aws_security_group_rule.ssh", r#"{"security_group_id": true}"#),
            change("aws_vpc_security_group_ingress_rule.v6", r#"{"security_group_id": true}"#),
            change("aws_vpc.main", r#"{"id": true}"#),
            change("aws_subnet.pub", r#"{"id": true, "vpc_id": true}"#),
            change("aws_internet_gateway.igw", r#"{"id": true, "vpc_id": true}"#),
        ]
        .join(","),
        &[
            conf(
                "aws_security_group",
                "web",
                "aws",
                r#"{"vpc_id": {"references": ["aws_vpc.main.id", "aws_vpc.main"]}}"#,
            ),
            conf(
                "aws_security_group_rule",
                "ssh",
                "aws",
                r#"{"security_group_id": {"references": ["aws_security_group.db.id", "aws_security_group.db"]}}"#,
            ),
            conf(
                "aws_vpc_security_group_ingress_rule",
                "v6",
                "aws",
                r#"{"security_group_id": {"references": ["aws_security_group.db.id", "aws_security_group.db"]}}"#,
            ),
            conf("aws_subnet", "pub", "aws", r#"{"vpc_id": {"references": ["aws_vpc.main.id", "aws_vpc.main"]}}"#),
            conf(
                "aws_internet_gateway",
                "igw",
                "aws",
                r#"{"vpc_id": {"references": ["aws_vpc.main.id", "aws_vpc.main"]}}"#,
            ),
        ]
        .join(","),
        REGION,
    );
    let l = load_plan(&text, "plan.json", &Config::default());
    let ts = stacks(&l);
    assert!(matches!(
        typed(&ts, "aws_security_group.web"),
        Typed::SecurityGroup(_)
    ));
    assert!(matches!(
        typed(&ts, "aws_security_group_rule.ssh"),
        Typed::SgRule(_)
    ));
    assert!(matches!(
        typed(&ts, "aws_vpc_security_group_ingress_rule.v6"),
        Typed::SgRule(_)
    ));
    assert!(matches!(typed(&ts, "aws_vpc.main"), Typed::Vpc(_)));
    assert!(matches!(typed(&ts, "aws_subnet.pub"), Typed::Subnet(_)));
    assert!(matches!(
        typed(&ts, "aws_internet_gateway.igw"),
        Typed::InternetGateway
    ));
    assert!(matches!(
        typed(&ts, "aws_internet_gateway.igw#attachment"),
        Typed::GatewayAttachment(_)
    ));
    let m = Model::build(&ts);
    let sg = &m.security_groups[0];
    assert_eq!(sg.description.as_ref().unwrap().value, "web tier");
    assert_eq!(
        sg.vpc,
        Some(0),
        "the group's unknown VPC id links to the VPC"
    );
    assert!(
        sg.egress_written,
        "Terraform removes the default egress rule"
    );
    let ingress = m.ingress(0);
    // The CIDR, the unknown group list (unknown as a whole: one rule), `self`.
    assert_eq!(ingress.len(), 3, "{ingress:?}");
    assert_eq!(ingress[0].cidr_ipv4.as_ref().unwrap().value, "10.0.0.0/8");
    assert_eq!(at(&text, ingress[0].span), "\"10.0.0.0/8\"");
    assert_eq!(ingress[0].description.as_ref().unwrap().value, "https");
    assert!(has_symbol(
        &ingress[1].peer_group_id.as_ref().unwrap().value
    ));
    assert_eq!(ingress[2].peer_group, Some(0), "self is the group itself");
    assert!(m.egress(0).is_empty());
    let db = m.ingress(1);
    assert_eq!(db[0].cidr_ipv6.as_ref().unwrap().value, "::/0");
    assert_eq!(db[0].from_port.as_ref().unwrap().value, 80);
    let egress = m.egress(1);
    assert_eq!(egress.len(), 1);
    assert!(egress[0].all_protocols());
    assert_eq!(m.vpcs[0].cidr.as_ref().unwrap().value, "10.0.0.0/16");
    let sn = &m.subnets[0];
    assert_eq!(sn.vpc, Some(0));
    assert_eq!(sn.map_public_ip.as_ref().map(|b| b.value), Some(true));
    assert_eq!(sn.availability_zone.as_ref().unwrap().value, "eu-west-1a");
    assert_eq!(m.internet_gateways.len(), 1);
    assert_eq!(m.vpcs[0].internet_gateways, vec![0], "attached to the VPC");
}

/// Lists and blocks known only after apply as a whole are unknown, never empty; an optional computed
/// one (security-group rules, inline policies) only when the configuration writes it.
#[test]
fn whole_lists_known_after_apply_are_unknown_not_empty() {
    let text = plan(
        &[
            res("aws_security_group", "g", r#"{"name": "g"}"#),
            res("aws_security_group", "h", r#"{"name": "h"}"#),
            res("aws_iam_role", "r", r#"{"name": "r"}"#),
            res(
                "aws_globalaccelerator_listener",
                "l",
                r#"{"protocol": "TCP"}"#,
            ),
            res("aws_globalaccelerator_endpoint_group", "e", r#"{}"#),
            res("aws_lb_listener", "w", r#"{"port": 443}"#),
        ]
        .join(","),
        &[
            change(
                "aws_security_group.g",
                r#"{"ingress": true, "egress": true}"#,
            ),
            change(
                "aws_security_group.h",
                r#"{"ingress": true, "egress": true}"#,
            ),
            change("aws_iam_role.r", r#"{"inline_policy": true}"#),
            change(
                "aws_globalaccelerator_listener.l",
                r#"{"port_range": true}"#,
            ),
            change(
                "aws_globalaccelerator_endpoint_group.e",
                r#"{"endpoint_configuration": true, "port_override": true}"#,
            ),
            change("aws_lb_listener.w", r#"{"default_action": true}"#),
        ]
        .join(","),
        &[
            conf(
                "aws_security_group",
                "g",
                "aws",
                r#"{"ingress": {"references": ["var.rules"]}}"#,
            ),
            conf("aws_security_group", "h", "aws", "{}"),
            conf("aws_iam_role", "r", "aws", "{}"),
            conf("aws_globalaccelerator_listener", "l", "aws", "{}"),
            conf("aws_globalaccelerator_endpoint_group", "e", "aws", "{}"),
            conf("aws_lb_listener", "w", "aws", "{}"),
        ]
        .join(","),
        REGION,
    );
    let l = load_plan(&text, "plan.json", &Config::default());
    let m = Model::build(&stacks(&l));
    let sg = |name: &str| {
        m.security_groups
            .iter()
            .find(|g| g.origin.logical_id.ends_with(name))
            .unwrap()
    };
    let g = sg(".g");
    assert!(g.ingress.is_empty());
    assert!(has_symbol(&g.ingress_unknown.as_ref().unwrap().value));
    assert!(g.egress_unknown.is_none(), "egress left out: none");
    let h = sg(".h");
    assert!(h.ingress_unknown.is_none() && h.egress_unknown.is_none());
    assert!(m.roles[0].inline.is_empty(), "inline_policy left out: none");
    let gl = &m.ga_listeners[0];
    assert!(gl.port_ranges.is_empty());
    assert!(has_symbol(&gl.port_ranges_unknown.as_ref().unwrap().value));
    let e = &m.endpoint_groups[0];
    assert!(has_symbol(&e.endpoints_unknown.as_ref().unwrap().value));
    assert!(has_symbol(
        &e.port_overrides_unknown.as_ref().unwrap().value
    ));
    let tgs = &m.elb_listeners[0].target_groups;
    assert_eq!(tgs.len(), 1);
    assert!(
        has_symbol(&tgs[0].value),
        "unknown actions: an unknown target group"
    );
}
