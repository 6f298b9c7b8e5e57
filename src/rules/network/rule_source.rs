//! Where a security-group rule admits traffic from, and recognition of the accelerator's
//! `GlobalAccelerator` security group (by `trustlint.toml`, a CDK lookup, or a template parameter).

use super::cidr::parse_cidr;
use super::vpc::{vpc_key_of_idx, vpc_key_of_text, VpcKey};
use crate::model::ec2::{SecurityGroup, SgRule};
use crate::model::symbolic::{display, symbols, Sym};
use crate::model::{Kind, Model};
use crate::source::{FileId, SourceMap, Span, Spanned};
use ipnet::IpNet;
use std::collections::{BTreeMap, HashMap};

/// How the accelerator's `GlobalAccelerator` security group was recognised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GaHow {
    /// `trustlint.toml` `[global_accelerator] security_groups` maps this VPC to the id.
    Config(String),
    /// The `GetAtt` of a CDK lookup custom resource (index into `Model::sg_lookups`).
    Lookup(usize),
    /// A template parameter of type `AWS::EC2::SecurityGroup::Id` named/described as the GA group.
    Param(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GaSg {
    pub how: GaHow,
    /// The VPC the group belongs to, when known.
    pub vpc: Option<VpcKey>,
}

impl GaSg {
    pub fn describe(&self, m: &Model) -> String {
        match &self.how {
            GaHow::Config(v) => {
                format!("the GlobalAccelerator security group of {v} (trustlint.toml)")
            }
            GaHow::Lookup(i) => format!(
                "the GlobalAccelerator security group looked up by {}",
                m.sg_lookups
                    .get(*i)
                    .map_or("a security-group lookup", |l| l.origin.logical_id.as_str())
            ),
            GaHow::Param(p) => format!("the GlobalAccelerator security group (parameter {p})"),
        }
    }
}

/// Where a security-group rule admits traffic from (ingress) or sends it to (egress).
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    Cidr(IpNet),
    Ga(GaSg),
    /// A group defined in the templates that is presented as the accelerator's group — GA never attaches
    /// a group it did not create.
    SelfMade(usize),
    /// Another group defined in the templates.
    Group(usize),
    PrefixList(String),
    /// A source trustlint cannot identify (display text).
    Unknown(String),
    /// No source at all (malformed rule).
    None,
}

impl Source {
    pub fn describe(&self, m: &Model) -> String {
        match self {
            Source::Cidr(n) => n.to_string(),
            Source::Ga(g) => g.describe(m),
            Source::SelfMade(i) | Source::Group(i) => {
                format!(
                    "security group {}",
                    m.security_groups
                        .get(*i)
                        .map_or("?", |g| g.origin.logical_id.as_str())
                )
            }
            Source::PrefixList(p) => format!("prefix list {p}"),
            Source::Unknown(s) => s.clone(),
            Source::None => "no source".to_string(),
        }
    }
}

/// Normalised text for "is this named like the Global Accelerator group".
fn says_global_accelerator(s: &str) -> bool {
    let n: String = s
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    n.contains("globalaccelerator") || n.contains("accelerator")
}

/// The model plus the indexes the network rules need, built once per run.
pub struct Net<'a> {
    pub m: &'a Model,
    pub sources: &'a SourceMap,
    /// sg id → VPC id, from `[global_accelerator] security_groups`.
    pub config_groups: HashMap<String, String>,
    /// (stack key, logical id) → index into `Model::sg_lookups` (lookups of the `GlobalAccelerator` group).
    pub lookups: HashMap<(String, String), usize>,
}

