//! [`Tr`]: the translation context — the plan, its bindings, the satellite indices — and the value
//! readers every resource family uses: scalars, strings, lists and policies, known or symbolic, and the
//! identities the model registers for resource attributes.

use super::cursor::Cur;
use super::node::s;
use crate::load::terraform::binding::Bindings;
use crate::load::terraform::plan::{references, Plan, PlanResource};
use crate::load::terraform::policies::{self, Parsed};
use crate::model::iam::unknown_document;
use crate::model::ident::generated;
use crate::model::symbolic::Sym;
use crate::model::DocKind;
use crate::source::{Node, SourceFile, Span, Spanned, Value};
use std::collections::HashMap;

/// The span of a resource's properties: its `values` object, else the whole resource.
pub(super) fn values_span(r: &PlanResource) -> Span {
    r.values.map_or(r.node.span, |v| v.span)
}

pub(super) struct Tr<'p, 'a> {
    pub(super) plan: &'p Plan<'a>,
    pub(super) bindings: &'p Bindings,
    pub(super) src: &'p SourceFile,
    pub(super) parsed: &'p mut Parsed,
    /// Bucket name → `aws_s3_bucket` index.
    pub(super) bucket_names: HashMap<&'a str, usize>,
    /// Role name → `aws_iam_role` index.
    pub(super) role_names: HashMap<&'a str, usize>,
    /// Security group id → `aws_security_group` index.
    pub(super) sg_ids: HashMap<&'a str, usize>,
}

