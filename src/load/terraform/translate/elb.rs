//! Elastic Load Balancing v2: `aws_lb`/`aws_alb`, their listeners and target groups, read from their own
//! attribute names into the model's typed fields ([`LoadBalancerFields`], [`ElbListenerFields`],
//! [`TargetGroupFields`]).

use super::context::Tr;
use super::cursor::Cur;
use super::node::bool_word;
use crate::load::terraform::plan::PlanResource;
use crate::model::elb::{ElbListenerFields, LoadBalancerFields, TargetGroupFields};
use crate::model::props::{integer_of, scalar_of, string_of};
use crate::source::{Node, Spanned};

fn text(t: &Tr, r: &PlanResource, c: Cur, k: &str) -> Option<Spanned<String>> {
    t.text(r, c, k).as_ref().and_then(string_of)
}

/// A scalar (number, boolean or string) as text.
fn scalar(n: Option<Node>) -> Option<Spanned<String>> {
    n.and_then(|n| scalar_of(&n).map(|s| Spanned::new(s, n.span)))
}

pub(super) fn load_balancer(t: &Tr, i: usize) -> LoadBalancerFields {
    let (r, c) = t.open(i);
    let mut subnets: Vec<Spanned<String>> = t
        .strings(r, c, "subnets")
        .iter()
        .filter_map(string_of)
        .collect();
    subnets.extend(
        c.blocks("subnet_mapping")
            .into_iter()
            .filter_map(|m| text(t, r, m, "subnet_id")),
    );
    subnets.extend(t.unknown_list(r, c, "subnet_mapping"));
    let security_groups: Vec<Spanned<String>> = t
        .strings(r, c, "security_groups")
        .iter()
        .filter_map(string_of)
        .collect();
    LoadBalancerFields {
        name: text(t, r, c, "name"),
        scheme: c
            .get("internal")
            .values
            .map(|n| bool_word(n, "internal", "internet-facing"))
            .as_ref()
            .and_then(string_of),
        lb_type: text(t, r, c, "load_balancer_type"),
        ip_address_type: text(t, r, c, "ip_address_type"),
        subnets,
        security_groups_span: (!security_groups.is_empty())
            .then(|| c.get("security_groups").anchor),
        security_groups,
    }
}

pub(super) fn lb_listener(t: &Tr, i: usize) -> ElbListenerFields {
    let (r, c) = t.open(i);
    // Actions known only after apply forward to a target group that is not known either.
    let mut target_groups: Vec<_> = t.unknown_list(r, c, "default_action").into_iter().collect();
    for a in c.blocks("default_action") {
        target_groups.extend(text(t, r, a, "target_group_arn"));
        if let Some(f) = a.block("forward") {
            for tg in f.blocks("target_group") {
                target_groups.extend(text(t, r, tg, "arn"));
            }
        }
    }
    ElbListenerFields {
        load_balancer_arn: text(t, r, c, "load_balancer_arn"),
        port: t.leaf(r, c, "port").as_ref().and_then(integer_of),
        protocol: text(t, r, c, "protocol"),
        target_groups,
    }
}

pub(super) fn target_group(t: &Tr, i: usize) -> TargetGroupFields {
    let (r, c) = t.open(i);
    let mut f = TargetGroupFields {
        port: t.leaf(r, c, "port").as_ref().and_then(integer_of),
        protocol: text(t, r, c, "protocol"),
        target_type: text(t, r, c, "target_type"),
        vpc_id: text(t, r, c, "vpc_id"),
        ..TargetGroupFields::default()
    };
    if let Some(h) = c.block("health_check") {
        f.health_check_port = scalar(t.text(r, h, "port"));
        f.health_check_protocol = text(t, r, h, "protocol");
        f.health_check_enabled = scalar(t.leaf(r, h, "enabled"));
    }
    f
}
