//! Issue 9, "Unknown stays unknown", for lists and blocks: a list that is not known as a whole
//! (CloudFormation: a parameter, an import; Terraform: `after_unknown: true` on the whole attribute) is
//! unknown, never empty. Each test takes a fixture, makes one list of one resource family unknown and
//! checks the contract: no error or warning the known fixture does not have (except `UNPROVEN`), and
//! where the outcome depends on the list, an `UNPROVEN` naming it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

mod common;

use common::check_json;
use serde_json::{json, Value};
use std::path::Path;

/// The parameter a mutated list comes from.
const PARAM: &str = "TrustlintUnknownList";

use common::loud_rules as loud;

fn unproven(report: &Value) -> Vec<&str> {
    common::messages(report, "UNPROVEN")
}

/// How a list is made unknown.
#[derive(Clone, Copy, Debug)]
enum How {
    /// `{"Ref": …}` to a `CommaDelimitedList` parameter without default.
    Ref,
    /// `{"Fn::ImportValue": …}` of an export no template makes.
    Import,
}

/// Copy `dir` into a temporary folder, with `mutate` applied to each file (name, text) → text.
fn copy_with(dir: &str, mutate: impl Fn(&str, String) -> String) -> tempfile::TempDir {
    let from = common::root().join(dir);
    let out = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(&from).unwrap() {
        let path = e.unwrap().path();
        if !path.is_file() {
            continue;
        }
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(out.path().join(&name), mutate(&name, text)).unwrap();
    }
    out
}

fn report_of(dir: &Path) -> Value {
    check_json(dir.to_str().unwrap()).1
}

/// The CloudFormation fixture `dir` with property `key` of every resource of type `ty` made unknown
/// (`how`); at least one is.
fn cfn_variant(dir: &str, ty: &str, key: &str, how: How) -> Value {
    let changed = std::cell::Cell::new(0);
    let tmp = copy_with(dir, |name, text| {
        if !name.ends_with(".json") {
            return text;
        }
        let Ok(mut t) = serde_json::from_str::<Value>(&text) else {
            return text;
        };
        let mut hit = false;
        if let Some(resources) = t["Resources"].as_object_mut() {
            for r in resources.values_mut() {
                if r["Type"] == ty && r["Properties"].get(key).is_some() {
                    r["Properties"][key] = match how {
                        How::Ref => json!({ "Ref": PARAM }),
                        How::Import => json!({ "Fn::ImportValue": PARAM }),
                    };
                    hit = true;
                }
            }
        }
        if !hit {
            return text;
        }
        changed.set(changed.get() + 1);
        if matches!(how, How::Ref) {
            if t.get("Parameters").is_none() {
                t["Parameters"] = json!({});
            }
            t["Parameters"][PARAM] = json!({ "Type": "CommaDelimitedList" });
        }
        serde_json::to_string_pretty(&t).unwrap()
    });
    assert!(changed.get() > 0, "{dir}: no {ty} with {key}");
    report_of(tmp.path())
}

/// The Terraform fixture `dir` with attribute `key` of resource `address` known only after apply.
fn tf_variant(dir: &str, address: &str, key: &str) -> Value {
    let tmp = copy_with(dir, |name, text| {
        if name != "plan.json" {
            return text;
        }
        let mut p: Value = serde_json::from_str(&text).unwrap();
        let mut hit = false;
        for rc in p["resource_changes"].as_array_mut().unwrap() {
            if rc["address"] == address {
                let change = &mut rc["change"];
                hit |= change["after"]
                    .as_object_mut()
                    .unwrap()
                    .remove(key)
                    .is_some();
                change["after_unknown"][key] = json!(true);
            }
        }
        assert!(hit, "{dir}: {address} has no {key}");
        for r in p["planned_values"]["root_module"]["resources"]
            .as_array_mut()
            .unwrap()
        {
            if r["address"] == address {
                r["values"].as_object_mut().unwrap().remove(key);
            }
        }
        serde_json::to_string_pretty(&p).unwrap()
    });
    report_of(tmp.path())
}

/// No error or warning besides those of the known fixture, and `UNPROVEN`.
fn assert_no_new_loud(dir: &str, variant: &Value) {
    let known = loud(&check_json(dir).1);
    let new: Vec<String> = loud(variant)
        .into_iter()
        .filter(|r| r != "UNPROVEN" && !known.contains(r))
        .collect();
    assert!(new.is_empty(), "{dir}: new {new:?}: {variant:#}");
}

fn assert_unproven_naming(dir: &str, variant: &Value, unknown: &str) {
    let u = unproven(variant);
    assert!(
        u.iter().any(|m| m.contains(unknown)),
        "{dir}: no UNPROVEN names `{unknown}`: {u:#?}"
    );
}

