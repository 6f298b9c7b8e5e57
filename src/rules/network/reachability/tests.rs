//! The reachability analysis on small one-stack templates: an accelerator listener → endpoint group →
//! ALB → one security group whose ingress each test writes.

use super::*;
use crate::config::Config;
use crate::load::{self, cfn::Template};
use crate::model::{Kind, Model};
use crate::source::{SourceFile, SourceMap};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// What a test varies.
struct Setup<'a> {
    /// `PortRanges` of the accelerator listener.
    listener_ports: &'a str,
    protocol: &'a str,
    /// `PortOverrides` of the endpoint group.
    overrides: &'a str,
    /// `ClientIPPreservationEnabled`, or nothing.
    cip: Option<bool>,
    scheme: &'a str,
    /// The ALB group's `SecurityGroupIngress`.
    ingress: &'a str,
    /// Ports of the ALB's listeners (none: no listener in the template).
    alb_ports: &'a [i64],
    /// More resources.
    extra: &'a str,
}

const BASE: Setup<'static> = Setup {
    listener_ports: r#"[{"FromPort": 443, "ToPort": 443}]"#,
    protocol: "TCP",
    overrides: "[]",
    cip: Some(true),
    scheme: "internet-facing",
    ingress: "[]",
    alb_ports: &[443],
    extra: "",
};

const GA: &str = r#"{"Ref": "GlobalAcceleratorSecurityGroupId"}"#;

fn template(s: &Setup) -> String {
    let cip = s.cip.map_or(String::new(), |c| {
        format!(r#", "ClientIPPreservationEnabled": {c}"#)
    });
    let listeners: String = s
        .alb_ports
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                r#", "AlbListener{i}": {{"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {{
                    "LoadBalancerArn": {{"Ref": "Alb"}}, "Port": {p}, "Protocol": "HTTP"}}}}"#
            )
        })
        .collect();
    format!(
        r#"{{"Metadata": {{"trustlint": {{"account": "111111111111", "region": "eu-west-1"}}}},
        "Parameters": {{"GlobalAcceleratorSecurityGroupId": {{"Type": "AWS::EC2::SecurityGroup::Id",
            "Description": "the GlobalAccelerator security group"}}}},
        "Resources": {{
          "Vpc": {{"Type": "AWS::EC2::VPC", "Properties": {{"CidrBlock": "10.0.0.0/16"}}}},
          "Accelerator": {{"Type": "AWS::GlobalAccelerator::Accelerator", "Properties": {{"Name": "a"}}}},
          "Listener": {{"Type": "AWS::GlobalAccelerator::Listener", "Properties": {{
            "AcceleratorArn": {{"Ref": "Accelerator"}}, "Protocol": "{protocol}", "PortRanges": {ports}}}}},
          "Group": {{"Type": "AWS::GlobalAccelerator::EndpointGroup", "Properties": {{
            "ListenerArn": {{"Ref": "Listener"}}, "EndpointGroupRegion": "eu-west-1",
            "PortOverrides": {overrides},
            "EndpointConfigurations": [{{"EndpointId": {{"Ref": "Alb"}}{cip}}}]}}}},
          "Alb": {{"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {{
            "Type": "application", "Scheme": "{scheme}", "SecurityGroups": [{{"Ref": "AlbSg"}}]}}}},
          "AlbSg": {{"Type": "AWS::EC2::SecurityGroup", "Properties": {{"GroupDescription": "alb",
            "VpcId": {{"Ref": "Vpc"}}, "SecurityGroupIngress": {ingress}}}}}
          {listeners}{extra}
        }}}}"#,
        protocol = s.protocol,
        ports = s.listener_ports,
        overrides = s.overrides,
        scheme = s.scheme,
        ingress = s.ingress,
        extra = s.extra,
    )
}

/// Load the template, build the model and run the analysis.
fn analyse(s: &Setup) -> (Model, Reachability) {
    analyse_text(&template(s))
}

