//! Resolving a reference to a resource of the model: exact identity, a generated symbol naming the
//! resource, then the kind's literal rules (architecture.md, "Linking literal identifiers").

use super::{Kind, Model};
use crate::model::arn::{s3_bucket_of, Arn};
use crate::model::ident::{generated_refs, How};
use crate::model::origin::Origin;
use crate::model::symbolic::has_symbol;

#[expect(
    clippy::indexing_slicing,
    reason = "arena indices: every usize indexing a vector here was handed out by this model (a \
              position in its own vectors, recorded when the resource was added), never read from input"
)]
impl Model {
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
}
