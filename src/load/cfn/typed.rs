//! The CloudFormation properties of the resource families the model takes as typed fields
//! ([`crate::model::input::Typed`]): CloudFormation's names are read here, not in the model.

use super::fields;
use crate::model::ec2::Direction;
use crate::model::input::Typed;
use crate::model::kms::{AliasFields, KeyFields};
use crate::model::props::{boolean, integer, string};
use crate::source::Node;

/// The typed fields of a resource of a typed family, from its resolved `Properties`.
pub fn typed(type_name: &str, p: Option<&Node>) -> Option<Typed> {
    match type_name {
        "AWS::KMS::Key" => Some(Typed::Key(KeyFields {
            spec: string(p, "KeySpec"),
            usage: string(p, "KeyUsage"),
            multi_region: boolean(p, "MultiRegion"),
            enabled: boolean(p, "Enabled"),
            rotation: boolean(p, "EnableKeyRotation"),
            pending_window_days: integer(p, "PendingWindowInDays"),
            policy: p.and_then(|p| p.get("KeyPolicy")).cloned(),
        })),
        "AWS::KMS::Alias" => Some(Typed::Alias(AliasFields {
            name: string(p, "AliasName"),
            target_key_id: string(p, "TargetKeyId"),
        })),
        "AWS::S3::Bucket" => Some(Typed::Bucket(Box::new(fields::s3::bucket(p)))),
        "AWS::S3::BucketPolicy" => Some(Typed::BucketPolicy(fields::s3::bucket_policy(p))),
        // IAM, Global Accelerator, ELB and EC2 networking: read in `fields`, one module per family.
        "AWS::IAM::Role" => Some(Typed::Role(fields::iam::role(p))),
        "AWS::IAM::Policy" | "AWS::IAM::ManagedPolicy" | "AWS::IAM::RolePolicy" => {
            Some(Typed::IamPolicy(fields::iam::iam_policy(type_name, p)))
        }
        "AWS::GlobalAccelerator::Accelerator" => {
            Some(Typed::Accelerator(fields::ga::accelerator(p)))
        }
        "AWS::GlobalAccelerator::Listener" => Some(Typed::GaListener(fields::ga::listener(p))),
        "AWS::GlobalAccelerator::EndpointGroup" => Some(Typed::EndpointGroup(Box::new(
            fields::ga::endpoint_group(p),
        ))),
        "AWS::ElasticLoadBalancingV2::LoadBalancer" => {
            Some(Typed::LoadBalancer(fields::elb::load_balancer(p)))
        }
        "AWS::ElasticLoadBalancingV2::Listener" => {
            Some(Typed::ElbListener(fields::elb::listener(p)))
        }
        "AWS::ElasticLoadBalancingV2::TargetGroup" => {
            Some(Typed::TargetGroup(fields::elb::target_group(p)))
        }
        "AWS::EC2::SecurityGroup" => Some(Typed::SecurityGroup(fields::ec2::security_group(p))),
        "AWS::EC2::SecurityGroupIngress" => Some(Typed::SgRule(Box::new(
            fields::ec2::standalone_rule(Direction::Ingress, p),
        ))),
        "AWS::EC2::SecurityGroupEgress" => Some(Typed::SgRule(Box::new(
            fields::ec2::standalone_rule(Direction::Egress, p),
        ))),
        "AWS::EC2::VPC" => Some(Typed::Vpc(fields::ec2::vpc(p))),
        "AWS::EC2::Subnet" => Some(Typed::Subnet(fields::ec2::subnet(p))),
        "AWS::EC2::InternetGateway" => Some(Typed::InternetGateway),
        "AWS::EC2::VPCGatewayAttachment" => {
            Some(Typed::GatewayAttachment(fields::ec2::gateway_attachment(p)))
        }
        _ => None,
    }
}
