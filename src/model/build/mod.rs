//! `&[Stack]` → [`Model`]: typed resources of every template, indexed by identity, with references
//! between them linked across templates and accounts.
//!
//! Linking is by hash lookups (no all-pairs loops): each resource registers its identities (name, ARN,
//! generated symbols, pinned metadata) under its kind, and every reference is resolved through
//! [`Model::resolve`] — exact identity, then a symbol's label, then the kind's literal rules from
//! architecture.md "Linking literal identifiers" (pinned, else the only one of its type in that account and
//! region — an *assumed* link, listed by `--verbose`, else external).

mod index;
mod link;
mod query;
mod resolve;

use super::account::{account_key, Account};
use super::ec2::{
    self, Direction, GatewayAttachment, InternetGateway, SecurityGroup, SgLookup, StandaloneRule,
    Subnet, Vpc,
};
use super::elb::{self, ElbListener, LoadBalancer, TargetGroup};
use super::ga::{self, Accelerator, EndpointGroup, GaListener};
use super::iam::{self, IamPolicy, IamPolicyKind, Role};
use super::input::{Body, Stack, Typed};
use super::kms::{self, Alias, Key};
use super::origin::Origin;
use super::s3::{self, Bucket, BucketPolicy};
use super::stacks::StackInfo;
use crate::source::{FileId, Span};
use index::Index;

/// The kinds of typed resources (and the index namespaces).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Bucket,
    BucketPolicy,
    Role,
    IamPolicy,
    Key,
    Alias,
    Accelerator,
    GaListener,
    EndpointGroup,
    LoadBalancer,
    ElbListener,
    TargetGroup,
    SecurityGroup,
    SgRule,
    Vpc,
    Subnet,
    InternetGateway,
    GatewayAttachment,
    Opaque,
}

/// A resource of a type the model does not type (kept so references to it are not "unknown").
#[derive(Debug, Clone)]
pub struct Opaque {
    pub origin: Origin,
}

/// A literal linked to a resource only because it is the only one of its type in that account and
/// region (architecture.md, "Linking literal identifiers", step 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssumedLink {
    pub file: FileId,
    pub span: Span,
    pub literal: String,
    pub kind: Kind,
    /// `stack/LogicalId` of the resource assumed.
    pub target: String,
}

#[derive(Debug, Default)]
pub struct Model {
    pub accounts: Vec<Account>,
    pub buckets: Vec<Bucket>,
    pub bucket_policies: Vec<BucketPolicy>,
    pub roles: Vec<Role>,
    pub iam_policies: Vec<IamPolicy>,
    pub keys: Vec<Key>,
    pub aliases: Vec<Alias>,
    pub accelerators: Vec<Accelerator>,
    pub ga_listeners: Vec<GaListener>,
    pub endpoint_groups: Vec<EndpointGroup>,
    pub load_balancers: Vec<LoadBalancer>,
    pub elb_listeners: Vec<ElbListener>,
    pub target_groups: Vec<TargetGroup>,
    pub security_groups: Vec<SecurityGroup>,
    /// `AWS::EC2::Instance` (security groups only); each is also in `opaque`, which `Ref`s resolve to.
    pub instances: Vec<super::ec2::Instance>,
    /// Standalone `AWS::EC2::SecurityGroupIngress` / `SecurityGroupEgress`.
    pub sg_rules: Vec<StandaloneRule>,
    pub vpcs: Vec<Vpc>,
    pub subnets: Vec<Subnet>,
    pub internet_gateways: Vec<InternetGateway>,
    pub gateway_attachments: Vec<GatewayAttachment>,
    pub opaque: Vec<Opaque>,
    /// Custom resources that look a security group up at deploy time (CDK's `GlobalAccelerator` group
    /// lookup); each is also in `opaque`.
    pub sg_lookups: Vec<SgLookup>,
    /// `AWS::Organizations::Policy` (SCPs, RCPs); each is also in `opaque`.
    pub org_policies: Vec<super::org::OrgPolicy>,
    /// Links made by assumption, in discovery order (for `--verbose`).
    pub assumed_links: Vec<AssumedLink>,
    /// Every stack's parameters and declared resources with their dependencies, in input order.
    pub stacks: Vec<StackInfo>,
    index: Index,
}

