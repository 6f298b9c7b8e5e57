//! What a frontend hands the model: stacks of resources, each with its identity, its account/region
//! binding, its parameters and, per resource, its properties (values the frontend could not know are
//! symbols, [`super::symbolic`]), its condition and its dependencies. The model reads nothing else, so it
//! knows no loader: CloudFormation templates and Terraform plans are converted to this by `load`.

use super::ec2::{
    GatewayAttachmentFields, SecurityGroupFields, StandaloneRuleFields, SubnetFields, VpcFields,
};
use super::elb::{ElbListenerFields, LoadBalancerFields, TargetGroupFields};
use super::ga::{AcceleratorFields, EndpointGroupFields, GaListenerFields};
use super::iam::{IamPolicyFields, RoleFields};
use super::kms::{AliasFields, KeyFields};
use super::s3::{BucketFields, BucketPolicyFields};
use crate::source::{FileId, Node, Span, Spanned};

/// One deployment unit: a CloudFormation stack, or the resources of a Terraform plan bound to one
/// provider configuration.
#[derive(Debug, Clone)]
pub struct Stack {
    pub file: FileId,
    /// The stack name shown to people.
    pub name: String,
    /// The stack's identity, unique per template even when two share a name.
    pub key: String,
    /// 12-digit account id; `None` = an unknown account of this stack's own.
    pub account: Option<String>,
    pub region: Option<String>,
    /// `aws`, `aws-cn`, `aws-us-gov`.
    pub partition: String,
    /// Declared parameters (CloudFormation `Parameters`), in source order.
    pub parameters: Vec<Parameter>,
    pub resources: Vec<Resource>,
    /// Logical ids the stack's outputs refer to as written (`Ref`, `Fn::GetAtt`, `${…}`); `None` when
    /// the frontend cannot tell.
    pub output_refs: Option<Vec<String>>,
}

/// A declared stack parameter (what a rule may read of it: its type and description).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter {
    pub name: String,
    pub type_name: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Resource {
    pub logical_id: String,
    pub logical_id_span: Span,
    /// `AWS::S3::Bucket`, `Custom::Thing`, … (the model's type vocabulary).
    pub type_name: String,
    /// The whole resource definition.
    pub span: Span,
    /// The resource's condition, if any: its name and whether it is known to hold (`None`: undecided).
    /// A resource whose condition is known not to hold is not deployed and gets no typed resource.
    pub condition: Option<(String, Option<bool>)>,
    /// What the resource says: typed fields, or its property tree.
    pub body: Body,
    /// Explicit dependencies (`DependsOn`; Terraform `depends_on`), as logical ids, with their spans.
    pub depends_on: Vec<Spanned<String>>,
    /// Logical ids this resource's properties refer to as written (implicit dependencies); `None` when
    /// the frontend cannot tell.
    pub refers_to: Option<Vec<String>>,
    /// The physical ARN the user pinned (`Metadata.trustlint.arn`; a Terraform plan's known `arn`).
    pub pinned_arn: Option<String>,
    /// The physical id the user pinned (`Metadata.trustlint.id`: `sg-…`, a key id, …).
    pub pinned_id: Option<String>,
}

/// A resource's content. The model is moving from reading CloudFormation property names to typed
/// fields each frontend fills from its own names, one resource family at a time: the family's
/// `…Fields` struct lives in its model module (`kms::KeyFields`), `load::cfn::typed` reads it from
/// CloudFormation properties (larger families in `load::cfn::fields`), and the Terraform translation
/// reads it from the provider's attributes (`translate/kms.rs`). Families not yet typed hand over their CloudFormation-shaped property tree;
/// when none is left, `Properties` holds only what the model keeps opaque (custom resources).
#[derive(Debug, Clone)]
pub enum Body {
    /// Property tree (values not known statically are symbols).
    Properties(Option<Node>),
    Typed(Typed),
}

/// The resource families the model takes as typed fields.
#[derive(Debug, Clone)]
pub enum Typed {
    Key(KeyFields),
    Alias(AliasFields),
    /// Boxed: far larger than the other families.
    Bucket(Box<BucketFields>),
    BucketPolicy(BucketPolicyFields),
    // IAM, Global Accelerator, ELB and EC2 networking (one block, per family).
    Role(RoleFields),
    /// `AWS::IAM::Policy`, `ManagedPolicy` and `RolePolicy` (the kind is the resource type).
    IamPolicy(IamPolicyFields),
    Accelerator(AcceleratorFields),
    GaListener(GaListenerFields),
    /// Boxed: the largest of the fields by far.
    EndpointGroup(Box<EndpointGroupFields>),
    LoadBalancer(LoadBalancerFields),
    ElbListener(ElbListenerFields),
    TargetGroup(TargetGroupFields),
    SecurityGroup(SecurityGroupFields),
    /// `AWS::EC2::SecurityGroupIngress` / `SecurityGroupEgress` (the direction is the resource type);
    /// boxed, as large as the endpoint group's.
    SgRule(Box<StandaloneRuleFields>),
    Vpc(VpcFields),
    Subnet(SubnetFields),
    /// Nothing the model reads besides its identity.
    InternetGateway,
    GatewayAttachment(GatewayAttachmentFields),
}
