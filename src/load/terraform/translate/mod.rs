//! Terraform resources → the model's input ([`Stack`], `src/model/input.rs`): per provider configuration
//! one stack, per resource its CloudFormation type name (the model's type vocabulary) and the model's
//! typed fields read from Terraform's own attribute names, with spans pointing at the attribute in the
//! plan, so every model/graph rule runs unchanged on Terraform input.
//!
//! * A known value is the plan's own node (its span is the attribute in `planned_values`).
//! * An unknown value (`after_unknown: true`) becomes a symbol. When the configuration says which
//!   resource attribute it comes from (`expressions.<attr>.references`), the symbol is that resource's
//!   identity as the model registers it — `‹Arn of aws_iam_role.replication in stack source›`, the same
//!   label a CloudFormation `GetAtt` would get, with the Terraform address as the logical id — so the
//!   model links it exactly; otherwise a symbol of its own (never faked).
//! * Satellite resources (`aws_s3_bucket_versioning`, `…_replication_configuration`,
//!   `aws_iam_role_policy_attachment`, …) are folded into their bucket/role, linked by the `bucket`/`role`
//!   attribute (known name, else the reference), through hash indices.
//!
//! * Every family the model reads is built from Terraform's own attribute names: KMS ([`kms`]), S3
//!   ([`s3`]), IAM ([`iam`]), Global Accelerator ([`ga`]), ELB ([`elb`]) and EC2 networking
//!   ([`network`]) each fill the model's typed fields (`model::kms::KeyFields`,
//!   `model::s3::BucketFields`, `model::iam::RoleFields`, …), as the CloudFormation loader does from
//!   CloudFormation properties.
//!
//! Layout: [`node`] builds spanned nodes, [`cursor`] walks a resource, [`context`] reads values and
//! identities, [`satellites`] indexes the resources folded into others; one module per resource family
//! ([`s3`], [`iam`], [`kms`], [`network`], [`elb`], [`ga`]); this module dispatches by type and
//! assembles the stacks.

mod context;
mod cursor;
mod elb;
mod ga;
mod iam;
mod kms;
mod network;
mod node;
mod s3;
mod satellites;

use super::binding::Bindings;
use super::plan::{Plan, PlanResource};
use super::policies::Parsed;
use crate::model::input::{Body, Resource, Stack, Typed};
use crate::source::SourceFile;
use context::Tr;
use std::collections::HashMap;

// ------------------------------------------------------------------ driver

/// The physical ARN and id the plan already knows, pinned on the resource so literal references from
/// other files link exactly (architecture.md, "Linking literal identifiers", step 1).
fn pins(r: &PlanResource) -> (Option<String>, Option<String>) {
    let arn = r.str("arn").filter(|a| a.starts_with("arn:"));
    let id_attr = match r.type_name {
        "aws_security_group" | "aws_vpc" | "aws_subnet" | "aws_internet_gateway" => Some("id"),
        "aws_kms_key" => Some("key_id"),
        _ => None,
    };
    let id = id_attr.and_then(|k| r.str(k));
    (arn.map(str::to_string), id.map(str::to_string))
}