fn analyse_text(text: &str) -> (Model, Reachability) {
    let cfg = Config::default();
    let mut sources = SourceMap::default();
    let id = sources.add("app.json".into(), Arc::from(text));
    let src = SourceFile::new(id, "app.json".into(), Arc::from(text));
    let t: Template = load::load_text(src, Path::new("app.json"), &cfg)
        .template
        .expect("a template");
    let m = Model::build(&[t.model_input()]);
    let reach = {
        let net = Net::new(&m, &sources, &BTreeMap::new());
        Reachability::compute(&net)
    };
    (m, reach)
}

/// The index of the resource of `kind` with this logical id.
fn logical(m: &Model, kind: Kind, name: &str) -> Option<usize> {
    (0..)
        .map_while(|i| m.origin_of(kind, i).map(|o| (i, o)))
        .find(|(_, o)| o.logical_id == name)
        .map(|(i, _)| i)
}

fn only(r: &Reachability) -> &AlbEndpoint {
    assert_eq!(r.endpoints.len(), 1, "{:#?}", r.endpoints);
    &r.endpoints[0]
}

fn verdict(r: &Reachability) -> &Verdict {
    &only(r).admission.as_ref().expect("admission").verdict
}

fn rule(ports: &str, source: &str) -> String {
    let (f, t) = ports.split_once('-').unwrap_or((ports, ports));
    format!(r#"{{"IpProtocol": "tcp", "FromPort": {f}, "ToPort": {t}, {source}}}"#)
}

#[test]
fn the_path_follows_the_graph_relations() {
    let (m, r) = analyse(&Setup {
        ingress: &format!(
            "[{}]",
            rule("443", &format!(r#""SourceSecurityGroupId": {GA}"#))
        ),
        ..BASE
    });
    let e = only(&r);
    let idx = |k: Kind, name: &str| logical(&m, k, name);
    assert_eq!(e.path.accelerator, idx(Kind::Accelerator, "Accelerator"));
    assert_eq!(Some(e.path.listener), idx(Kind::GaListener, "Listener"));
    assert_eq!(Some(e.path.group), idx(Kind::EndpointGroup, "Group"));
    assert_eq!(Some(e.path.lb), idx(Kind::LoadBalancer, "Alb"));
    assert_eq!(
        e.path.security_groups,
        vec![idx(Kind::SecurityGroup, "AlbSg").expect("AlbSg")]
    );
    assert_eq!(e.ports, vec![(443, 443)]);
    assert_eq!(e.listeners, ListenerCover::Covered);
    assert!(e.cip);
}

#[test]
fn only_the_accelerator_group_on_an_internet_facing_alb() {
    let (_, r) = analyse(&Setup {
        ingress: &format!(
            "[{}]",
            rule("443", &format!(r#""SourceSecurityGroupId": {GA}"#))
        ),
        ..BASE
    });
    assert_eq!(
        verdict(&r),
        &Verdict::Admitted {
            only_accelerator: true
        }
    );
    assert!(r.claimed.is_empty());
}

#[test]
fn a_private_cidr_does_not_admit_the_accelerator() {
    let (_, r) = analyse(&Setup {
        ingress: &format!("[{}]", rule("443", r#""CidrIp": "10.0.0.0/16""#)),
        ..BASE
    });
    let Verdict::Blocked {
        missing, ga_json, ..
    } = verdict(&r)
    else {
        panic!("{:?}", verdict(&r));
    };
    assert_eq!(missing, &vec![(443, 443)]);
    assert_eq!(ga_json, GA_PARAM_JSON);
}

#[test]
fn the_wrong_port_leaves_the_accelerator_port_missing() {
    let (_, r) = analyse(&Setup {
        ingress: &format!(
            "[{}]",
            rule("80", &format!(r#""SourceSecurityGroupId": {GA}"#))
        ),
        ..BASE
    });
    let Verdict::Blocked {
        missing, ga_json, ..
    } = verdict(&r)
    else {
        panic!("{:?}", verdict(&r));
    };
    assert_eq!(missing, &vec![(443, 443)]);
    // The accelerator group as the template writes it, for the fix.
    assert_eq!(ga_json, r#"{"Ref": "GlobalAcceleratorSecurityGroupId"}"#);
}

#[test]
fn the_world_besides_the_accelerator_is_a_bypass_claimed_once() {
    let (_, r) = analyse(&Setup {
        ingress: &format!(
            "[{}, {}]",
            rule("443", &format!(r#""SourceSecurityGroupId": {GA}"#)),
            rule("443", r#""CidrIp": "0.0.0.0/0""#)
        ),
        ..BASE
    });
    let e = only(&r);
    let bypasses: Vec<&RuleFact> = e
        .rules()
        .iter()
        .filter(|f| matches!(f, RuleFact::Bypass { .. }))
        .collect();
    assert_eq!(bypasses.len(), 1, "{:?}", e.rules());
    let RuleFact::Bypass {
        rule,
        range,
        intent,
        ga_example,
        ..
    } = bypasses[0]
    else {
        unreachable!()
    };
    assert_eq!(*range, (443, 443));
    assert!(!intent);
    assert!(ga_example.is_some(), "the GA rule came first");
    assert!(r.claimed.contains(&(rule.at.file, rule.at.span)));
    assert_eq!(
        verdict(&r),
        &Verdict::Admitted {
            only_accelerator: false
        }
    );
}

#[test]
fn an_unidentified_group_makes_it_unknown_not_blocked() {
    let (_, r) = analyse(&Setup {
        ingress: &format!(
            "[{}]",
            rule("443", r#""SourceSecurityGroupId": "sg-0123456789abcdef0""#)
        ),
        scheme: "internal",
        ..BASE
    });
    let Verdict::Unknown { missing, unknowns } = verdict(&r) else {
        panic!("{:?}", verdict(&r));
    };
    assert_eq!(missing, &vec![(443, 443)]);
    assert_eq!(
        unknowns,
        &vec!["security group sg-0123456789abcdef0".to_string()]
    );
}

#[test]
fn client_ip_preservation_off_with_only_the_group() {
    let (m, r) = analyse(&Setup {
        ingress: &format!(
            "[{}]",
            rule("443", &format!(r#""SourceSecurityGroupId": {GA}"#))
        ),
        cip: Some(false),
        ..BASE
    });
    let Verdict::CipOff { missing, span, .. } = verdict(&r) else {
        panic!("{:?}", verdict(&r));
    };
    assert_eq!(missing, &vec![(443, 443)]);
    let setting = m.endpoint_groups[0].endpoints[0]
        .client_ip_preservation
        .as_ref()
        .expect("stated");
    assert_eq!(*span, setting.span);
}

/// A setting written but not known statically (an import): on, the group alone admits the accelerator;
/// off, it does not. The verdict depends on the setting, so it is unknown and names it.
#[test]
fn client_ip_preservation_not_known_is_unknown_when_the_verdict_depends_on_it() {
    let setup = Setup {
        ingress: &format!(
            "[{}]",
            rule("443", &format!(r#""SourceSecurityGroupId": {GA}"#))
        ),
        cip: Some(false),
        ..BASE
    };
    let text = template(&setup).replace(
        r#""ClientIPPreservationEnabled": false"#,
        r#""ClientIPPreservationEnabled": {"Fn::ImportValue": "cip-setting"}"#,
    );
    let (_, r) = analyse_text(&text);
    let Verdict::Unknown { missing, unknowns } = verdict(&r) else {
        panic!("{:?}", verdict(&r));
    };
    assert_eq!(missing, &vec![(443, 443)]);
    assert!(
        unknowns[0].starts_with("ClientIPPreservationEnabled"),
        "{unknowns:?}"
    );
    // Where the setting does not matter (nothing admits 443 either way), the verdict stands.
    let blocked = template(&Setup {
        cip: Some(false),
        ..BASE
    })
    .replace(
        r#""ClientIPPreservationEnabled": false"#,
        r#""ClientIPPreservationEnabled": {"Fn::ImportValue": "cip-setting"}"#,
    );
    let (_, r) = analyse_text(&blocked);
    assert!(
        matches!(verdict(&r), Verdict::Blocked { .. }),
        "{:?}",
        verdict(&r)
    );
}

#[test]
fn internal_alb_without_client_ip_preservation_is_left_to_ga_ep_cip_internal() {
    let (_, r) = analyse(&Setup {
        cip: Some(false),
        scheme: "internal",
        ..BASE
    });
    assert!(only(&r).admission.is_none());
}

#[test]
fn port_overrides_move_the_port_the_group_must_admit() {
    let (_, r) = analyse(&Setup {
        listener_ports: r#"[{"FromPort": 80, "ToPort": 81}]"#,
        overrides: r#"[{"ListenerPort": 80, "EndpointPort": 8080}]"#,
        ingress: &format!(
            "[{}]",
            rule("80-81", &format!(r#""SourceSecurityGroupId": {GA}"#))
        ),
        alb_ports: &[81, 8080],
        ..BASE
    });
    let e = only(&r);
    assert_eq!(e.ports, vec![(81, 81), (8080, 8080)]);
    assert_eq!(e.listeners, ListenerCover::Covered);
    let Verdict::Blocked { missing, .. } = verdict(&r) else {
        panic!("{:?}", verdict(&r));
    };
    assert_eq!(missing, &vec![(8080, 8080)]);
}

#[test]
fn listener_coverage() {
    let (_, r) = analyse(&Setup {
        alb_ports: &[80],
        ..BASE
    });
    assert_eq!(
        only(&r).listeners,
        ListenerCover::Missing {
            missing: vec![(443, 443)],
            have: vec![(80, 80)]
        }
    );
    let (_, r) = analyse(&Setup {
        alb_ports: &[],
        ..BASE
    });
    assert_eq!(only(&r).listeners, ListenerCover::NoneAnalysed);
    // A listener whose port is not known statically may be the one on 443: unknown, not missing.
    let (_, r) = analyse(&Setup {
        alb_ports: &[80],
        extra: r#", "AlbListenerImported": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {
            "LoadBalancerArn": {"Ref": "Alb"}, "Port": {"Fn::ImportValue": "shared-port"}, "Protocol": "HTTP"}}"#,
        ..BASE
    });
    assert_eq!(
        only(&r).listeners,
        ListenerCover::PortUnknown {
            missing: vec![(443, 443)]
        }
    );
}

#[test]
fn udp_listeners_are_not_analysed() {
    let (_, r) = analyse(&Setup {
        protocol: "UDP",
        ..BASE
    });
    assert!(r.endpoints.is_empty());
}

#[test]
fn a_template_group_named_global_accelerator_is_self_made() {
    let (m, r) = analyse(&Setup {
        ingress: &format!(
            "[{}]",
            rule(
                "443",
                r#""SourceSecurityGroupId": {"Fn::GetAtt": ["GlobalAcceleratorSg", "GroupId"]}"#
            )
        ),
        extra: r#", "GlobalAcceleratorSg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {
            "GroupDescription": "stand-in", "GroupName": "GlobalAccelerator", "VpcId": {"Ref": "Vpc"}}}"#,
        ..BASE
    });
    let e = only(&r);
    let fake = logical(&m, Kind::SecurityGroup, "GlobalAcceleratorSg").expect("the stand-in");
    assert!(
        e.rules().iter().any(
            |f| matches!(f, RuleFact::SelfMade { fake: x, range: (443, 443), .. } if *x == fake)
        ),
        "{:?}",
        e.rules()
    );
    assert_eq!(verdict(&r), &Verdict::ExplainedByRule);
}

#[test]
fn endpoint_ports_apply_overrides() {
    let (m, _) = analyse(&Setup {
        listener_ports: r#"[{"FromPort": 80, "ToPort": 90}, {"FromPort": 443, "ToPort": 443}]"#,
        overrides: r#"[{"ListenerPort": 85, "EndpointPort": 8085}, {"ListenerPort": 443, "EndpointPort": 8443}]"#,
        ..BASE
    });
    assert_eq!(
        endpoint_ports(&m.ga_listeners[0], &m.endpoint_groups[0]),
        vec![(80, 84), (86, 90), (8085, 8085), (8443, 8443)]
    );
}
