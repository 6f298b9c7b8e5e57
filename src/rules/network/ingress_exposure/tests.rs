//! Ingress exposure on one security group whose rules each test writes.

use super::*;
use crate::config::Config;
use crate::load;
use crate::source::{SourceFile, SourceMap};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// The exposure of each ingress rule of group `Sg` (`None`: nothing wrong), in order.
fn exposures(ingress: &str, extra: &str) -> Vec<Option<Exposure>> {
    let text = format!(
        r#"{{"Resources": {{
          "Sg": {{"Type": "AWS::EC2::SecurityGroup", "Properties": {{"GroupDescription": "g",
            "SecurityGroupIngress": {ingress}}}}}{extra}}}}}"#
    );
    let mut sources = SourceMap::default();
    let id = sources.add("t.json".into(), Arc::from(text.as_str()));
    let src = SourceFile::new(id, "t.json".into(), Arc::from(text.as_str()));
    let t = load::load_text(src, Path::new("t.json"), &Config::default())
        .template
        .expect("a template");
    let m = Model::build(&[t.model_input()]);
    let net = Net::new(&m, &sources, &BTreeMap::new());
    let found = compute(&net, &Reachability::default());
    m.ingress(0)
        .into_iter()
        .map(|r| {
            found
                .iter()
                .find(|x| x.sg == 0 && std::ptr::eq(x.rule, r))
                .map(|x| x.exposure.clone())
        })
        .collect()
}

fn kind(e: &Option<Exposure>) -> &'static str {
    match e {
        None => "none",
        Some(Exposure::AllProtocols { .. }) => "all-protocols",
        Some(Exposure::Ipv6Forgotten { .. }) => "ipv6-forgotten",
        Some(Exposure::WorldIngress { .. }) => "world",
        Some(Exposure::BroadCidr { .. }) => "broad",
        Some(Exposure::AllPorts { .. }) => "all-ports",
    }
}

fn kinds(ingress: &str) -> Vec<&'static str> {
    exposures(ingress, "").iter().map(kind).collect()
}

#[test]
fn each_rule_gets_the_one_defect_that_describes_it() {
    assert_eq!(
        kinds(
            r#"[
            {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0"},
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"},
            {"IpProtocol": "-1", "CidrIp": "0.0.0.0/0"},
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "8.0.0.0/7"},
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "10.0.0.0/8"},
            {"IpProtocol": "tcp", "FromPort": 0, "ToPort": 65535, "CidrIp": "10.1.0.0/16"},
            {"IpProtocol": "icmp", "FromPort": -1, "ToPort": -1, "CidrIp": "0.0.0.0/0"}
        ]"#
        ),
        vec![
            "none",
            "world",
            "all-protocols",
            "broad",
            "none",
            "all-ports",
            "none"
        ]
    );
}

#[test]
fn ipv6_world_is_forgotten_only_where_ipv4_is_restricted() {
    assert_eq!(
        kinds(
            r#"[
            {"IpProtocol": "tcp", "FromPort": 8443, "ToPort": 8443, "CidrIp": "203.0.113.0/24"},
            {"IpProtocol": "tcp", "FromPort": 8443, "ToPort": 8443, "CidrIpv6": "::/0"},
            {"IpProtocol": "tcp", "FromPort": 9000, "ToPort": 9000, "CidrIp": "0.0.0.0/0"},
            {"IpProtocol": "tcp", "FromPort": 9000, "ToPort": 9000, "CidrIpv6": "::/0"}
        ]"#
        ),
        vec!["none", "ipv6-forgotten", "world", "world"]
    );
}

#[test]
fn all_protocols_from_the_world_is_an_error_unless_only_load_balancers_use_the_group() {
    let rule = r#"[{"IpProtocol": "-1", "CidrIp": "0.0.0.0/0"}]"#;
    let beyond = |extra: &str| match exposures(rule, extra).remove(0) {
        Some(Exposure::AllProtocols {
            world_beyond_lb, ..
        }) => world_beyond_lb,
        other => panic!("{other:?}"),
    };
    assert!(beyond(""));
    let on_alb = r#", "Alb": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {
        "Type": "application", "SecurityGroups": [{"Ref": "Sg"}]}}"#;
    assert!(!beyond(on_alb));
}

#[test]
fn rules_claimed_by_the_bypass_rule_are_left_out() {
    let text = r#"{"Resources": {"Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {
        "GroupDescription": "g",
        "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}]}}}}"#;
    let mut sources = SourceMap::default();
    let id = sources.add("t.json".into(), Arc::from(text));
    let src = SourceFile::new(id, "t.json".into(), Arc::from(text));
    let t = load::load_text(src, Path::new("t.json"), &Config::default())
        .template
        .expect("a template");
    let m = Model::build(&[t.model_input()]);
    let net = Net::new(&m, &sources, &BTreeMap::new());
    assert_eq!(compute(&net, &Reachability::default()).len(), 1);
    let r = m.ingress(0)[0];
    let mut reach = Reachability::default();
    reach.claimed.insert((id, Net::peer_span(r)));
    assert!(compute(&net, &reach).is_empty());
}
