//! The Terraform frontend on small in-memory plans.

use crate::config::Config;
use crate::load::test_support::Checked;
use crate::load::{self, Loaded};
use crate::model::input::{Body, Stack};
use crate::model::symbolic::{display, has_symbol};
use crate::model::{DocKind, Model};
use crate::source::{FileId, SourceFile};
use std::path::Path;
use std::sync::Arc;

mod s3;

fn load_plan(text: &str, name: &str, cfg: &Config) -> Checked {
    let src = SourceFile::new(FileId(0), name.to_string(), Arc::from(text));
    Checked::new(load::load_text(src, Path::new(name), cfg))
}

fn stacks(l: &Loaded) -> Vec<Stack> {
    assert!(
        l.template.is_none(),
        "a plan yields no CloudFormation template"
    );
    l.stacks.clone()
}

/// A plan with the given planned resources, `after_unknown` per address, configuration resources and
/// provider configurations.
fn plan(resources: &str, changes: &str, config: &str, providers: &str) -> String {
    format!(
        r#"{{"format_version": "1.2", "terraform_version": "1.9.5", "variables": {{}},
  "planned_values": {{"root_module": {{"resources": [{resources}]}}}},
  "resource_changes": [{changes}],
  "configuration": {{"provider_config": {{{providers}}}, "root_module": {{"resources": [{config}]}}}}}}"#
    )
}

fn res(ty: &str, name: &str, values: &str) -> String {
    format!(
        r#"{{"address": "{ty}.{name}", "mode": "managed", "type": "{ty}", "name": "{name}", "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0, "values": {values}, "sensitive_values": {{}}}}"#
    )
}

fn change(address: &str, unknown: &str) -> String {
    format!(
        r#"{{"address": "{address}", "change": {{"actions": ["create"], "before": null, "after": {{}}, "after_unknown": {unknown}}}}}"#
    )
}

fn conf(ty: &str, name: &str, provider: &str, exprs: &str) -> String {
    format!(
        r#"{{"address": "{ty}.{name}", "mode": "managed", "type": "{ty}", "name": "{name}", "provider_config_key": "{provider}", "expressions": {exprs}}}"#
    )
}

const REGION: &str =
    r#""aws": {"name": "aws", "expressions": {"region": {"constant_value": "eu-west-1"}}}"#;