fn assert_absent(dir: &str, variant: &Value, rule: &str) {
    assert!(
        !loud(variant).contains(rule),
        "{dir}: {rule} with an unknown list: {variant:#}"
    );
}

#[test]
fn unknown_ingress_of_the_load_balancer_group_is_unproven_not_blocked() {
    let dir = "fixtures/rules/GASG-ADMIT/pass";
    for how in [How::Ref, How::Import] {
        let v = cfn_variant(dir, "AWS::EC2::SecurityGroup", "SecurityGroupIngress", how);
        assert_no_new_loud(dir, &v);
        assert_absent(dir, &v, "GASG-ADMIT");
        assert_unproven_naming(dir, &v, PARAM);
    }
}

#[test]
fn unknown_ingress_does_not_hide_the_fail_case_behind_an_error() {
    let dir = "fixtures/rules/GASG-ADMIT/fail";
    let v = cfn_variant(
        dir,
        "AWS::EC2::SecurityGroup",
        "SecurityGroupIngress",
        How::Ref,
    );
    assert_no_new_loud(dir, &v);
    assert_absent(dir, &v, "GASG-ADMIT");
    assert_unproven_naming(dir, &v, PARAM);
}

#[test]
fn unknown_egress_is_not_a_blocked_target() {
    for dir in [
        "fixtures/rules/ALB-SG-EGRESS/pass",
        "fixtures/rules/ALB-SG-EGRESS/fail",
    ] {
        let v = cfn_variant(
            dir,
            "AWS::EC2::SecurityGroup",
            "SecurityGroupEgress",
            How::Ref,
        );
        assert_no_new_loud(dir, &v);
        assert_absent(dir, &v, "ALB-SG-EGRESS");
    }
}

#[test]
fn unknown_inline_policies_are_unproven_not_a_missing_grant() {
    let dir = "fixtures/rules/ROLE-MISSING-ACTION/fail";
    let v = cfn_variant(dir, "AWS::IAM::Role", "Policies", How::Ref);
    assert_no_new_loud(dir, &v);
    assert_absent(dir, &v, "ROLE-MISSING-ACTION");
    assert_unproven_naming(dir, &v, PARAM);
    let dir = "fixtures/rules/ROLE-MISSING-ACTION/pass";
    let v = cfn_variant(dir, "AWS::IAM::Role", "Policies", How::Import);
    assert_no_new_loud(dir, &v);
    assert_unproven_naming(dir, &v, PARAM);
}

#[test]
fn unknown_port_ranges_are_not_zero_ranges() {
    let dir = "fixtures/rules/GA-LSN-PORTS/pass";
    let v = cfn_variant(
        dir,
        "AWS::GlobalAccelerator::Listener",
        "PortRanges",
        How::Ref,
    );
    assert_no_new_loud(dir, &v);
    assert_absent(dir, &v, "GA-LSN-PORTS");
    for dir in [
        "fixtures/rules/GA-PO-ENDPORT-IN-LISTENER/pass",
        "fixtures/rules/GA-PO-LISTENERPORT/pass",
    ] {
        let v = cfn_variant(
            dir,
            "AWS::GlobalAccelerator::Listener",
            "PortRanges",
            How::Import,
        );
        assert_no_new_loud(dir, &v);
    }
}

#[test]
fn unknown_port_overrides_are_not_absent() {
    for dir in [
        "fixtures/rules/GA-PO-ENDPORT-IN-LISTENER/pass",
        "fixtures/rules/GA-PO-ENDPORT-IN-LISTENER/fail",
    ] {
        let v = cfn_variant(
            dir,
            "AWS::GlobalAccelerator::EndpointGroup",
            "PortOverrides",
            How::Ref,
        );
        assert_no_new_loud(dir, &v);
    }
}

#[test]
fn unknown_endpoints_are_not_an_empty_group() {
    for dir in [
        "fixtures/rules/GASG-DANGLING/pass",
        "fixtures/rules/GASG-ADMIT/pass",
        "fixtures/rules/GA-EP-ALB-TG-HEALTH/pass",
    ] {
        let v = cfn_variant(
            dir,
            "AWS::GlobalAccelerator::EndpointGroup",
            "EndpointConfigurations",
            How::Ref,
        );
        assert_no_new_loud(dir, &v);
        assert_absent(dir, &v, "GASG-DANGLING");
    }
    // The accelerator group is referenced: whether it exists depends on the endpoints.
    let dir = "fixtures/rules/GASG-DANGLING/pass";
    let v = cfn_variant(
        dir,
        "AWS::GlobalAccelerator::EndpointGroup",
        "EndpointConfigurations",
        How::Import,
    );
    assert_unproven_naming(dir, &v, PARAM);
}