impl<'p, 'a> Tr<'p, 'a> {
    #[expect(
        clippy::indexing_slicing,
        reason = "resource and target indices are positions in the plan and the bindings this translator was built from"
    )]
    pub(super) fn res(&self, i: usize) -> &'p PlanResource<'a> {
        &self.plan.resources[i]
    }
    /// Resource `i` and its root cursor.
    pub(super) fn open(&self, i: usize) -> (&'p PlanResource<'a>, Cur<'a>) {
        let r = self.res(i);
        (r, Cur::root(r))
    }
    #[expect(
        clippy::indexing_slicing,
        reason = "resource and target indices are positions in the plan and the bindings this translator was built from"
    )]
    fn stack_of(&self, i: usize) -> &'p str {
        let t = self.bindings.of_resource[i].unwrap_or(0);
        &self.bindings.targets[t].stack
    }
    #[expect(
        clippy::indexing_slicing,
        reason = "resource and target indices are positions in the plan and the bindings this translator was built from"
    )]
    fn binding_of(&self, i: usize) -> &'p crate::load::terraform::binding::Binding {
        let t = self.bindings.of_resource[i].unwrap_or(0);
        &self.bindings.targets[t].binding
    }

    /// The identity the model registers for attribute `attr` of resource `i`.
    pub(super) fn identity(&self, i: usize, attr: &str) -> String {
        let r = self.res(i);
        if let Some(v) = r.value(attr).and_then(crate::model::props::scalar_of) {
            return v;
        }
        let gen = |a: &str| generated(self.stack_of(i), self.stack_of(i), r.address, a);
        let b = self.binding_of(i);
        match (r.type_name, attr) {
            ("aws_s3_bucket", "id" | "bucket") => self.bucket_name(i),
            ("aws_s3_bucket", "arn") => format!("arn:{}:s3:::{}", b.partition, self.bucket_name(i)),
            ("aws_iam_role", "arn") => match (&b.account, r.str("name")) {
                (Some(acct), Some(name)) => format!(
                    "arn:{}:iam::{acct}:role{}{name}",
                    b.partition,
                    slash_path(r.str("path"))
                ),
                _ => gen("Arn"),
            },
            ("aws_iam_role", "name" | "id") => r
                .str("name")
                .map_or_else(|| gen("RoleName"), str::to_string),
            ("aws_iam_policy", "arn" | "id") => match (&b.account, r.str("name")) {
                (Some(acct), Some(name)) => format!(
                    "arn:{}:iam::{acct}:policy{}{name}",
                    b.partition,
                    slash_path(r.str("path"))
                ),
                _ => gen("PolicyArn"),
            },
            ("aws_kms_key", "arn") => gen("Arn"),
            ("aws_kms_key", "key_id" | "id") => gen("KeyId"),
            ("aws_security_group", "id") => gen("GroupId"),
            ("aws_vpc", "id") => gen("VpcId"),
            ("aws_subnet", "id") => gen("SubnetId"),
            ("aws_internet_gateway", "id") => gen("InternetGatewayId"),
            ("aws_lb" | "aws_alb", "arn" | "id") => gen("LoadBalancerArn"),
            ("aws_lb_listener" | "aws_alb_listener", "arn" | "id") => gen("ListenerArn"),
            ("aws_lb_target_group" | "aws_alb_target_group", "arn" | "id") => gen("TargetGroupArn"),
            ("aws_globalaccelerator_accelerator", "arn" | "id") => gen("AcceleratorArn"),
            ("aws_globalaccelerator_listener", "arn" | "id") => gen("ListenerArn"),
            ("aws_globalaccelerator_endpoint_group", "arn" | "id") => gen("EndpointGroupArn"),
            _ => gen(attr),
        }
    }

    fn bucket_name(&self, i: usize) -> String {
        let r = self.res(i);
        r.str("bucket").map(str::to_string).unwrap_or_else(|| {
            generated(self.stack_of(i), self.stack_of(i), r.address, "BucketName")
        })
    }

    /// The resource attributes an expression refers to, as identities (one per referenced resource).
    fn referenced(&self, from: &PlanResource, expr: Option<&Node>) -> Vec<String> {
        let mut out = Vec::new();
        for reference in references(expr) {
            for t in self.plan.resolve_ref(from.module, reference) {
                let Some(attr) = &t.attr else { continue };
                let id = self.identity(t.resource, attr);
                if !out.contains(&id) {
                    out.push(id);
                }
            }
        }
        out
    }

    /// The resources an expression refers to (whatever the attribute).
    pub(super) fn referenced_resources(
        &self,
        from: &PlanResource,
        expr: Option<&Node>,
    ) -> Vec<usize> {
        let mut out = Vec::new();
        for reference in references(expr) {
            for t in self.plan.resolve_ref(from.module, reference) {
                if !out.contains(&t.resource) {
                    out.push(t.resource);
                }
            }
        }
        out
    }

    /// A value known only after apply whose origin the configuration does not name. Unlike a generated
    /// identity (`‹Arn of X in stack s›`, which equals only itself), it may be anything: rules that
    /// depend on it answer "cannot prove".
    pub(super) fn own_symbol(&self, r: &PlanResource, what: &str, at: Span) -> String {
        let i = self.plan.index_of(r.address).unwrap_or(0);
        Sym::AfterApply {
            key: self.stack_of(i).to_string(),
            address: r.address.to_string(),
            attribute: what.to_string(),
            site: at.start,
        }
        .text()
    }

    /// A list or block attribute known only after apply as a whole (`after_unknown: true`): the symbol
    /// naming it. Unknown as a whole, never empty.
    ///
    /// For an optional *computed* attribute (security-group `ingress`/`egress`, a role's
    /// `inline_policy`) use [`Tr::unknown_written`]: the provider reports those unknown whenever the
    /// configuration leaves them out.
    pub(super) fn unknown_list(
        &self,
        r: &PlanResource,
        c: Cur,
        key: &str,
    ) -> Option<Spanned<String>> {
        let v = c.get(key);
        v.is_unknown()
            .then(|| Spanned::new(self.own_symbol(r, key, v.anchor), v.anchor))
    }

    /// [`Tr::unknown_list`] for an optional computed attribute: unknown only when the configuration
    /// writes it (an expression such as `ingress = var.rules`) or is not in the plan. Left out, the
    /// provider reports it unknown although a new resource gets none (what other resources add is
    /// folded in from them); a `dynamic` block leaves no trace in the plan's configuration, so it
    /// reads as left out.
    pub(super) fn unknown_written(
        &self,
        r: &PlanResource,
        c: Cur,
        key: &str,
    ) -> Option<Spanned<String>> {
        (r.config.is_none() || r.expression(key).is_some())
            .then(|| self.unknown_list(r, c, key))
            .flatten()
    }

    /// A scalar attribute: the known node, a symbol when unknown, `None` when absent.
    pub(super) fn leaf(&self, r: &PlanResource, c: Cur, key: &str) -> Option<Node> {
        let v = c.get(key);
        if let Some(n) = v.values {
            return match &n.value {
                Value::String(_) | Value::Number(_) | Value::Bool(_) => Some(n.clone()),
                _ => None,
            };
        }
        if !v.is_unknown() {
            return None;
        }
        let id = self
            .referenced(r, v.exprs)
            .into_iter()
            .next()
            .unwrap_or_else(|| self.own_symbol(r, key, v.anchor));
        Some(s(id, v.anchor))
    }

    /// A non-empty string attribute (Terraform writes `""` for unset optional strings).
    pub(super) fn text(&self, r: &PlanResource, c: Cur, key: &str) -> Option<Node> {
        self.leaf(r, c, key)
            .filter(|n| n.as_str().is_none_or(|t| !t.is_empty()))
    }

    /// A list of strings (`security_groups`, `subnets`, `cidr_blocks`): known items, symbols for unknown
    /// ones (one per referenced resource when the whole list is unknown).
    pub(super) fn strings(&self, r: &PlanResource, c: Cur, key: &str) -> Vec<Node> {
        let v = c.get(key);
        if v.is_unknown() {
            let ids = self.referenced(r, v.exprs);
            if ids.is_empty() {
                return vec![s(self.own_symbol(r, key, v.anchor), v.anchor)];
            }
            return ids.into_iter().map(|id| s(id, v.anchor)).collect();
        }
        let ids = self.referenced(r, v.exprs);
        v.items()
            .into_iter()
            .enumerate()
            .filter_map(|(i, item)| match item.values {
                Some(n) if n.as_str().is_some_and(|t| !t.is_empty()) => Some(n.clone()),
                Some(_) => None,
                None if matches!(item.unknown.map(|u| &u.value), Some(Value::Bool(true))) => {
                    let id = ids
                        .get(i)
                        .or(ids.first())
                        .cloned()
                        .unwrap_or_else(|| self.own_symbol(r, key, item.anchor));
                    Some(s(id, item.anchor))
                }
                None => None,
            })
            .collect()
    }

    /// A policy attribute as a parsed document; a stand-in with symbols when unknown.
    pub(super) fn policy(
        &mut self,
        r: &PlanResource,
        c: Cur,
        key: &str,
        kind: DocKind,
    ) -> Option<Node> {
        let v = c.get(key);
        if let Some(n) = v.values {
            let mut scratch = Vec::new();
            return policies::parse(n, self.src, self.parsed, &mut scratch);
        }
        if !v.is_unknown() {
            return None;
        }
        Some(unknown_document(
            &self.own_symbol(r, key, v.anchor),
            kind,
            v.anchor,
        ))
    }

    /// The `aws_s3_bucket` a satellite's `bucket` attribute names (known name, else the reference).
    pub(super) fn bucket_of(&self, r: &PlanResource) -> Option<usize> {
        self.target_of(r, "bucket", &self.bucket_names, "aws_s3_bucket")
    }
    pub(super) fn role_of(&self, r: &PlanResource) -> Option<usize> {
        self.target_of(r, "role", &self.role_names, "aws_iam_role")
    }
    fn target_of(
        &self,
        r: &PlanResource,
        key: &str,
        names: &HashMap<&'a str, usize>,
        ty: &str,
    ) -> Option<usize> {
        if let Some(v) = r.str(key) {
            // A name, an id, or an ARN ending in the name.
            let name = v.rsplit([':', '/']).next().unwrap_or(v);
            return names.get(v).or_else(|| names.get(name)).copied();
        }
        self.referenced_resources(r, r.expression(key))
            .into_iter()
            .find(|t| self.res(*t).type_name == ty)
    }
}

/// `/service-role/` for a path (default `/`).
fn slash_path(p: Option<&str>) -> String {
    match p {
        None | Some("") => "/".into(),
        Some(p) if p.ends_with('/') => p.to_string(),
        Some(p) => format!("{p}/"),
    }
}