#[test]
fn policies_are_linted_with_spans_inside_the_strings() {
    let policy = r#"{\"Statement\":[{\"Action\":\"s3:ReplicateObjects\",\"Effect\":\"Allow\",\"Resource\":\"*\"}],\"Version\":\"2012-10-17\"}"#;
    let trust = r#"{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"s3.amazonaws.com\"}}],\"Version\":\"2012-10-17\"}"#;
    let text = plan(
        &[
            res("aws_iam_policy", "p", &format!(r#"{{"name": "p", "policy": "{policy}"}}"#)),
            res(
                "aws_iam_role",
                "r",
                &format!(r#"{{"name": "r", "assume_role_policy": "{trust}", "inline_policy": [{{"name": "i", "policy": "{policy}"}}]}}"#),
            ),
        ]
        .join(","),
        "",
        "",
        REGION,
    );
    let l = load_plan(&text, "plan.json", &Config::default());
    assert!(l.findings.is_empty(), "{:?}", l.findings);
    let kinds: Vec<(DocKind, Option<&str>)> = l
        .documents
        .iter()
        .map(|d| (d.kind, d.name.as_deref()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (DocKind::Identity, Some("aws_iam_policy.p")),
            (DocKind::Trust, Some("aws_iam_role.r")),
            (DocKind::Identity, Some("aws_iam_role.r policy i")),
        ]
    );
    let action = &l.documents[0].policy.statements[0]
        .action
        .as_ref()
        .unwrap()
        .items[0];
    assert_eq!(
        &text[action.span.start as usize..action.span.end as usize],
        r#"\"s3:ReplicateObjects\""#
    );
}

#[test]
fn broken_policy_string_is_a_parse_finding_in_its_resource() {
    let text = plan(
        &res(
            "aws_iam_policy",
            "p",
            r#"{"name": "p", "policy": "{\"Statement\": ["}"#,
        ),
        "",
        "",
        REGION,
    );
    let l = load_plan(&text, "plan.json", &Config::default());
    assert_eq!(l.findings.len(), 1);
    assert_eq!(l.findings[0].rule, "PARSE");
    assert_eq!(l.findings[0].resource.as_deref(), Some("aws_iam_policy.p"));
}

/// A policy known only after apply is said (UNPROVEN info naming the attribute and the resource), not
/// silently skipped (found on terraform-aws-s3-bucket's `complete` example).
#[test]
fn a_policy_known_only_after_apply_is_unproven_not_skipped() {
    let text = plan(
        &res("aws_s3_bucket_policy", "p", r#"{"bucket": "b"}"#),
        &change("aws_s3_bucket_policy.p", r#"{"policy": true}"#),
        "",
        REGION,
    );
    let l = load_plan(&text, "plan.json", &Config::default());
    assert_eq!(l.findings.len(), 1, "{:?}", l.findings);
    let f = &l.findings[0];
    assert_eq!(f.rule, "UNPROVEN");
    assert!(
        f.message
            .contains("`policy` of aws_s3_bucket_policy.p, known after apply"),
        "{}",
        f.message
    );
    assert_eq!(f.resource.as_deref(), Some("aws_s3_bucket_policy.p"));
}

/// Same account: the replication role's ARN and the bucket are unknown until apply; the configuration's
/// references link them, and an unknown bucket policy is a stand-in the engine cannot prove.
#[test]
fn unknown_references_become_the_model_identities() {
    let text = plan(
        &[
            res("aws_s3_bucket", "src", r#"{"bucket": "src-bucket"}"#),
            res("aws_iam_role", "repl", r#"{"name_prefix": "repl"}"#),
            res(
                "aws_s3_bucket_replication_configuration",
                "src",
                r#"{"rule": [{"id": "all", "status": "Enabled", "priority": 1, "filter": [{"prefix": ""}],
                    "destination": [{"storage_class": "STANDARD"}], "delete_marker_replication": [{"status": "Disabled"}]}]}"#,
            ),
            res("aws_s3_bucket", "dst", r#"{"bucket": "dst-bucket"}"#),
            res("aws_s3_bucket_versioning", "dst", r#"{"versioning_configuration": [{"status": "Enabled"}]}"#),
            res("aws_s3_bucket_policy", "dst", r#"{}"#),
        ]
        .join(","),
        &[
            change("aws_iam_role.repl", r#"{"arn": true, "name": true, "id": true}"#),
            change(
                "aws_s3_bucket_replication_configuration.src",
                r#"{"bucket": true, "role": true, "rule": [{"destination": [{"bucket": true}]}]}"#,
            ),
            change("aws_s3_bucket_versioning.dst", r#"{"bucket": true}"#),
            change("aws_s3_bucket_policy.dst", r#"{"bucket": true, "policy": true}"#),
        ]
        .join(","),
        &[
            conf(
                "aws_s3_bucket_replication_configuration",
                "src",
                "aws",
                r#"{"bucket": {"references": ["aws_s3_bucket.src.id", "aws_s3_bucket.src"]},
                    "role": {"references": ["aws_iam_role.repl.arn", "aws_iam_role.repl"]},
                    "rule": [{"destination": [{"bucket": {"references": ["aws_s3_bucket.dst.arn", "aws_s3_bucket.dst"]}}]}]}"#,
            ),
            conf("aws_s3_bucket_versioning", "dst", "aws", r#"{"bucket": {"references": ["aws_s3_bucket.dst.bucket", "aws_s3_bucket.dst"]}}"#),
            conf(
                "aws_s3_bucket_policy",
                "dst",
                "aws",
                r#"{"bucket": {"references": ["aws_s3_bucket.dst.id", "aws_s3_bucket.dst"]},
                    "policy": {"references": ["aws_iam_role.repl.arn", "aws_iam_role.repl"]}}"#,
            ),
        ]
        .join(","),
        REGION,
    );
    let l = load_plan(&text, "plan.json", &Config::default());
    let ts = stacks(&l);
    assert_eq!(ts.len(), 1);
    assert_eq!(ts[0].name, "plan");
    assert_eq!(ts[0].region.as_deref(), Some("eu-west-1"));
    let m = Model::build(&ts);
    let src = m.buckets.iter().find(|b| b.name == "src-bucket").unwrap();
    let rep = src
        .replication
        .as_ref()
        .expect("replication folded into the bucket");
    let role = rep.role.as_ref().unwrap();
    assert!(has_symbol(&role.value));
    assert_eq!(
        display(&role.value),
        "‹Arn of aws_iam_role.repl in stack plan›"
    );
    assert_eq!(
        rep.role_target,
        Some(0),
        "linked to the role by its identity"
    );
    let dst_rule = rep.rules[0].destination.as_ref().unwrap();
    assert_eq!(
        dst_rule.bucket.as_ref().unwrap().value,
        "arn:aws:s3:::dst-bucket"
    );
    let dst = m
        .buckets
        .iter()
        .position(|b| b.name == "dst-bucket")
        .unwrap();
    assert_eq!(dst_rule.bucket_target, Some(dst));
    assert_eq!(m.buckets[dst].versioning.as_ref().unwrap().value, "Enabled");
    // The bucket policy is unknown: a stand-in whose principal is the unknown itself.
    let doc = m.bucket_policy(dst).expect("stand-in policy");
    let st = &doc.policy.statements[0];
    let resource = &st.resource.as_ref().unwrap().items[0].value;
    assert_eq!(
        display(resource),
        "‹policy of aws_s3_bucket_policy.dst, known after apply (stack plan)›"
    );
    // No policy document is linted for an unknown policy.
    assert!(l.documents.is_empty());
}

#[test]
fn provider_aliases_are_stacks_of_their_own() {
    let providers = r#""aws": {"name": "aws", "expressions": {"region": {"constant_value": "eu-west-1"}}},
        "aws.dst": {"name": "aws", "alias": "dst", "expressions": {"region": {"constant_value": "us-east-1"},
          "assume_role": [{"role_arn": {"constant_value": "arn:aws:iam::222222222222:role/deploy"}}]}}"#;
    let text = plan(
        &[
            res("aws_s3_bucket", "a", r#"{"bucket": "a"}"#),
            res("aws_s3_bucket", "b", r#"{"bucket": "b"}"#),
        ]
        .join(","),
        "",
        &[
            conf("aws_s3_bucket", "a", "aws", "{}"),
            conf("aws_s3_bucket", "b", "aws.dst", "{}"),
        ]
        .join(","),
        providers,
    );
    let cfg = Config::parse(
        "[[stack]]\npath = \"plans/*.json\"\naccount = \"111111111111\"\n",
        std::path::PathBuf::from("/nonexistent-root"),
        None,
    )
    .unwrap();
    let l = load_plan(&text, "plans/main.json", &cfg);
    let ts = stacks(&l);
    assert_eq!(ts.len(), 2);
    assert_eq!(ts[0].account.as_deref(), Some("111111111111"));
    assert_eq!(ts[0].region.as_deref(), Some("eu-west-1"));
    assert_eq!(ts[1].name, "plans/main/aws.dst");
    assert_eq!(ts[1].account.as_deref(), Some("222222222222"));
    assert_eq!(ts[1].region.as_deref(), Some("us-east-1"));
    assert_eq!(ts[1].resources[0].logical_id, "aws_s3_bucket.b");
}

#[test]
fn security_groups_inline_standalone_and_self() {
    let text = plan(
        &[
            res(
                "aws_security_group",
                "web",
                r#"{"name": "web", "ingress": [{"cidr_blocks": ["0.0.0.0/0", "10.0.0.0/8"], "ipv6_cidr_blocks": [], "prefix_list_ids": [],
                    "security_groups": [], "self": true, "protocol": "tcp", "from_port": 443, "to_port": 443, "description": ""}], "egress": []}"#,
            ),
            res(
                "aws_security_group_rule",
                "ssh",
                r#"{"type": "ingress", "cidr_blocks": ["0.0.0.0/0"], "protocol": "tcp", "from_port": 22, "to_port": 22, "self": false}"#,
            ),
        ]
        .join(","),
        &[
            change("aws_security_group.web", r#"{"id": true}"#),
            change("aws_security_group_rule.ssh", r#"{"security_group_id": true}"#),
        ]
        .join(","),
        &conf(
            "aws_security_group_rule",
            "ssh",
            "aws",
            r#"{"security_group_id": {"references": ["aws_security_group.web.id", "aws_security_group.web"]}}"#,
        ),
        REGION,
    );
    let l = load_plan(&text, "plan.json", &Config::default());
    let m = Model::build(&stacks(&l));
    assert_eq!(m.security_groups.len(), 1);
    let ingress = m.ingress(0);
    // Two CIDRs and `self` inline, plus the standalone rule.
    assert_eq!(ingress.len(), 4, "{ingress:?}");
    assert_eq!(ingress[2].peer_group, Some(0), "self is the group itself");
    assert_eq!(ingress[3].from_port.as_ref().unwrap().value, 22);
    assert!(
        m.egress(0).is_empty(),
        "Terraform removes the default egress rule"
    );
}

#[test]
fn unsupported_format_is_a_parse_finding() {
    let text = r#"{"format_version": "2.0", "terraform_version": "2.0.0", "planned_values": {}}"#;
    let l = load_plan(text, "plan.json", &Config::default());
    assert_eq!(l.findings.len(), 1);
    assert_eq!(l.findings[0].rule, "PARSE");
}

/// Global Accelerator → endpoint group → ALB → security group, all created by the plan: every link is
/// an unknown id resolved through the configuration's references.
#[test]
fn accelerator_chain_links_through_references() {
    let text = plan(
        &[
            res("aws_globalaccelerator_accelerator", "ga", r#"{"name": "app", "enabled": true, "ip_address_type": "IPV4"}"#),
            res("aws_globalaccelerator_listener", "https", r#"{"protocol": "TCP", "client_affinity": "NONE", "port_range": [{"from_port": 443, "to_port": 443}]}"#),
            res(
                "aws_globalaccelerator_endpoint_group",
                "eu",
                r#"{"endpoint_group_region": "eu-west-1", "endpoint_configuration": [{"client_ip_preservation_enabled": true, "weight": 100}]}"#,
            ),
            res("aws_lb", "app", r#"{"name": "app", "internal": false, "load_balancer_type": "application", "ip_address_type": "ipv4"}"#),
            res(
                "aws_security_group",
                "alb",
                r#"{"name": "alb", "ingress": [{"cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_groups": [],
                    "self": false, "protocol": "tcp", "from_port": 443, "to_port": 443, "description": ""}], "egress": []}"#,
            ),
        ]
        .join(","),
        &[
            change("aws_globalaccelerator_accelerator.ga", r#"{"id": true, "arn": true}"#),
            change("aws_globalaccelerator_listener.https", r#"{"id": true, "accelerator_arn": true}"#),
            change(
                "aws_globalaccelerator_endpoint_group.eu",
                r#"{"id": true, "listener_arn": true, "endpoint_configuration": [{"endpoint_id": true}]}"#,
            ),
            change("aws_lb.app", r#"{"arn": true, "id": true, "security_groups": true, "subnets": true}"#),
            change("aws_security_group.alb", r#"{"id": true}"#),
        ]
        .join(","),
        &[
            conf(
                "aws_globalaccelerator_listener",
                "https",
                "aws",
                r#"{"accelerator_arn": {"references": ["aws_globalaccelerator_accelerator.ga.id", "aws_globalaccelerator_accelerator.ga"]}}"#,
            ),
            conf(
                "aws_globalaccelerator_endpoint_group",
                "eu",
                "aws",
                r#"{"listener_arn": {"references": ["aws_globalaccelerator_listener.https.id", "aws_globalaccelerator_listener.https"]},
                    "endpoint_configuration": [{"endpoint_id": {"references": ["aws_lb.app.arn", "aws_lb.app"]}}]}"#,
            ),
            conf(
                "aws_lb",
                "app",
                "aws",
                r#"{"security_groups": {"references": ["aws_security_group.alb.id", "aws_security_group.alb"]}}"#,
            ),
        ]
        .join(","),
        REGION,
    );
    let l = load_plan(&text, "plan.json", &Config::default());
    let m = Model::build(&stacks(&l));
    assert_eq!(m.ga_listeners[0].accelerator, Some(0));
    assert_eq!(m.endpoint_groups[0].listener, Some(0));
    assert_eq!(m.endpoint_groups[0].endpoints[0].load_balancer, Some(0));
    assert_eq!(m.load_balancers[0].sg_links, vec![Some(0)]);
    assert_eq!(
        m.load_balancers[0].scheme.as_ref().unwrap().value,
        "internet-facing"
    );
    assert_eq!(
        m.ingress(0)[0].cidr_ipv4.as_ref().unwrap().value,
        "0.0.0.0/0"
    );
}

/// `data.aws_iam_policy_document` read while planning lives in `prior_state`; its `json` is linted once:
/// not again when a resource carries the same text.
#[test]
fn policy_documents_of_data_sources_are_linted_once() {
    let used = r#"{\"Statement\":[{\"Action\":\"s3:GetObject\",\"Effect\":\"Allow\",\"Resource\":\"*\"}],\"Version\":\"2012-10-17\"}"#;
    let alone = r#"{\"Statement\":[{\"Action\":\"s3:GetObject\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Resource\":\"arn:aws:s3:::b/*\"}],\"Version\":\"2012-10-17\"}"#;
    let data = |name: &str, json: &str| {
        format!(
            r#"{{"address": "data.aws_iam_policy_document.{name}", "mode": "data", "type": "aws_iam_policy_document", "name": "{name}", "values": {{"json": "{json}"}}}}"#
        )
    };
    let text = format!(
        r#"{{"format_version": "1.2", "terraform_version": "1.9.5",
  "planned_values": {{"root_module": {{"resources": [{}]}}}},
  "prior_state": {{"format_version": "1.0", "terraform_version": "1.9.5", "values": {{"root_module": {{"resources": [{}, {}]}}}}}}}}"#,
        res(
            "aws_iam_policy",
            "p",
            &format!(r#"{{"name": "p", "policy": "{used}"}}"#)
        ),
        data("used", used),
        data("alone", alone)
    );
    let l = load_plan(&text, "plan.json", &Config::default());
    let docs: Vec<(DocKind, Option<&str>)> = l
        .documents
        .iter()
        .map(|d| (d.kind, d.name.as_deref()))
        .collect();
    assert_eq!(
        docs,
        vec![
            (DocKind::Identity, Some("aws_iam_policy.p")),
            (
                DocKind::Resource,
                Some("data.aws_iam_policy_document.alone")
            ),
        ]
    );
}

/// `aws_kms_key`/`aws_kms_alias` become the model's typed KMS fields straight from Terraform's attribute
/// names (no CloudFormation-shaped properties), with spans on the plan's values; an unknown attribute
/// stays unknown (absent, never a default), and the alias links to its key.
#[test]
fn kms_key_and_alias_are_typed_from_terraform_attributes() {
    let policy = r#"{\"Statement\":[{\"Action\":\"kms:*\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},\"Resource\":\"*\"}],\"Version\":\"2012-10-17\"}"#;
    let text = plan(
        &[
            res(
                "aws_kms_key",
                "k",
                &format!(
                    r#"{{"enable_key_rotation": true, "deletion_window_in_days": 7, "key_usage": "ENCRYPT_DECRYPT",
                        "customer_master_key_spec": "SYMMETRIC_DEFAULT", "multi_region": false, "policy": "{policy}"}}"#
                ),
            ),
            res("aws_kms_alias", "a", r#"{"name": "alias/data"}"#),
        ]
        .join(","),
        &[
            change("aws_kms_key.k", r#"{"is_enabled": true, "arn": true, "key_id": true}"#),
            change("aws_kms_alias.a", r#"{"target_key_id": true}"#),
        ]
        .join(","),
        &[
            conf("aws_kms_key", "k", "aws", r#"{"policy": {"constant_value": "x"}}"#),
            conf(
                "aws_kms_alias",
                "a",
                "aws",
                r#"{"target_key_id": {"references": ["aws_kms_key.k.key_id", "aws_kms_key.k"]}}"#,
            ),
        ]
        .join(","),
        REGION,
    );
    let l = load_plan(&text, "plan.json", &Config::default());
    let ts = stacks(&l);
    let key = ts[0]
        .resources
        .iter()
        .find(|r| r.logical_id == "aws_kms_key.k")
        .unwrap();
    assert!(
        matches!(key.body, Body::Typed(crate::model::input::Typed::Key(_))),
        "typed fields, no CloudFormation-shaped properties"
    );
    let m = Model::build(&ts);
    let k = &m.keys[0];
    assert_eq!(k.rotation.as_ref().map(|r| r.value), Some(true));
    assert_eq!(k.pending_window_days.as_ref().map(|d| d.value), Some(7));
    assert_eq!(k.spec_str(), "SYMMETRIC_DEFAULT");
    assert_eq!(k.multi_region.as_ref().map(|m| m.value), Some(false));
    assert!(
        k.enabled.is_none(),
        "unknown after apply: not read as a value"
    );
    let rot = k.rotation.as_ref().unwrap().span;
    assert_eq!(&text[rot.start as usize..rot.end as usize], "true");
    assert!(k.policy.is_some(), "the key policy document is kept");
    let a = &m.aliases[0];
    assert_eq!(a.name.as_ref().unwrap().value, "alias/data");
    assert_eq!(a.target, Some(0), "the alias links to its key");
}

/// The plan's known ARN and id are pinned on the resource they belong to (not on the attachment an
/// internet gateway also yields), and `depends_on` comes from the configuration.
#[test]
fn stacks_carry_pins_and_dependencies_from_the_plan() {
    let text = plan(
        &[
            res(
                "aws_iam_role",
                "r",
                r#"{"name": "r", "arn": "arn:aws:iam::111111111111:role/r"}"#,
            ),
            res(
                "aws_kms_key",
                "k",
                r#"{"key_id": "1234abcd", "arn": "not-an-arn"}"#,
            ),
            res(
                "aws_internet_gateway",
                "g",
                r#"{"id": "igw-1", "vpc_id": "vpc-1"}"#,
            ),
        ]
        .join(","),
        "",
        &conf(
            "aws_internet_gateway",
            "g",
            "aws",
            // No expressions; `depends_on` is a member of the configuration resource beside them.
            r#"{}, "depends_on": ["aws_iam_role.r"]"#,
        ),
        REGION,
    );
    let l = load_plan(&text, "plan.json", &Config::default());
    let ts = stacks(&l);
    // Logical id, pinned ARN, pinned id, dependencies.
    type Row<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Vec<&'a str>);
    let pins: Vec<Row> = ts[0]
        .resources
        .iter()
        .map(|r| {
            (
                r.logical_id.as_str(),
                r.pinned_arn.as_deref(),
                r.pinned_id.as_deref(),
                r.depends_on.iter().map(|d| d.value.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        pins,
        vec![
            (
                "aws_iam_role.r",
                Some("arn:aws:iam::111111111111:role/r"),
                None,
                vec![]
            ),
            ("aws_kms_key.k", None, Some("1234abcd"), vec![]),
            (
                "aws_internet_gateway.g",
                None,
                Some("igw-1"),
                vec!["aws_iam_role.r"]
            ),
            (
                "aws_internet_gateway.g#attachment",
                None,
                None,
                vec!["aws_iam_role.r"]
            ),
        ]
    );
}

mod typed;
