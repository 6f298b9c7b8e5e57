//! Queries on a built model: lookups by identity, a resource's origin, the policies of a role, the
//! rules of a security group, the reverse links.

use super::{Kind, Model};
use crate::model::account::Account;
use crate::model::arn::{is_account_id, Arn};
use crate::model::document::PolicyDoc;
use crate::model::ec2::{Direction, SgRule};
use crate::model::iam::Role;
use crate::model::kms::Key;
use crate::model::origin::Origin;
use crate::model::s3::Bucket;
use crate::model::stacks::StackInfo;
use crate::source::Spanned;

#[expect(
    clippy::indexing_slicing,
    reason = "arena indices: every usize indexing a vector here was handed out by this model (a \
              position in its own vectors, recorded when the resource was added), never read from input"
)]
impl Model {
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

    /// A stack by key (parameters, declared resources and their dependencies).
    pub fn stack(&self, key: &str) -> Option<&StackInfo> {
        self.index.stacks.get(key).map(|i| &self.stacks[*i])
    }

    /// The explicit dependencies (`DependsOn`, Terraform `depends_on`) of a resource.
    pub fn depends_on(&self, o: &Origin) -> &[Spanned<String>] {
        self.stack(&o.stack_key)
            .and_then(|s| s.resource(&o.logical_id))
            .map_or(&[], |r| r.depends_on.as_slice())
    }

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