#[expect(
    clippy::indexing_slicing,
    reason = "arena indices: every usize indexing a vector here was handed out by this model (a \
              position in its own vectors, recorded when the resource was added), never read from input"
)]
impl Model {
    /// Build the model of a set of stacks. Stack order does not change the result except for the order
    /// of the vectors (callers pass stacks sorted by path).
    pub fn build(stacks: &[Stack]) -> Model {
        let mut m = Model::default();
        for t in stacks {
            m.add_account(t);
            m.index
                .stacks
                .entry(t.key.clone())
                .or_insert(m.stacks.len());
            m.stacks.push(StackInfo::new(t));
            for r in &t.resources {
                if r.condition
                    .as_ref()
                    .is_some_and(|(_, holds)| *holds == Some(false))
                {
                    continue;
                }
                let o = Origin::new(t, r);
                m.add_resource(o, &r.body);
            }
        }
        m.link();
        m
    }

    fn add_account(&mut self, t: &Stack) {
        let key = account_key(t);
        let i = *self.index.accounts.entry(key.clone()).or_insert_with(|| {
            self.accounts.push(Account {
                key: key.clone(),
                defined: true,
                regions: Default::default(),
                stacks: Vec::new(),
            });
            self.accounts.len() - 1
        });
        let a = &mut self.accounts[i];
        if let Some(r) = &t.region {
            a.regions.insert(r.clone());
        }
        a.stacks.push(t.name.clone());
    }

