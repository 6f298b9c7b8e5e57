//! VPC identity: which VPC a security group or load balancer is in, as far as the templates tell.

use crate::model::ec2::SecurityGroup;
use crate::model::origin::Origin;
use crate::model::symbolic::has_symbol;
use crate::model::{Kind, Model};

/// A VPC as far as trustlint can tell: a literal id, or a VPC resource of the templates.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum VpcKey {
    Lit(String),
    Idx(usize),
}

impl VpcKey {
    /// Whether two keys are known to name different VPCs (a literal and an unpinned resource may be
    /// the same VPC: not known).
    pub fn differs(&self, other: &VpcKey) -> bool {
        match (self, other) {
            (VpcKey::Lit(a), VpcKey::Lit(b)) => a != b,
            (VpcKey::Idx(a), VpcKey::Idx(b)) => a != b,
            _ => false,
        }
    }
}

pub fn vpc_key_of_idx(m: &Model, v: usize) -> VpcKey {
    match m.vpcs.get(v) {
        Some(x) if !has_symbol(&x.vpc_id) => VpcKey::Lit(x.vpc_id.clone()),
        _ => VpcKey::Idx(v),
    }
}

/// The VPC of a VPC-id value written in `from` (a `Ref` to a VPC, or a literal `vpc-…`).
pub fn vpc_key_of_text(m: &Model, s: &str, from: &Origin) -> Option<VpcKey> {
    if let Some((v, _)) = m.resolve(Kind::Vpc, s, from) {
        return Some(vpc_key_of_idx(m, v));
    }
    (!has_symbol(s) && !s.is_empty()).then(|| VpcKey::Lit(s.to_string()))
}

pub fn sg_vpc(m: &Model, sg: &SecurityGroup) -> Option<VpcKey> {
    if let Some(v) = sg.vpc {
        return Some(vpc_key_of_idx(m, v));
    }
    let v = sg.vpc_id.as_ref()?;
    (!has_symbol(&v.value)).then(|| VpcKey::Lit(v.value.clone()))
}

/// The VPC of a load balancer: its security groups' VPC, else its subnets' VPC.
pub fn lb_vpc(m: &Model, lb: usize) -> Option<VpcKey> {
    let l = m.load_balancers.get(lb)?;
    for s in l.sg_links.iter().flatten() {
        if let Some(k) = m.security_groups.get(*s).and_then(|g| sg_vpc(m, g)) {
            return Some(k);
        }
    }
    for sn in &l.subnets {
        if let Some((i, _)) = m.resolve(Kind::Subnet, &sn.value, &l.origin) {
            if let Some(v) = m.subnets.get(i).and_then(|s| s.vpc) {
                return Some(vpc_key_of_idx(m, v));
            }
        }
    }
    None
}

/// The VPC resource index of a load balancer (for its internet gateways), when modelled.
pub fn lb_vpc_index(m: &Model, lb: usize) -> Option<usize> {
    let l = m.load_balancers.get(lb)?;
    for sn in &l.subnets {
        if let Some((i, _)) = m.resolve(Kind::Subnet, &sn.value, &l.origin) {
            if let Some(v) = m.subnets.get(i).and_then(|s| s.vpc) {
                return Some(v);
            }
        }
    }
    l.sg_links
        .iter()
        .flatten()
        .find_map(|s| m.security_groups.get(*s)?.vpc)
}
