//! `&[Template]` → [`Model`]: typed resources of every template, indexed by identity, with references
//! between them linked across templates and accounts.
//!
//! Linking is by hash lookups (no all-pairs loops): each resource registers its identities (name, ARN,
//! generated symbols, pinned metadata) under its kind, and every reference is resolved through
//! [`Model::resolve`] — exact identity, then a symbol's label, then the kind's literal rules from
//! architecture.md "Linking literal identifiers" (pinned, else the only one of its type in that account and
//! region — an *assumed* link, listed by `--verbose`, else external).

use super::account::{account_key, Account};
use super::arn::{is_account_id, s3_bucket_of, Arn};
use super::document::PolicyDoc;
use super::ec2::{
    self, Direction, GatewayAttachment, InternetGateway, SecurityGroup, SgLookup, SgRule,
    StandaloneRule, Subnet, Vpc,
};
use super::elb::{self, ElbListener, LoadBalancer, TargetGroup};
use super::ga::{self, Accelerator, EndpointGroup, GaListener};
use super::iam::{self, IamPolicy, IamPolicyKind, Role};
use super::ident::{generated_refs, How};
use super::kms::{self, Alias, Key};
use super::origin::Origin;
use super::s3::{self, Bucket, BucketPolicy};
use super::symbolic::has_symbol;
use crate::load::cfn::Template;
use crate::source::{FileId, Span};
use std::collections::HashMap;

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
    index: Index,
}

#[derive(Debug, Default)]
struct Index {
    /// (kind, identity) → index.
    ids: HashMap<(Kind, String), usize>,
    /// (kind, stack key, logical id) → index.
    logical: HashMap<(Kind, String, String), usize>,
    /// (kind, account, region) → indices (for the "only one of its type" rule).
    place: HashMap<(Kind, String, String), Vec<usize>>,
    /// Account key → index into `accounts`.
    accounts: HashMap<String, usize>,
    /// Reverse links: accelerator → GA listeners, GA listener → endpoint groups, LB → ELB listeners.
    acc_listeners: HashMap<usize, Vec<usize>>,
    listener_groups: HashMap<usize, Vec<usize>>,
    lb_listeners: HashMap<usize, Vec<usize>>,
}

impl Index {
    fn add_id(&mut self, kind: Kind, id: impl Into<String>, i: usize) {
        self.ids.entry((kind, id.into())).or_insert(i);
    }
    fn add(&mut self, kind: Kind, o: &Origin, i: usize) {
        self.logical
            .entry((kind, o.stack_key.clone(), o.logical_id.clone()))
            .or_insert(i);
        self.place
            .entry((kind, o.account.clone(), o.region_key()))
            .or_default()
            .push(i);
    }
}

#[expect(
    clippy::indexing_slicing,
    reason = "arena indices: every usize indexing a vector here was handed out by this model (a \
              position in its own vectors, recorded when the resource was added), never read from input"
)]
impl Model {
    /// Build the model of a set of templates. Template order does not change the result except for the
    /// order of the vectors (callers pass templates sorted by path).
    pub fn build(templates: &[Template]) -> Model {
        let mut m = Model::default();
        for t in templates {
            m.add_account(t);
            for r in &t.resources {
                if r.condition
                    .as_ref()
                    .is_some_and(|(_, holds)| *holds == Some(false))
                {
                    continue;
                }
                let o = Origin::new(t, r);
                m.add_resource(o, r.properties.as_ref());
            }
        }
        m.link();
        m
    }

    fn add_account(&mut self, t: &Template) {
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
        if let Some(r) = &t.binding.region {
            a.regions.insert(r.clone());
        }
        a.stacks.push(t.stack.clone());
    }