#[test]
fn unknown_targets_and_actions_are_not_empty() {
    let dir = "fixtures/rules/GA-EP-ALB-TG-HEALTH/pass";
    let v = cfn_variant(
        dir,
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        "Targets",
        How::Ref,
    );
    assert_no_new_loud(dir, &v);
    assert_absent(dir, &v, "GA-EP-ALB-TG-HEALTH");
    for dir in [
        "fixtures/rules/GA-EP-ALB-TG-HEALTH/pass",
        "fixtures/rules/ALB-TARGET-SG/fail",
        "fixtures/rules/ALB-SG-EGRESS/fail",
    ] {
        let v = cfn_variant(
            dir,
            "AWS::ElasticLoadBalancingV2::Listener",
            "DefaultActions",
            How::Ref,
        );
        assert_no_new_loud(dir, &v);
    }
}

#[test]
fn terraform_unknown_ingress_and_egress_add_no_finding() {
    let dir = "fixtures/terraform/sg-world-ingress";
    for key in ["ingress", "egress"] {
        let v = tf_variant(dir, "aws_security_group.bastion", key);
        assert_no_new_loud(dir, &v);
    }
    let v = tf_variant(dir, "aws_security_group.bastion", "ingress");
    assert_absent(dir, &v, "SG-WORLD-INGRESS");
}

#[test]
fn terraform_unknown_load_balancer_ingress_is_unproven() {
    let dir = "fixtures/unknowns/tf-unknown-endpoints";
    let v = tf_variant(dir, "aws_security_group.alb", "ingress");
    assert_no_new_loud(dir, &v);
    assert_absent(dir, &v, "GASG-ADMIT");
}

#[test]
fn terraform_unknown_ga_blocks_add_no_finding() {
    let dir = "fixtures/unknowns/tf-unknown-endpoints";
    for (address, key) in [
        ("aws_globalaccelerator_listener.http", "port_range"),
        (
            "aws_globalaccelerator_endpoint_group.eu",
            "endpoint_configuration",
        ),
        ("aws_globalaccelerator_endpoint_group.eu", "port_override"),
        ("aws_lb_listener.blue", "default_action"),
    ] {
        let v = tf_variant(dir, address, key);
        assert_no_new_loud(dir, &v);
    }
    let v = tf_variant(dir, "aws_globalaccelerator_listener.http", "port_range");
    assert_absent(dir, &v, "GA-LSN-PORTS");
}

/// The CloudFormation fixture `dir` with the value at `pointer` of template `file` made a `String`
/// parameter without default.
fn cfn_value_variant(dir: &str, file: &str, pointer: &str) -> Value {
    let tmp = copy_with(dir, |name, text| {
        if name != file {
            return text;
        }
        let mut t: Value = serde_json::from_str(&text).unwrap();
        *t.pointer_mut(pointer)
            .unwrap_or_else(|| panic!("{dir}/{file}: no {pointer}")) = json!({ "Ref": PARAM });
        if t.get("Parameters").is_none() {
            t["Parameters"] = json!({});
        }
        t["Parameters"][PARAM] = json!({ "Type": "String" });
        serde_json::to_string_pretty(&t).unwrap()
    });
    report_of(tmp.path())
}

/// Found by `tests/unknown_monotonic.rs` on the network fixtures: links that are not known are not
/// missing links.
#[test]
fn unknown_links_of_the_network_are_not_missing_links() {
    let cases = [
        // The standalone rule admitting the accelerator may add to the load balancer's group.
        (
            "fixtures/network/cdk-clean",
            "AppStack.template.json",
            "/Resources/LBSecurityGroupfromGlobalAcceleratorGroup443A2B3C4D5/Properties/GroupId",
            Some("GASG-ADMIT"),
        ),
        // An attachment of an unknown gateway, or to an unknown VPC, may attach one to this VPC.
        (
            "fixtures/network/internal-without-cip",
            "app-eu-west-1.json",
            "/Resources/GatewayAttachment/Properties/InternetGatewayId",
            None,
        ),
        (
            "fixtures/network/internal-without-cip",
            "app-eu-west-1.json",
            "/Resources/GatewayAttachment/Properties/VpcId",
            None,
        ),
        // A scheme that may be internal, where client IP preservation is always on.
        (
            "fixtures/network/internal-without-cip",
            "app-eu-west-1.json",
            "/Resources/LoadBalancer/Properties/Scheme",
            Some("GASG-CIP-OFF"),
        ),
    ];
    for (dir, file, pointer, unproven_instead_of) in cases {
        let v = cfn_value_variant(dir, file, pointer);
        assert_no_new_loud(dir, &v);
        if let Some(rule) = unproven_instead_of {
            assert_absent(dir, &v, rule);
            assert_unproven_naming(dir, &v, PARAM);
        }
    }
}