/// Translate the plan's resources into one stack per provider configuration (the default provider's
/// always, even when empty; an alias's when it holds resources).
#[expect(
    clippy::indexing_slicing,
    reason = "resource and target indices are positions in the plan and in `bindings.targets`, which `per_stack` mirrors"
)]
pub fn stacks(
    plan: &Plan,
    bindings: &Bindings,
    src: &SourceFile,
    parsed: &mut Parsed,
) -> Vec<Stack> {
    let mut bucket_names = HashMap::new();
    let mut role_names = HashMap::new();
    let mut sg_ids = HashMap::new();
    for (i, r) in plan.resources.iter().enumerate() {
        let index = match r.type_name {
            "aws_s3_bucket" if !r.data => &mut bucket_names,
            "aws_iam_role" if !r.data => &mut role_names,
            "aws_security_group" if !r.data => &mut sg_ids,
            _ => continue,
        };
        for k in ["bucket", "name", "id"] {
            if let Some(v) = r.str(k) {
                index.entry(v).or_insert(i);
            }
        }
    }
    let mut t = Tr {
        plan,
        bindings,
        src,
        parsed,
        bucket_names,
        role_names,
        sg_ids,
    };
    let folded = satellites::fold(&t);
    let mut per_stack: Vec<Vec<Resource>> = vec![Vec::new(); bindings.targets.len()];
    for i in 0..plan.resources.len() {
        let r = t.res(i);
        let Some(ti) = bindings.of_resource[i] else {
            continue;
        };
        if r.data {
            continue;
        }
        let typed = |ty: &'static str, f: Typed| vec![(ty, f)];
        let out: Vec<(&'static str, Typed)> = match r.type_name {
            "aws_s3_bucket" => typed(
                "AWS::S3::Bucket",
                Typed::Bucket(Box::new(s3::bucket(&t, i, &folded))),
            ),
            "aws_s3_bucket_policy" => typed(
                "AWS::S3::BucketPolicy",
                Typed::BucketPolicy(s3::bucket_policy(&mut t, i)),
            ),
            "aws_iam_role" => typed("AWS::IAM::Role", Typed::Role(iam::role(&mut t, i, &folded))),
            "aws_iam_role_policy" => typed(
                "AWS::IAM::RolePolicy",
                Typed::IamPolicy(iam::iam_policy(&mut t, i)),
            ),
            "aws_iam_policy" => typed(
                "AWS::IAM::ManagedPolicy",
                Typed::IamPolicy(iam::iam_policy(&mut t, i)),
            ),
            "aws_iam_user_policy" | "aws_iam_group_policy" => typed(
                "AWS::IAM::Policy",
                Typed::IamPolicy(iam::iam_policy(&mut t, i)),
            ),
            "aws_kms_key" => typed("AWS::KMS::Key", Typed::Key(kms::kms_key(&mut t, i))),
            "aws_kms_alias" => typed("AWS::KMS::Alias", Typed::Alias(kms::alias(&t, i))),
            "aws_security_group" => typed(
                "AWS::EC2::SecurityGroup",
                Typed::SecurityGroup(network::security_group(&t, i, &folded)),
            ),
            "aws_security_group_rule" => network::standalone_rules(&t, i),
            "aws_vpc_security_group_ingress_rule" | "aws_vpc_security_group_egress_rule" => {
                vec![network::vpc_rule(&t, i)]
            }
            "aws_vpc" => typed("AWS::EC2::VPC", Typed::Vpc(network::vpc(&t, i))),
            "aws_subnet" => typed("AWS::EC2::Subnet", Typed::Subnet(network::subnet(&t, i))),
            "aws_internet_gateway" => network::internet_gateway(&t, i),
            "aws_internet_gateway_attachment" => typed(
                "AWS::EC2::VPCGatewayAttachment",
                Typed::GatewayAttachment(network::gateway_attachment(&t, i)),
            ),
            "aws_lb" | "aws_alb" => typed(
                "AWS::ElasticLoadBalancingV2::LoadBalancer",
                Typed::LoadBalancer(elb::load_balancer(&t, i)),
            ),
            "aws_lb_listener" | "aws_alb_listener" => typed(
                "AWS::ElasticLoadBalancingV2::Listener",
                Typed::ElbListener(elb::lb_listener(&t, i)),
            ),
            "aws_lb_target_group" | "aws_alb_target_group" => typed(
                "AWS::ElasticLoadBalancingV2::TargetGroup",
                Typed::TargetGroup(elb::target_group(&t, i)),
            ),
            "aws_globalaccelerator_accelerator" => typed(
                "AWS::GlobalAccelerator::Accelerator",
                Typed::Accelerator(ga::accelerator(&t, i)),
            ),
            "aws_globalaccelerator_listener" => typed(
                "AWS::GlobalAccelerator::Listener",
                Typed::GaListener(ga::ga_listener(&t, i)),
            ),
            "aws_globalaccelerator_endpoint_group" => typed(
                "AWS::GlobalAccelerator::EndpointGroup",
                Typed::EndpointGroup(Box::new(ga::endpoint_group(&t, i))),
            ),
            _ => Vec::new(),
        };
        let many = out.len() > 1;
        let (pinned_arn, pinned_id) = pins(r);
        for (n, (ty, typed)) in out.into_iter().enumerate() {
            let logical_id = if n == 0 {
                r.address.to_string()
            } else if many && ty == "AWS::EC2::VPCGatewayAttachment" {
                format!("{}#attachment", r.address)
            } else {
                format!("{}#{}", r.address, n + 1)
            };
            let first = n == 0;
            per_stack[ti].push(Resource {
                logical_id,
                logical_id_span: r.address_span,
                type_name: ty.to_string(),
                span: r.node.span,
                condition: None,
                body: Body::Typed(typed),
                depends_on: plan.depends_on(i),
                refers_to: None,
                pinned_arn: pinned_arn.clone().filter(|_| first),
                pinned_id: pinned_id.clone().filter(|_| first),
            });
        }
    }
    bindings
        .targets
        .iter()
        .zip(per_stack)
        .enumerate()
        .filter(|(i, (_, res))| *i == 0 || !res.is_empty())
        .map(|(_, (target, resources))| Stack {
            file: src.id,
            name: target.stack.clone(),
            key: target.stack.clone(),
            account: target.binding.account.clone(),
            region: target.binding.region.clone(),
            partition: target.binding.partition.clone(),
            parameters: Vec::new(),
            resources,
            output_refs: None,
        })
        .collect()
}