    fn add_resource(&mut self, o: Origin, p: Option<&crate::source::Node>) {
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
        match o.type_name.as_str() {
            "AWS::S3::Bucket" => push!(self.buckets, Kind::Bucket, s3::bucket(o, p), |b| [
                b.name.clone(),
                b.arn.clone()
            ]),
            "AWS::S3::BucketPolicy" => {
                push!(
                    self.bucket_policies,
                    Kind::BucketPolicy,
                    s3::bucket_policy(o, p),
                    |_b| Vec::<String>::new()
                )
            }
            "AWS::IAM::Role" => push!(self.roles, Kind::Role, iam::role(o, p), |r| [
                r.arn.clone(),
                r.origin.generated("Arn"),
                format!("name:{}:{}", r.origin.account, r.name)
            ]),
            "AWS::IAM::Policy" | "AWS::IAM::ManagedPolicy" | "AWS::IAM::RolePolicy" => {
                let kind = match o.type_name.as_str() {
                    "AWS::IAM::Policy" => IamPolicyKind::Policy,
                    "AWS::IAM::ManagedPolicy" => IamPolicyKind::Managed,
                    _ => IamPolicyKind::RolePolicy,
                };
                push!(
                    self.iam_policies,
                    Kind::IamPolicy,
                    iam::iam_policy(o, kind, p),
                    |x| x
                        .arn
                        .clone()
                        .into_iter()
                        .chain([x.origin.generated("PolicyArn")])
                )
            }
            "AWS::KMS::Key" => push!(self.keys, Kind::Key, kms::key(o, p), |k| [
                k.arn.clone(),
                k.key_id.clone(),
                k.origin.generated("Arn")
            ]),
            "AWS::KMS::Alias" => push!(self.aliases, Kind::Alias, kms::alias(o, p), |a| a
                .arn
                .clone()
                .into_iter()
                .chain(a.name.as_ref().map(|n| format!(
                    "name:{}:{}:{}",
                    a.origin.account,
                    a.origin.region_key(),
                    n.value
                )))),
            "AWS::GlobalAccelerator::Accelerator" => {
                push!(
                    self.accelerators,
                    Kind::Accelerator,
                    ga::accelerator(o, p),
                    |a| [a.arn.clone()]
                )
            }
            "AWS::GlobalAccelerator::Listener" => {
                push!(
                    self.ga_listeners,
                    Kind::GaListener,
                    ga::listener(o, p),
                    |l| [l.arn.clone()]
                )
            }
            "AWS::GlobalAccelerator::EndpointGroup" => {
                push!(
                    self.endpoint_groups,
                    Kind::EndpointGroup,
                    ga::endpoint_group(o, p),
                    |e| [e.arn.clone()]
                )
            }
            "AWS::ElasticLoadBalancingV2::LoadBalancer" => {
                push!(
                    self.load_balancers,
                    Kind::LoadBalancer,
                    elb::load_balancer(o, p),
                    |l| [l.arn.clone()]
                )
            }
            "AWS::ElasticLoadBalancingV2::Listener" => {
                push!(
                    self.elb_listeners,
                    Kind::ElbListener,
                    elb::listener(o, p),
                    |l| [l.arn.clone()]
                )
            }
            "AWS::ElasticLoadBalancingV2::TargetGroup" => {
                push!(
                    self.target_groups,
                    Kind::TargetGroup,
                    elb::target_group(o, p),
                    |t| [t.arn.clone()]
                )
            }
            "AWS::EC2::SecurityGroup" => {
                push!(
                    self.security_groups,
                    Kind::SecurityGroup,
                    ec2::security_group(o, p),
                    |s| [s.group_id.clone()]
                )
            }
            "AWS::EC2::SecurityGroupIngress" | "AWS::EC2::SecurityGroupEgress" => {
                let dir = if o.type_name.ends_with("Ingress") {
                    Direction::Ingress
                } else {
                    Direction::Egress
                };
                let i = self.sg_rules.len();
                ix.add(Kind::SgRule, &o, i);
                self.sg_rules.push(ec2::standalone_rule(o, dir, p));
            }
            "AWS::EC2::VPC" => push!(self.vpcs, Kind::Vpc, ec2::vpc(o, p), |v| [v.vpc_id.clone()]),
            "AWS::EC2::Subnet" => {
                push!(self.subnets, Kind::Subnet, ec2::subnet(o, p), |s| [s
                    .subnet_id
                    .clone()])
            }
            "AWS::EC2::InternetGateway" => {
                push!(
                    self.internet_gateways,
                    Kind::InternetGateway,
                    ec2::internet_gateway(o),
                    |g| [g.igw_id.clone()]
                )
            }
            "AWS::EC2::VPCGatewayAttachment" => {
                push!(
                    self.gateway_attachments,
                    Kind::GatewayAttachment,
                    ec2::gateway_attachment(o, p),
                    |_g| Vec::<String>::new()
                )
            }
            _ => {
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
    }

    // ---------------------------------------------------------------- resolution

    /// Link a reference `s` (written in the resource `from`) to a resource of `kind`, without literal
    /// assumptions: exact identity (a template's own unknown account and region are symbols of that
    /// template, so `arn:aws:iam::${AWS::AccountId}:role/x` finds its role), or a generated symbol naming
    /// a resource of that kind. A choice between alternatives, a parameter or a dynamic reference never
    /// links: which resource it is cannot be known.
    pub fn resolve(&self, kind: Kind, s: &str, _from: &Origin) -> Option<(usize, How)> {
        if let Some(i) = self.index.ids.get(&(kind, s.to_string())) {
            return Some((*i, How::Exact));
        }
        if !has_symbol(s) {
            return None;
        }
        self.by_symbol(kind, s).map(|i| (i, How::Symbolic))
    }

    /// A generated symbol in `s` that names a resource of `kind` (by stack key and logical id).
    fn by_symbol(&self, kind: Kind, s: &str) -> Option<usize> {
        generated_refs(s)
            .into_iter()
            .find_map(|(key, lid)| self.index.logical.get(&(kind, key, lid)).copied())
    }

    /// Resolve with the literal rules: pinned ids were indexed as identities; otherwise, for a literal
    /// in `account`/`region`, the only resource of `kind` there (not `exclude`, not pinned elsewhere).
    fn resolve_literal(
        &self,
        kind: Kind,
        s: &str,
        from: &Origin,
        place: Option<(&str, &str)>,
        exclude: Option<usize>,
        pinned: &dyn Fn(usize) -> bool,
    ) -> Option<(usize, How)> {
        if let Some(r) = self.resolve(kind, s, from) {
            return Some(r);
        }
        if has_symbol(s) {
            return None;
        }
        let (account, region) = place.unwrap_or((from.account.as_str(), ""));
        let region = if region.is_empty() {
            from.region_key()
        } else {
            region.to_string()
        };
        let cands: Vec<usize> = self
            .index
            .place
            .get(&(kind, account.to_string(), region))
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|i| Some(*i) != exclude && !pinned(*i))
                    .collect()
            })
            .unwrap_or_default();
        match cands.as_slice() {
            [one] => Some((*one, How::Assumed)),
            _ => None,
        }
    }

    /// A bucket by name, bucket ARN or object ARN.
    pub fn resolve_bucket(&self, s: &str, from: &Origin) -> Option<(usize, How)> {
        let name = s3_bucket_of(s).unwrap_or(s);
        self.resolve(Kind::Bucket, name, from)
            .or_else(|| self.resolve(Kind::Bucket, s, from))
    }

    /// A role by ARN (paths matter: `role/service-role/x` ≠ `role/x`).
    pub fn resolve_role(&self, s: &str, from: &Origin) -> Option<(usize, How)> {
        self.resolve(Kind::Role, s, from)
    }

    /// A role by name in the referring template's account (`AWS::IAM::Policy.Roles`).
    pub fn resolve_role_name(&self, name: &str, from: &Origin) -> Option<(usize, How)> {
        self.resolve(Kind::Role, &format!("name:{}:{name}", from.account), from)
            .or_else(|| self.by_symbol(Kind::Role, name).map(|i| (i, How::Symbolic)))
    }

    /// A KMS key by key ARN, key id, alias name (`alias/x`, in the referring account/region) or alias ARN.
    pub fn resolve_key(&self, s: &str, from: &Origin) -> Option<(usize, How)> {
        if s.starts_with("alias/") {
            let k = format!("name:{}:{}:{s}", from.account, from.region_key());
            return self
                .index
                .ids
                .get(&(Kind::Alias, k))
                .and_then(|a| self.aliases[*a].target.map(|t| (t, How::Exact)));
        }
        let arn = Arn::parse(s);
        if let Some(a) = &arn {
            if a.resource.starts_with("alias/") {
                return self
                    .resolve(Kind::Alias, s, from)
                    .and_then(|(a, _)| self.aliases[a].target.map(|t| (t, How::Exact)));
            }
        }
        let place = arn
            .as_ref()
            .filter(|a| a.service == "kms" && a.resource.starts_with("key/"))
            .map(|a| (a.account.as_str(), a.region.as_str()));
        if arn.is_some() && place.is_none() {
            return self.resolve(Kind::Key, s, from);
        }
        let pinned = |i: usize| {
            self.keys[i].origin.pinned_arn.is_some() || self.keys[i].origin.pinned_id.is_some()
        };
        self.resolve_literal(Kind::Key, s, from, place, None, &pinned)
    }

    /// A security group by id (`exclude`: the group the reference is written in).
    pub fn resolve_sg(
        &self,
        s: &str,
        from: &Origin,
        exclude: Option<usize>,
    ) -> Option<(usize, How)> {
        let pinned = |i: usize| self.security_groups[i].origin.pinned_id.is_some();
        if !has_symbol(s) && !s.starts_with("sg-") {
            return self.resolve(Kind::SecurityGroup, s, from);
        }
        self.resolve_literal(Kind::SecurityGroup, s, from, None, exclude, &pinned)
    }

    /// A load balancer by ARN: identity, then the `Name` in a literal ARN
    /// (`loadbalancer/app/<name>/<id>`), then the only one in that account and region.
    pub fn resolve_load_balancer(&self, s: &str, from: &Origin) -> Option<(usize, How)> {
        if let Some(r) = self.resolve(Kind::LoadBalancer, s, from) {
            return Some(r);
        }
        let a =
            Arn::parse(s).filter(|a| a.service == "elasticloadbalancing" && !a.is_symbolic())?;
        let mut it = a.resource.split('/');
        let name = match (it.next(), it.next(), it.next()) {
            (Some("loadbalancer"), Some(_), Some(name)) => Some(name),
            _ => None,
        };
        let region = a.region.clone();
        let cands = self
            .index
            .place
            .get(&(Kind::LoadBalancer, a.account.clone(), region.clone()))
            .cloned()
            .unwrap_or_default();
        if let Some(name) = name {
            let named: Vec<usize> = cands
                .iter()
                .copied()
                .filter(|i| {
                    self.load_balancers[*i]
                        .name
                        .as_ref()
                        .is_some_and(|n| n.value == name)
                })
                .collect();
            if let [one] = named.as_slice() {
                return Some((*one, How::Named));
            }
        }
        let pinned = |i: usize| {
            let lb = &self.load_balancers[i];
            lb.origin.pinned_arn.is_some()
                || lb
                    .name
                    .as_ref()
                    .is_some_and(|n| Some(n.value.as_str()) != name)
        };
        self.resolve_literal(
            Kind::LoadBalancer,
            s,
            from,
            Some((&a.account, &region)),
            None,
            &pinned,
        )
    }

    /// A VPC by id.
    pub fn resolve_vpc(&self, s: &str, from: &Origin) -> Option<(usize, How)> {
        let pinned = |i: usize| self.vpcs[i].origin.pinned_id.is_some();
        self.resolve_literal(Kind::Vpc, s, from, None, None, &pinned)
    }

    // ---------------------------------------------------------------- linking

    fn note(
        &mut self,
        kind: Kind,
        r: Option<(usize, How)>,
        from: &Origin,
        span: Span,
        literal: &str,
    ) -> Option<usize> {
        let (i, how) = r?;
        if how == How::Assumed {
            let target = self
                .origin_of(kind, i)
                .map(|o| format!("{}/{}", o.stack, o.logical_id));
            self.assumed_links.push(AssumedLink {
                file: from.file,
                span,
                literal: literal.to_string(),
                kind,
                target: target.unwrap_or_default(),
            });
        }
        Some(i)
    }

    /// The origin of the `i`-th resource of `kind`.
    pub fn origin_of(&self, kind: Kind, i: usize) -> Option<&Origin> {
        Some(match kind {
            Kind::Bucket => &self.buckets.get(i)?.origin,
            Kind::BucketPolicy => &self.bucket_policies.get(i)?.origin,
            Kind::Role => &self.roles.get(i)?.origin,
            Kind::IamPolicy => &self.iam_policies.get(i)?.origin,
            Kind::Key => &self.keys.get(i)?.origin,
            Kind::Alias => &self.aliases.get(i)?.origin,
            Kind::Accelerator => &self.accelerators.get(i)?.origin,
            Kind::GaListener => &self.ga_listeners.get(i)?.origin,
            Kind::EndpointGroup => &self.endpoint_groups.get(i)?.origin,
            Kind::LoadBalancer => &self.load_balancers.get(i)?.origin,
            Kind::ElbListener => &self.elb_listeners.get(i)?.origin,
            Kind::TargetGroup => &self.target_groups.get(i)?.origin,
            Kind::SecurityGroup => &self.security_groups.get(i)?.origin,
            Kind::SgRule => self.sg_rules.get(i)?.rule.standalone.as_ref()?,
            Kind::Vpc => &self.vpcs.get(i)?.origin,
            Kind::Subnet => &self.subnets.get(i)?.origin,
            Kind::InternetGateway => &self.internet_gateways.get(i)?.origin,
            Kind::GatewayAttachment => &self.gateway_attachments.get(i)?.origin,
            Kind::Opaque => &self.opaque.get(i)?.origin,
        })
    }

    fn link(&mut self) {
        // Bucket policies → buckets.
        for i in 0..self.bucket_policies.len() {
            let bp = &self.bucket_policies[i];
            let t = bp
                .bucket
                .as_ref()
                .and_then(|b| self.resolve_bucket(&b.value, &bp.origin));
            self.bucket_policies[i].target = t.map(|t| t.0);
            if let Some((b, _)) = t {
                self.buckets[b].policy.get_or_insert(i);
            }
        }
        // IAM policies → roles (by name), managed policy ARNs and boundaries stay queries.
        for i in 0..self.iam_policies.len() {
            let p = &self.iam_policies[i];
            let targets: Vec<usize> = p
                .roles
                .iter()
                .filter_map(|r| self.resolve_role_name(&r.value, &p.origin).map(|x| x.0))
                .collect();
            for r in targets {
                if !self.roles[r].attached.contains(&i) {
                    self.roles[r].attached.push(i);
                }
            }
        }
        // Aliases → keys.
        for i in 0..self.aliases.len() {
            let a = &self.aliases[i];
            let Some(t) = a.target_key_id.clone() else {
                continue;
            };
            let o = a.origin.clone();
            let r = self.resolve_key(&t.value, &o);
            if let Some(k) = self.note(Kind::Key, r, &o, t.span, &t.value) {
                self.aliases[i].target = Some(k);
                self.keys[k].aliases.push(i);
            }
        }
        // Buckets: default keys, replication role, destinations, replica keys.
        for b in 0..self.buckets.len() {
            let o = self.buckets[b].origin.clone();
            for e in 0..self.buckets[b].encryption.len() {
                if let Some(k) = self.buckets[b].encryption[e].kms_master_key_id.clone() {
                    let r = self.resolve_key(&k.value, &o);
                    self.buckets[b].encryption[e].kms_key =
                        self.note(Kind::Key, r, &o, k.span, &k.value);
                }
            }
            let Some(rep) = self.buckets[b].replication.clone() else {
                continue;
            };
            let role = rep
                .role
                .as_ref()
                .and_then(|r| self.resolve_role(&r.value, &o))
                .map(|x| x.0);
            for (ri, rule) in rep.rules.iter().enumerate() {
                let Some(d) = &rule.destination else { continue };
                let bt = d
                    .bucket
                    .as_ref()
                    .and_then(|x| self.resolve_bucket(&x.value, &o))
                    .map(|x| x.0);
                let kt = match &d.replica_kms_key_id {
                    Some(k) => {
                        // The replica key lives with the destination bucket.
                        let ko = bt.map_or(o.clone(), |x| self.buckets[x].origin.clone());
                        let r = self
                            .resolve_key(&k.value, &ko)
                            .or_else(|| self.resolve_key(&k.value, &o));
                        self.note(Kind::Key, r, &o, k.span, &k.value)
                    }
                    None => None,
                };
                if let Some(rr) = &mut self.buckets[b].replication {
                    if let Some(dd) = &mut rr.rules[ri].destination {
                        dd.bucket_target = bt;
                        dd.replica_key_target = kt;
                    }
                }
            }
            if let Some(rr) = &mut self.buckets[b].replication {
                rr.role_target = role;
            }
        }
        // Global Accelerator chain.
        for i in 0..self.ga_listeners.len() {
            let l = &self.ga_listeners[i];
            let t = l
                .accelerator_arn
                .as_ref()
                .and_then(|a| self.resolve(Kind::Accelerator, &a.value, &l.origin));
            self.ga_listeners[i].accelerator = t.map(|x| x.0);
            if let Some((a, _)) = t {
                self.index.acc_listeners.entry(a).or_default().push(i);
            }
        }
        for i in 0..self.endpoint_groups.len() {
            let g = self.endpoint_groups[i].clone();
            self.endpoint_groups[i].listener = g
                .listener_arn
                .as_ref()
                .and_then(|a| self.resolve(Kind::GaListener, &a.value, &g.origin))
                .map(|x| x.0);
            if let Some(l) = self.endpoint_groups[i].listener {
                self.index.listener_groups.entry(l).or_default().push(i);
            }
            for (e, ep) in g.endpoints.iter().enumerate() {
                let Some(id) = &ep.id else { continue };
                let r = self.resolve_load_balancer(&id.value, &g.origin);
                self.endpoint_groups[i].endpoints[e].load_balancer =
                    self.note(Kind::LoadBalancer, r, &g.origin, id.span, &id.value);
            }
        }
        // Load balancers.
        for i in 0..self.elb_listeners.len() {
            let l = &self.elb_listeners[i];
            let t = l
                .load_balancer_arn
                .as_ref()
                .and_then(|a| self.resolve(Kind::LoadBalancer, &a.value, &l.origin));
            self.elb_listeners[i].load_balancer = t.map(|x| x.0);
            if let Some((lb, _)) = t {
                self.index.lb_listeners.entry(lb).or_default().push(i);
            }
        }
        for i in 0..self.load_balancers.len() {
            let lb = self.load_balancers[i].clone();
            for (j, sg) in lb.security_groups.iter().enumerate() {
                let r = self.resolve_sg(&sg.value, &lb.origin, None);
                self.load_balancers[i].sg_links[j] =
                    self.note(Kind::SecurityGroup, r, &lb.origin, sg.span, &sg.value);
            }
        }
        // Security groups: peers, VPCs, standalone rules.
        for i in 0..self.security_groups.len() {
            let sg = self.security_groups[i].clone();
            self.security_groups[i].vpc = sg
                .vpc_id
                .as_ref()
                .and_then(|v| self.resolve_vpc(&v.value, &sg.origin))
                .map(|x| x.0);
            for (dir, rules) in [
                (Direction::Ingress, &sg.ingress),
                (Direction::Egress, &sg.egress),
            ] {
                for (j, rule) in rules.iter().enumerate() {
                    let peer = self.link_peer(rule, &sg.origin, Some(i));
                    let list = match dir {
                        Direction::Ingress => &mut self.security_groups[i].ingress,
                        Direction::Egress => &mut self.security_groups[i].egress,
                    };
                    list[j].peer_group = peer;
                }
            }
        }
        for i in 0..self.sg_rules.len() {
            let r = self.sg_rules[i].clone();
            let Some(o) = r.rule.standalone.clone() else {
                continue;
            };
            let target = r.group.as_ref().and_then(|g| {
                self.resolve_sg(&g.value, &o, None)
                    .filter(|x| x.1 != How::Assumed || g.value.starts_with("sg-"))
            });
            let target = self.note(
                Kind::SecurityGroup,
                target,
                &o,
                r.group.as_ref().map_or(o.span, |g| g.span),
                r.group.as_ref().map_or("", |g| g.value.as_str()),
            );
            self.sg_rules[i].target = target;
            self.sg_rules[i].rule.peer_group = self.link_peer(&r.rule, &o, target);
            if let Some(t) = target {
                self.security_groups[t].standalone.push(i);
            }
        }
        // Subnets and gateways → VPCs.
        for i in 0..self.subnets.len() {
            let s = &self.subnets[i];
            self.subnets[i].vpc = s
                .vpc_id
                .as_ref()
                .and_then(|v| self.resolve_vpc(&v.value, &s.origin))
                .map(|x| x.0);
        }
        for i in 0..self.gateway_attachments.len() {
            let g = &self.gateway_attachments[i];
            let v = g
                .vpc_id
                .as_ref()
                .and_then(|v| self.resolve_vpc(&v.value, &g.origin))
                .map(|x| x.0);
            let w = g
                .internet_gateway_id
                .as_ref()
                .and_then(|w| self.resolve(Kind::InternetGateway, &w.value, &g.origin))
                .map(|x| x.0);
            if let (Some(v), Some(w)) = (v, w) {
                if !self.vpcs[v].internet_gateways.contains(&w) {
                    self.vpcs[v].internet_gateways.push(w);
                }
            }
        }
    }

    fn link_peer(&mut self, rule: &SgRule, from: &Origin, own: Option<usize>) -> Option<usize> {
        let p = rule.peer_group_id.as_ref()?;
        let r = self.resolve_sg(&p.value, from, own);
        // A group admitting itself is linked exactly (a `Ref` to itself), never by assumption.
        let r = r.filter(|(i, how)| *how != How::Assumed || Some(*i) != own);
        self.note(Kind::SecurityGroup, r, from, p.span, &p.value)
    }

    // ---------------------------------------------------------------- queries

    pub fn account(&self, key: &str) -> Option<&Account> {
        self.index.accounts.get(key).map(|i| &self.accounts[*i])
    }

    /// The index of the resource of `kind` whose identity (name, ARN, id, generated symbol) is `id`.
    pub fn lookup(&self, kind: Kind, id: &str) -> Option<usize> {
        self.index.ids.get(&(kind, id.to_string())).copied()
    }

    /// A bucket by exact name.
    pub fn bucket_by_name(&self, name: &str) -> Option<&Bucket> {
        self.index
            .ids
            .get(&(Kind::Bucket, name.to_string()))
            .map(|i| &self.buckets[*i])
    }

    /// A role by exact ARN (path included).
    pub fn role_by_arn(&self, arn: &str) -> Option<&Role> {
        self.index
            .ids
            .get(&(Kind::Role, arn.to_string()))
            .map(|i| &self.roles[*i])
    }

    /// A key by exact ARN or id.
    pub fn key_by_arn(&self, arn: &str) -> Option<&Key> {
        self.index
            .ids
            .get(&(Kind::Key, arn.to_string()))
            .map(|i| &self.keys[*i])
    }

    /// The bucket policy document of a bucket.
    pub fn bucket_policy(&self, bucket: usize) -> Option<&PolicyDoc> {
        let p = self.buckets.get(bucket)?.policy?;
        self.bucket_policies[p].doc.as_ref()
    }

    /// Every identity policy of a role: inline `Policies`, attached `AWS::IAM::Policy`/`RolePolicy`/
    /// `ManagedPolicy` (by `Roles`), and `ManagedPolicyArns` that name a managed policy defined in the
    /// templates. AWS managed policies and undefined ARNs are in [`Model::external_managed_policies`].
    pub fn role_policies(&self, role: usize) -> Vec<&PolicyDoc> {
        let Some(r) = self.roles.get(role) else {
            return Vec::new();
        };
        let mut out: Vec<&PolicyDoc> = r.inline.iter().map(|(_, d)| d).collect();
        let mut seen = Vec::new();
        for &p in &r.attached {
            seen.push(p);
            out.extend(self.iam_policies[p].doc.as_ref());
        }
        for a in &r.managed_policy_arns {
            if let Some((p, _)) = self.resolve(Kind::IamPolicy, &a.value, &r.origin) {
                if !seen.contains(&p) {
                    seen.push(p);
                    out.extend(self.iam_policies[p].doc.as_ref());
                }
            }
        }
        out
    }

    /// `ManagedPolicyArns` of a role that are not defined in the templates (AWS managed or external).
    pub fn external_managed_policies(&self, role: usize) -> Vec<&crate::source::Spanned<String>> {
        let Some(r) = self.roles.get(role) else {
            return Vec::new();
        };
        r.managed_policy_arns
            .iter()
            .filter(|a| self.resolve(Kind::IamPolicy, &a.value, &r.origin).is_none())
            .collect()
    }

    /// The permissions boundary document of a role, when it names a managed policy defined here.
    pub fn role_boundary(&self, role: usize) -> Option<&PolicyDoc> {
        let r = self.roles.get(role)?;
        let b = r.boundary.as_ref()?;
        let (p, _) = self.resolve(Kind::IamPolicy, &b.value, &r.origin)?;
        self.iam_policies[p].doc.as_ref()
    }

    /// Every ingress rule of a group: inline, then standalone `AWS::EC2::SecurityGroupIngress`.
    pub fn ingress(&self, sg: usize) -> Vec<&SgRule> {
        self.rules_of(sg, Direction::Ingress)
    }

    /// Every egress rule of a group: inline, then standalone `AWS::EC2::SecurityGroupEgress`.
    pub fn egress(&self, sg: usize) -> Vec<&SgRule> {
        self.rules_of(sg, Direction::Egress)
    }

    fn rules_of(&self, sg: usize, dir: Direction) -> Vec<&SgRule> {
        let Some(g) = self.security_groups.get(sg) else {
            return Vec::new();
        };
        let inline = match dir {
            Direction::Ingress => &g.ingress,
            Direction::Egress => &g.egress,
        };
        inline
            .iter()
            .chain(
                g.standalone
                    .iter()
                    .map(|i| &self.sg_rules[*i].rule)
                    .filter(|r| r.direction == dir),
            )
            .collect()
    }

    /// The listeners of an accelerator, endpoint groups of a GA listener, listeners of a load balancer.
    pub fn listeners_of_accelerator(&self, acc: usize) -> &[usize] {
        self.index
            .acc_listeners
            .get(&acc)
            .map_or(&[], Vec::as_slice)
    }
    pub fn endpoint_groups_of_listener(&self, listener: usize) -> &[usize] {
        self.index
            .listener_groups
            .get(&listener)
            .map_or(&[], Vec::as_slice)
    }
    pub fn listeners_of_load_balancer(&self, lb: usize) -> &[usize] {
        self.index.lb_listeners.get(&lb).map_or(&[], Vec::as_slice)
    }

    /// The account of an ARN (`arn:…:111111111111:…`), or an account id itself.
    pub fn account_of(s: &str) -> Option<String> {
        if is_account_id(s) {
            return Some(s.to_string());
        }
        let a = Arn::parse(s)?;
        (!a.account.is_empty()).then_some(a.account)
    }
}