impl<'a> Net<'a> {
    pub fn new(m: &'a Model, sources: &'a SourceMap, groups: &BTreeMap<String, String>) -> Net<'a> {
        let config_groups = groups.iter().map(|(v, s)| (s.clone(), v.clone())).collect();
        let lookups = m
            .sg_lookups
            .iter()
            .enumerate()
            .filter(|(_, l)| l.group_names.iter().any(|n| n == "GlobalAccelerator"))
            .map(|(i, l)| ((l.origin.stack_key.clone(), l.origin.logical_id.clone()), i))
            .collect();
        Net {
            m,
            sources,
            config_groups,
            lookups,
        }
    }

    /// Whether a `SecurityGroupId` value names the accelerator's `GlobalAccelerator` group.
    pub fn ga_sg(&self, text: &str) -> Option<GaSg> {
        if let Some(vpc) = self.config_groups.get(text) {
            return Some(GaSg {
                how: GaHow::Config(vpc.clone()),
                vpc: Some(match self.m.lookup(Kind::Vpc, vpc) {
                    Some(v) => vpc_key_of_idx(self.m, v),
                    None => VpcKey::Lit(vpc.clone()),
                }),
            });
        }
        for id in symbols(text) {
            let sym = id.get();
            // A CDK lookup's attribute is a value its provider returns (see `load::cfn`'s
            // provider values); it is read here because the model knows what this provider looks up.
            if let Sym::Generated {
                key, logical_id, ..
            }
            | Sym::Provided {
                key, logical_id, ..
            } = &*sym
            {
                let lookup = self
                    .lookups
                    .get(&(key.clone(), logical_id.clone()))
                    .and_then(|&i| Some((i, self.m.sg_lookups.get(i)?)));
                if let Some((i, l)) = lookup {
                    let vpc = match l.vpc_ids.as_slice() {
                        [one] => vpc_key_of_text(self.m, one, &l.origin),
                        _ => None,
                    };
                    return Some(GaSg {
                        how: GaHow::Lookup(i),
                        vpc,
                    });
                }
            }
            if let Sym::Parameter { key, name, .. } = &*sym {
                if self.is_ga_parameter(key, name) {
                    return Some(GaSg {
                        how: GaHow::Param(name.to_string()),
                        vpc: None,
                    });
                }
            }
        }
        None
    }

    fn is_ga_parameter(&self, stack: &str, name: &str) -> bool {
        let Some(def) = self.m.stack(stack).and_then(|s| s.parameter(name)) else {
            return false;
        };
        let ty = def.type_name.as_deref().unwrap_or("");
        let desc = def.description.as_deref().unwrap_or("");
        ty == "AWS::EC2::SecurityGroup::Id"
            && (says_global_accelerator(name) || says_global_accelerator(desc))
    }

    /// Whether a defined group presents itself as the accelerator's group.
    pub fn self_made(&self, sg: usize) -> bool {
        let Some(g) = self.m.security_groups.get(sg) else {
            return false;
        };
        g.group_name
            .as_ref()
            .is_some_and(|n| n.value.eq_ignore_ascii_case("GlobalAccelerator"))
            || says_global_accelerator(&g.origin.logical_id)
    }

    /// Classify the peer of a rule (ingress source or egress destination).
    pub fn source(&self, r: &SgRule) -> Source {
        if let Some(c) = r.cidr_ipv4.as_ref().or(r.cidr_ipv6.as_ref()) {
            return match parse_cidr(&c.value) {
                Some(n) => Source::Cidr(n),
                None => Source::Unknown(display(&c.value)),
            };
        }
        if let Some(p) = &r.peer_group_id {
            if let Some(g) = self.ga_sg(&p.value) {
                return Source::Ga(g);
            }
            return match r.peer_group {
                Some(i) if self.self_made(i) => Source::SelfMade(i),
                Some(i) => Source::Group(i),
                None => Source::Unknown(format!("security group {}", display(&p.value))),
            };
        }
        if let Some(n) = &r.peer_group_name {
            return Source::Unknown(format!("security group named {}", display(&n.value)));
        }
        if let Some(p) = &r.prefix_list {
            return Source::PrefixList(display(&p.value));
        }
        Source::None
    }

    /// The span of a rule's peer (`CidrIp`, `SourceSecurityGroupId`, …), else the rule.
    pub fn peer_span(r: &SgRule) -> Span {
        r.cidr_ipv4
            .as_ref()
            .or(r.cidr_ipv6.as_ref())
            .or(r.peer_group_id.as_ref())
            .or(r.peer_group_name.as_ref())
            .or(r.prefix_list.as_ref())
            .map_or(r.span, |s: &Spanned<String>| s.span)
    }
}

/// The file a rule is written in: its standalone resource's, else its group's.
pub fn rule_file(r: &SgRule, sg: &SecurityGroup) -> FileId {
    r.standalone.as_ref().map_or(sg.origin.file, |o| o.file)
}

/// The logical id a rule belongs to (for suppression and `resource`).
pub fn rule_resource(r: &SgRule, sg: &SecurityGroup) -> String {
    r.standalone
        .as_ref()
        .map_or_else(|| sg.origin.logical_id.clone(), |o| o.logical_id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert!(says_global_accelerator("GlobalAcceleratorSecurityGroupId"));
        assert!(!says_global_accelerator("AlbSecurityGroup"));
    }
}