    fn add_resource(&mut self, o: Origin, body: &Body) {
        let ix = &mut self.index;
        macro_rules! push {
            ($vec:expr, $kind:expr, $val:expr, |$v:ident| $ids:expr) => {{
                let i = $vec.len();
                let $v = $val;
                ix.add($kind, &$v.origin, i);
                if let Some(a) = &$v.origin.pinned_arn {
                    ix.add_id($kind, a.clone(), i);
                }
                if let Some(a) = &$v.origin.pinned_id {
                    ix.add_id($kind, a.clone(), i);
                }
                for id in $ids {
                    ix.add_id($kind, id, i);
                }
                $vec.push($v);
            }};
        }
        let p = match body {
            Body::Typed(Typed::Key(f)) => {
                push!(self.keys, Kind::Key, kms::key(o, f.clone()), |k| [
                    k.arn.clone(),
                    k.key_id.clone(),
                    k.origin.generated("Arn")
                ]);
                return;
            }
            Body::Typed(Typed::Alias(f)) => {
                push!(self.aliases, Kind::Alias, kms::alias(o, f.clone()), |a| a
                    .arn
                    .clone()
                    .into_iter()
                    .chain(a.name.as_ref().map(|n| format!(
                        "name:{}:{}:{}",
                        a.origin.account,
                        a.origin.region_key(),
                        n.value
                    ))));
                return;
            }
            Body::Typed(Typed::Bucket(f)) => {
                push!(
                    self.buckets,
                    Kind::Bucket,
                    s3::bucket(o, (**f).clone()),
                    |b| [b.name.clone(), b.arn.clone()]
                );
                return;
            }
            Body::Typed(Typed::Role(f)) => {
                push!(self.roles, Kind::Role, iam::role(o, f.clone()), |r| [
                    r.arn.clone(),
                    r.origin.generated("Arn"),
                    format!("name:{}:{}", r.origin.account, r.name)
                ]);
                return;
            }
            Body::Typed(Typed::IamPolicy(f)) => {
                let kind = match o.type_name.as_str() {
                    "AWS::IAM::Policy" => IamPolicyKind::Policy,
                    "AWS::IAM::ManagedPolicy" => IamPolicyKind::Managed,
                    _ => IamPolicyKind::RolePolicy,
                };
                push!(
                    self.iam_policies,
                    Kind::IamPolicy,
                    iam::iam_policy(o, kind, f.clone()),
                    |x| x
                        .arn
                        .clone()
                        .into_iter()
                        .chain([x.origin.generated("PolicyArn")])
                );
                return;
            }
            Body::Typed(Typed::Accelerator(f)) => {
                push!(
                    self.accelerators,
                    Kind::Accelerator,
                    ga::accelerator(o, f.clone()),
                    |a| [a.arn.clone()]
                );
                return;
            }
            Body::Typed(Typed::GaListener(f)) => {
                push!(
                    self.ga_listeners,
                    Kind::GaListener,
                    ga::listener(o, f.clone()),
                    |l| [l.arn.clone()]
                );
                return;
            }
            Body::Typed(Typed::EndpointGroup(f)) => {
                push!(
                    self.endpoint_groups,
                    Kind::EndpointGroup,
                    ga::endpoint_group(o, (**f).clone()),
                    |e| [e.arn.clone()]
                );
                return;
            }
            Body::Typed(Typed::LoadBalancer(f)) => {
                push!(
                    self.load_balancers,
                    Kind::LoadBalancer,
                    elb::load_balancer(o, f.clone()),
                    |l| [l.arn.clone()]
                );
                return;
            }
            Body::Typed(Typed::ElbListener(f)) => {
                push!(
                    self.elb_listeners,
                    Kind::ElbListener,
                    elb::listener(o, f.clone()),
                    |l| [l.arn.clone()]
                );
                return;
            }
            Body::Typed(Typed::TargetGroup(f)) => {
                push!(
                    self.target_groups,
                    Kind::TargetGroup,
                    elb::target_group(o, f.clone()),
                    |t| [t.arn.clone()]
                );
                return;
            }
            Body::Typed(Typed::SecurityGroup(f)) => {
                push!(
                    self.security_groups,
                    Kind::SecurityGroup,
                    ec2::security_group(o, f.clone()),
                    |s| [s.group_id.clone()]
                );
                return;
            }
            Body::Typed(Typed::SgRule(f)) => {
                let dir = if o.type_name.ends_with("Ingress") {
                    Direction::Ingress
                } else {
                    Direction::Egress
                };
                let i = self.sg_rules.len();
                ix.add(Kind::SgRule, &o, i);
                self.sg_rules
                    .push(ec2::standalone_rule(o, dir, (**f).clone()));
                return;
            }
            Body::Typed(Typed::Vpc(f)) => {
                push!(self.vpcs, Kind::Vpc, ec2::vpc(o, f.clone()), |v| [v
                    .vpc_id
                    .clone()]);
                return;
            }
            Body::Typed(Typed::Subnet(f)) => {
                push!(self.subnets, Kind::Subnet, ec2::subnet(o, f.clone()), |s| [
                    s.subnet_id.clone()
                ]);
                return;
            }
            Body::Typed(Typed::InternetGateway) => {
                push!(
                    self.internet_gateways,
                    Kind::InternetGateway,
                    ec2::internet_gateway(o),
                    |g| [g.igw_id.clone()]
                );
                return;
            }
            Body::Typed(Typed::GatewayAttachment(f)) => {
                push!(
                    self.gateway_attachments,
                    Kind::GatewayAttachment,
                    ec2::gateway_attachment(o, f.clone()),
                    |_g| Vec::<String>::new()
                );
                return;
            }
            Body::Typed(Typed::BucketPolicy(f)) => {
                push!(
                    self.bucket_policies,
                    Kind::BucketPolicy,
                    s3::bucket_policy(o, f.clone()),
                    |_b| Vec::<String>::new()
                );
                return;
            }
            Body::Properties(p) => p.as_ref(),
        };
        // Not typed: custom resources (the CDK security-group lookup), instances, organization
        // policies, and everything the model keeps opaque.
        if o.type_name.starts_with("Custom::")
            || o.type_name == "AWS::CloudFormation::CustomResource"
        {
            if let Some(l) = ec2::sg_lookup(&o, p) {
                self.sg_lookups.push(l);
            }
        }
        if o.type_name == "AWS::EC2::Instance" {
            self.instances.push(ec2::instance(o.clone(), p));
        }
        if o.type_name == "AWS::Organizations::Policy" {
            self.org_policies.push(super::org::org_policy(o.clone(), p));
        }
        push!(self.opaque, Kind::Opaque, Opaque { origin: o }, |x| [x
            .origin
            .generated("Ref")])
    }
}
