//! Terraform resources → the CloudFormation-shaped [`Template`] contract the model reads
//! (`src/load/cfn/template.rs`): CloudFormation type names and property names, spanned nodes pointing at
//! the attribute in the plan, so every model/graph rule runs unchanged on Terraform input.
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

use super::binding::Bindings;
use super::plan::{references, Plan, PlanResource};
use super::policies::{self, Parsed};
use crate::load::cfn::{Resource, Template};
use crate::model::ident::generated;
use crate::model::symbolic::symbol;
use crate::model::DocKind;
use crate::source::{Member, Node, SourceFile, Span, Value};
use std::collections::HashMap;

// ------------------------------------------------------------------ nodes

fn s(text: impl Into<String>, span: Span) -> Node {
    Node {
        span,
        value: Value::String(text.into()),
    }
}

fn arr(items: Vec<Node>, span: Span) -> Node {
    Node {
        span,
        value: Value::Array(items),
    }
}

struct Obj {
    span: Span,
    members: Vec<Member>,
}

impl Obj {
    fn new(span: Span) -> Obj {
        Obj {
            span,
            members: Vec::new(),
        }
    }
    fn put(&mut self, key: &str, v: Option<Node>) -> &mut Obj {
        if let Some(value) = v {
            self.members.push(Member {
                key: key.to_string(),
                key_span: value.span,
                value,
            });
        }
        self
    }
    fn list(&mut self, key: &str, items: Vec<Node>, span: Span) -> &mut Obj {
        if !items.is_empty() {
            self.put(key, Some(arr(items, span)));
        }
        self
    }
    fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
    fn node(self) -> Node {
        Node {
            span: self.span,
            value: Value::Object(self.members),
        }
    }
    fn some(self) -> Option<Node> {
        (!self.is_empty()).then(|| self.node())
    }
}

fn is_null(n: &Node) -> bool {
    matches!(n.value, Value::Null)
}

fn member<'a>(n: Option<&'a Node>, key: &str) -> Option<&'a Member> {
    n?.as_object()?.iter().rev().find(|m| m.key == key)
}

/// A position in a resource: known values, the `after_unknown` tree and the configuration expressions
/// side by side, plus the span to use for values that are not in the file.
#[derive(Clone, Copy)]
struct Cur<'a> {
    values: Option<&'a Node>,
    unknown: Option<&'a Node>,
    exprs: Option<&'a Node>,
    anchor: Span,
}

impl<'a> Cur<'a> {
    fn root(r: &PlanResource<'a>) -> Cur<'a> {
        Cur {
            values: r.values,
            unknown: r.unknown,
            exprs: r.config.and_then(|c| c.get("expressions")),
            anchor: r.address_span,
        }
    }
    fn get(&self, key: &str) -> Cur<'a> {
        let m = member(self.values, key).filter(|m| !is_null(&m.value));
        Cur {
            values: m.map(|m| &m.value),
            unknown: self.unknown.and_then(|u| u.get(key)),
            exprs: self.exprs.and_then(|e| e.get(key)),
            anchor: m.map_or(self.anchor, |m| m.key_span),
        }
    }
    fn is_unknown(&self) -> bool {
        self.values.is_none() && matches!(self.unknown.map(|u| &u.value), Some(Value::Bool(true)))
    }
    /// The items of a nested block list (or of a list of scalars).
    fn items(&self) -> Vec<Cur<'a>> {
        let Some(items) = self.values.and_then(Node::as_array) else {
            return Vec::new();
        };
        let exprs = self.exprs.and_then(Node::as_array).unwrap_or(&[]);
        let unknown = self.unknown.and_then(Node::as_array).unwrap_or(&[]);
        items
            .iter()
            .enumerate()
            .map(|(i, n)| Cur {
                values: (!is_null(n)).then_some(n),
                unknown: unknown.get(i),
                exprs: if exprs.len() == items.len() {
                    exprs.get(i)
                } else {
                    None
                },
                anchor: n.span,
            })
            .collect()
    }
    /// The first item of a nested block (`versioning_configuration[0]`).
    fn block(&self, key: &str) -> Option<Cur<'a>> {
        let c = self.get(key);
        let first = c.items().into_iter().next()?;
        Some(Cur {
            exprs: first
                .exprs
                .or_else(|| c.exprs.and_then(Node::as_array).and_then(|a| a.first())),
            ..first
        })
    }
    fn blocks(&self, key: &str) -> Vec<Cur<'a>> {
        self.get(key).items()
    }
}

// ------------------------------------------------------------------ translation context

struct Tr<'p, 'a> {
    plan: &'p Plan<'a>,
    bindings: &'p Bindings,
    src: &'p SourceFile,
    parsed: &'p mut Parsed,
    /// Bucket name → `aws_s3_bucket` index.
    bucket_names: HashMap<&'a str, usize>,
    /// Role name → `aws_iam_role` index.
    role_names: HashMap<&'a str, usize>,
    /// Security group id → `aws_security_group` index.
    sg_ids: HashMap<&'a str, usize>,
}

impl<'p, 'a> Tr<'p, 'a> {
    fn res(&self, i: usize) -> &'p PlanResource<'a> {
        &self.plan.resources[i]
    }
    fn stack_of(&self, i: usize) -> &'p str {
        let t = self.bindings.of_resource[i].unwrap_or(0);
        &self.bindings.targets[t].stack
    }
    fn binding_of(&self, i: usize) -> &'p crate::load::cfn::Binding {
        let t = self.bindings.of_resource[i].unwrap_or(0);
        &self.bindings.targets[t].binding
    }

    /// The identity the model registers for attribute `attr` of resource `i`.
    fn identity(&self, i: usize, attr: &str) -> String {
        let r = self.res(i);
        if let Some(v) = r.value(attr).and_then(crate::model::props::scalar_of) {
            return v;
        }
        let gen = |a: &str| generated(self.stack_of(i), r.address, a);
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
        r.str("bucket")
            .map(str::to_string)
            .unwrap_or_else(|| generated(self.stack_of(i), r.address, "BucketName"))
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
    fn referenced_resources(&self, from: &PlanResource, expr: Option<&Node>) -> Vec<usize> {
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
    fn own_symbol(&self, r: &PlanResource, what: &str) -> String {
        let i = self.plan.index_of(r.address).unwrap_or(0);
        symbol(&format!(
            "{what} of {}, known after apply (stack {})",
            r.address,
            self.stack_of(i)
        ))
    }

    /// A scalar attribute: the known node, a symbol when unknown, `None` when absent.
    fn leaf(&self, r: &PlanResource, c: Cur, key: &str) -> Option<Node> {
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
            .unwrap_or_else(|| self.own_symbol(r, key));
        Some(s(id, v.anchor))
    }

    /// A non-empty string attribute (Terraform writes `""` for unset optional strings).
    fn text(&self, r: &PlanResource, c: Cur, key: &str) -> Option<Node> {
        self.leaf(r, c, key)
            .filter(|n| n.as_str().is_none_or(|t| !t.is_empty()))
    }

    /// A list of strings (`security_groups`, `subnets`, `cidr_blocks`): known items, symbols for unknown
    /// ones (one per referenced resource when the whole list is unknown).
    fn strings(&self, r: &PlanResource, c: Cur, key: &str) -> Vec<Node> {
        let v = c.get(key);
        if v.is_unknown() {
            let ids = self.referenced(r, v.exprs);
            if ids.is_empty() {
                return vec![s(self.own_symbol(r, key), v.anchor)];
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
                        .unwrap_or_else(|| self.own_symbol(r, key));
                    Some(s(id, item.anchor))
                }
                None => None,
            })
            .collect()
    }

    /// A policy attribute as a parsed document; a stand-in with symbols when unknown.
    fn policy(&mut self, r: &PlanResource, c: Cur, key: &str, kind: DocKind) -> Option<Node> {
        let v = c.get(key);
        if let Some(n) = v.values {
            let mut scratch = Vec::new();
            return policies::parse(n, self.src, self.parsed, &mut scratch);
        }
        if !v.is_unknown() {
            return None;
        }
        Some(standin(&self.own_symbol(r, key), kind, v.anchor))
    }

    /// The `aws_s3_bucket` a satellite's `bucket` attribute names (known name, else the reference).
    fn bucket_of(&self, r: &PlanResource) -> Option<usize> {
        self.target_of(r, "bucket", &self.bucket_names, "aws_s3_bucket")
    }
    fn role_of(&self, r: &PlanResource) -> Option<usize> {
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

/// A policy Terraform will only know at apply time: one statement whose principal and resource are the
/// unknown itself, so the engine answers "depends on" (→ UNPROVEN), never "allowed" or "missing".
fn standin(label: &str, kind: DocKind, span: Span) -> Node {
    let mut st = Obj::new(span);
    st.put("Sid", Some(s("UnknownUntilApply", span)));
    st.put("Effect", Some(s("Allow", span)));
    if kind.needs_principal() {
        let mut p = Obj::new(span);
        p.put("AWS", Some(s(label, span)));
        st.put("Principal", Some(p.node()));
    }
    st.put("Action", Some(s("*", span)));
    st.put("Resource", Some(s(label, span)));
    let mut doc = Obj::new(span);
    doc.put("Version", Some(s("2012-10-17", span)));
    doc.put("Statement", Some(arr(vec![st.node()], span)));
    doc.node()
}

// ------------------------------------------------------------------ per type

/// Satellites folded into their parent, by parent index.
#[derive(Default)]
struct Folded {
    bucket: HashMap<usize, Vec<usize>>,
    role_attachments: HashMap<usize, Vec<usize>>,
    /// Roles with `aws_iam_role_policy` resources (their `inline_policy` mirrors those when not
    /// configured).
    role_policies: HashMap<usize, usize>,
    /// Groups with standalone rules (their `ingress`/`egress` mirror those when not configured).
    sg_rules: HashMap<usize, usize>,
}

/// Whether an Optional+Computed attribute should be read: written in the configuration, or nothing
/// else manages it.
fn use_inline(r: &PlanResource, key: &str, managed_elsewhere: bool) -> bool {
    r.config.is_none() || r.expression(key).is_some() || !managed_elsewhere
}

fn bucket(t: &mut Tr, i: usize, folded: &Folded) -> Node {
    let r = t.res(i);
    let c = Cur::root(r);
    let mut p = Obj::new(r.values.map_or(r.node.span, |v| v.span));
    p.put("BucketName", t.text(r, c, "bucket"));
    let parts: Vec<usize> = folded.bucket.get(&i).cloned().unwrap_or_default();
    let part = |ty: &str| parts.iter().copied().find(|j| t.res(*j).type_name == ty);
    // Object lock.
    let lock = match part("aws_s3_bucket_object_lock_configuration") {
        Some(j) => {
            let lr = t.res(j);
            match lr.value("object_lock_enabled") {
                Some(n) => Some(Node {
                    span: n.span,
                    value: Value::Bool(n.as_str() == Some("Enabled")),
                }),
                None => Some(Node {
                    span: lr.address_span,
                    value: Value::Bool(true),
                }),
            }
        }
        None => t
            .leaf(r, c, "object_lock_enabled")
            .filter(|n| matches!(n.value, Value::Bool(true))),
    };
    p.put("ObjectLockEnabled", lock);
    // Versioning.
    let versioning = match part("aws_s3_bucket_versioning") {
        Some(j) => {
            let vr = t.res(j);
            Cur::root(vr)
                .block("versioning_configuration")
                .and_then(|b| t.text(vr, b, "status"))
        }
        None if use_inline(r, "versioning", false) => c.block("versioning").and_then(|b| {
            let n = b.values?.get("enabled")?;
            let on = matches!(n.value, Value::Bool(true));
            Some(s(if on { "Enabled" } else { "Suspended" }, n.span))
        }),
        None => None,
    };
    if let Some(v) = versioning {
        let mut o = Obj::new(v.span);
        o.put("Status", Some(v));
        p.put("VersioningConfiguration", o.some());
    }
    // Default encryption.
    let (enc_res, enc) = match part("aws_s3_bucket_server_side_encryption_configuration") {
        Some(j) => (t.res(j), Some(Cur::root(t.res(j)))),
        None => (r, c.block("server_side_encryption_configuration")),
    };
    if let Some(enc) = enc {
        let rules: Vec<Node> = enc
            .blocks("rule")
            .into_iter()
            .map(|rule| {
                let mut o = Obj::new(rule.anchor);
                if let Some(d) = rule.block("apply_server_side_encryption_by_default") {
                    let mut by = Obj::new(d.anchor);
                    by.put("SSEAlgorithm", t.text(enc_res, d, "sse_algorithm"));
                    by.put("KMSMasterKeyID", t.text(enc_res, d, "kms_master_key_id"));
                    o.put("ServerSideEncryptionByDefault", by.some());
                }
                o.put(
                    "BucketKeyEnabled",
                    t.leaf(enc_res, rule, "bucket_key_enabled"),
                );
                o.node()
            })
            .collect();
        if !rules.is_empty() {
            let span = rules[0].span;
            let mut be = Obj::new(span);
            be.list("ServerSideEncryptionConfiguration", rules, span);
            p.put("BucketEncryption", be.some());
        }
    }
    // Ownership.
    if let Some(j) = part("aws_s3_bucket_ownership_controls") {
        let or = t.res(j);
        if let Some(own) = Cur::root(or)
            .block("rule")
            .and_then(|b| t.text(or, b, "object_ownership"))
        {
            let mut rule = Obj::new(own.span);
            rule.put("ObjectOwnership", Some(own.clone()));
            let mut o = Obj::new(own.span);
            o.list("Rules", vec![rule.node()], own.span);
            p.put("OwnershipControls", o.some());
        }
    }
    // Replication.
    let replication = match part("aws_s3_bucket_replication_configuration") {
        Some(j) => replication(t, j),
        None if use_inline(r, "replication_configuration", false) => legacy_replication(t, i),
        None => None,
    };
    p.put("ReplicationConfiguration", replication);
    p.node()
}

fn status_block(t: &Tr, r: &PlanResource, c: Cur, key: &str) -> Option<Node> {
    let b = c.block(key)?;
    let st = t.text(r, b, "status")?;
    let mut o = Obj::new(b.anchor);
    o.put("Status", Some(st));
    o.some()
}

fn replication(t: &Tr, j: usize) -> Option<Node> {
    let r = t.res(j);
    let c = Cur::root(r);
    let mut p = Obj::new(r.values.map_or(r.node.span, |v| v.span));
    p.put("Role", t.text(r, c, "role"));
    let rules: Vec<Node> = c
        .blocks("rule")
        .into_iter()
        .map(|rule| {
            let mut o = Obj::new(rule.anchor);
            o.put("Id", t.text(r, rule, "id"));
            o.put("Priority", t.leaf(r, rule, "priority"));
            o.put("Status", t.text(r, rule, "status"));
            o.put("Prefix", t.text(r, rule, "prefix"));
            if let Some(f) = rule.block("filter") {
                let mut fo = Obj::new(f.anchor);
                fo.put("Prefix", t.leaf(r, f, "prefix"));
                if let Some(tag) = f.block("tag") {
                    fo.put("TagFilter", Some(tag_node(t, r, tag)));
                }
                if let Some(and) = f.block("and") {
                    let mut ao = Obj::new(and.anchor);
                    ao.put("Prefix", t.leaf(r, and, "prefix"));
                    ao.list("TagFilters", tag_map(and.get("tags").values), and.anchor);
                    fo.put("And", Some(ao.node()));
                }
                o.put("Filter", Some(fo.node()));
            }
            if let Some(d) = rule.block("destination") {
                let mut dst = Obj::new(d.anchor);
                dst.put("Bucket", t.text(r, d, "bucket"));
                dst.put("Account", t.text(r, d, "account"));
                dst.put("StorageClass", t.text(r, d, "storage_class"));
                if let Some(a) = d.block("access_control_translation") {
                    let mut ao = Obj::new(a.anchor);
                    ao.put("Owner", t.text(r, a, "owner"));
                    dst.put("AccessControlTranslation", Some(ao.node()));
                }
                if let Some(e) = d.block("encryption_configuration") {
                    let mut eo = Obj::new(e.anchor);
                    eo.put("ReplicaKmsKeyID", t.text(r, e, "replica_kms_key_id"));
                    dst.put("EncryptionConfiguration", Some(eo.node()));
                }
                if let Some(m) = d.block("metrics") {
                    let mut mo = Obj::new(m.anchor);
                    mo.put("Status", t.text(r, m, "status"));
                    if let Some(et) = m.block("event_threshold") {
                        let mut x = Obj::new(et.anchor);
                        x.put("Minutes", t.leaf(r, et, "minutes"));
                        mo.put("EventThreshold", Some(x.node()));
                    }
                    dst.put("Metrics", Some(mo.node()));
                }
                if let Some(rt) = d.block("replication_time") {
                    let mut ro = Obj::new(rt.anchor);
                    ro.put("Status", t.text(r, rt, "status"));
                    if let Some(tm) = rt.block("time") {
                        let mut x = Obj::new(tm.anchor);
                        x.put("Minutes", t.leaf(r, tm, "minutes"));
                        ro.put("Time", Some(x.node()));
                    }
                    dst.put("ReplicationTime", Some(ro.node()));
                }
                o.put("Destination", Some(dst.node()));
            }
            o.put(
                "DeleteMarkerReplication",
                status_block(t, r, rule, "delete_marker_replication"),
            );
            if let Some(ssc) = rule.block("source_selection_criteria") {
                let mut so = Obj::new(ssc.anchor);
                so.put(
                    "SseKmsEncryptedObjects",
                    status_block(t, r, ssc, "sse_kms_encrypted_objects"),
                );
                so.put(
                    "ReplicaModifications",
                    status_block(t, r, ssc, "replica_modifications"),
                );
                o.put("SourceSelectionCriteria", Some(so.node()));
            }
            o.put(
                "ExistingObjectReplication",
                status_block(t, r, rule, "existing_object_replication"),
            );
            o.node()
        })
        .collect();
    let span = c.get("rule").anchor;
    p.put("Rules", Some(arr(rules, span)));
    Some(p.node())
}

/// `aws_s3_bucket.replication_configuration` (provider v3 style, deprecated).
fn legacy_replication(t: &Tr, i: usize) -> Option<Node> {
    let r = t.res(i);
    let rc = Cur::root(r).block("replication_configuration")?;
    let mut p = Obj::new(rc.anchor);
    p.put("Role", t.text(r, rc, "role"));
    let rules: Vec<Node> = rc
        .blocks("rules")
        .into_iter()
        .map(|rule| {
            let mut o = Obj::new(rule.anchor);
            o.put("Id", t.text(r, rule, "id"));
            o.put("Priority", t.leaf(r, rule, "priority"));
            o.put("Status", t.text(r, rule, "status"));
            o.put("Prefix", t.text(r, rule, "prefix"));
            if let Some(f) = rule.block("filter") {
                let mut fo = Obj::new(f.anchor);
                let tags = tag_map(f.get("tags").values);
                if tags.is_empty() {
                    fo.put("Prefix", t.leaf(r, f, "prefix"));
                } else {
                    let mut ao = Obj::new(f.anchor);
                    ao.put("Prefix", t.text(r, f, "prefix"));
                    ao.list("TagFilters", tags, f.anchor);
                    fo.put("And", Some(ao.node()));
                }
                o.put("Filter", Some(fo.node()));
            }
            if let Some(st) = t.text(r, rule, "delete_marker_replication_status") {
                let mut d = Obj::new(st.span);
                d.put("Status", Some(st));
                o.put("DeleteMarkerReplication", Some(d.node()));
            }
            if let Some(d) = rule.block("destination") {
                let mut dst = Obj::new(d.anchor);
                dst.put("Bucket", t.text(r, d, "bucket"));
                dst.put("Account", t.text(r, d, "account_id"));
                dst.put("StorageClass", t.text(r, d, "storage_class"));
                if let Some(a) = d.block("access_control_translation") {
                    let mut ao = Obj::new(a.anchor);
                    ao.put("Owner", t.text(r, a, "owner"));
                    dst.put("AccessControlTranslation", Some(ao.node()));
                }
                if let Some(k) = t.text(r, d, "replica_kms_key_id") {
                    let mut eo = Obj::new(k.span);
                    eo.put("ReplicaKmsKeyID", Some(k));
                    dst.put("EncryptionConfiguration", Some(eo.node()));
                }
                o.put("Destination", Some(dst.node()));
            }
            if let Some(ssc) = rule.block("source_selection_criteria") {
                if let Some(sk) = ssc.block("sse_kms_encrypted_objects") {
                    if let Some(n) = sk.values.and_then(|v| v.get("enabled")) {
                        let on = matches!(n.value, Value::Bool(true));
                        let mut st = Obj::new(n.span);
                        st.put(
                            "Status",
                            Some(s(if on { "Enabled" } else { "Disabled" }, n.span)),
                        );
                        let mut so = Obj::new(ssc.anchor);
                        so.put("SseKmsEncryptedObjects", Some(st.node()));
                        o.put("SourceSelectionCriteria", Some(so.node()));
                    }
                }
            }
            o.node()
        })
        .collect();
    if rules.is_empty() {
        return None;
    }
    p.put("Rules", Some(arr(rules, rc.anchor)));
    Some(p.node())
}

fn tag_node(t: &Tr, r: &PlanResource, c: Cur) -> Node {
    let mut o = Obj::new(c.anchor);
    o.put("Key", t.leaf(r, c, "key"));
    o.put("Value", t.leaf(r, c, "value"));
    o.node()
}

/// A Terraform `tags` map → CloudFormation `[{Key, Value}]`.
fn tag_map(n: Option<&Node>) -> Vec<Node> {
    n.and_then(Node::as_object)
        .unwrap_or(&[])
        .iter()
        .map(|m| {
            let mut o = Obj::new(m.key_span.cover(m.value.span));
            o.put("Key", Some(s(m.key.clone(), m.key_span)));
            o.put("Value", Some(m.value.clone()));
            o.node()
        })
        .collect()
}

fn role(t: &mut Tr, i: usize, folded: &Folded) -> Node {
    let r = t.res(i);
    let c = Cur::root(r);
    let mut p = Obj::new(r.values.map_or(r.node.span, |v| v.span));
    p.put("RoleName", t.text(r, c, "name"));
    p.put("Path", t.text(r, c, "path"));
    let trust = t.policy(r, c, "assume_role_policy", DocKind::Trust);
    p.put("AssumeRolePolicyDocument", trust);
    if use_inline(r, "inline_policy", folded.role_policies.contains_key(&i)) {
        let mut inline = Vec::new();
        for b in c.blocks("inline_policy") {
            let Some(doc) = t.policy(r, b, "policy", DocKind::Identity) else {
                continue;
            };
            let mut o = Obj::new(b.anchor);
            o.put("PolicyName", t.text(r, b, "name"));
            o.put("PolicyDocument", Some(doc));
            inline.push(o.node());
        }
        p.list("Policies", inline, c.get("inline_policy").anchor);
    }
    let mut managed = Vec::new();
    if use_inline(
        r,
        "managed_policy_arns",
        folded.role_attachments.contains_key(&i),
    ) {
        managed = t.strings(r, c, "managed_policy_arns");
    }
    for &a in folded
        .role_attachments
        .get(&i)
        .map_or(&[][..], Vec::as_slice)
    {
        let ar = t.res(a);
        if let Some(n) = t.text(ar, Cur::root(ar), "policy_arn") {
            if !managed.iter().any(|m| m.as_str() == n.as_str()) {
                managed.push(n);
            }
        }
    }
    p.list(
        "ManagedPolicyArns",
        managed,
        c.get("managed_policy_arns").anchor,
    );
    p.put("PermissionsBoundary", t.text(r, c, "permissions_boundary"));
    p.node()
}

/// `aws_iam_role_policy` → `AWS::IAM::RolePolicy`, `aws_iam_policy` → `ManagedPolicy`,
/// `aws_iam_user_policy`/`aws_iam_group_policy` → `AWS::IAM::Policy`.
fn iam_policy(t: &mut Tr, i: usize) -> Node {
    let r = t.res(i);
    let c = Cur::root(r);
    let mut p = Obj::new(r.values.map_or(r.node.span, |v| v.span));
    let name_key = if r.type_name == "aws_iam_policy" {
        "ManagedPolicyName"
    } else {
        "PolicyName"
    };
    p.put(name_key, t.text(r, c, "name"));
    match r.type_name {
        "aws_iam_policy" => {
            p.put("Path", t.text(r, c, "path"));
        }
        "aws_iam_role_policy" => {
            // `role` is the role's name (or id, which is the name).
            let role = match r.str("role") {
                Some(_) => t.text(r, c, "role"),
                None => t
                    .role_of(r)
                    .map(|ri| s(t.identity(ri, "name"), c.get("role").anchor)),
            };
            p.put("RoleName", role.or_else(|| t.leaf(r, c, "role")));
        }
        "aws_iam_user_policy" => {
            let u: Vec<Node> = t.text(r, c, "user").into_iter().collect();
            p.list("Users", u, c.get("user").anchor);
        }
        "aws_iam_group_policy" => {
            let g: Vec<Node> = t.text(r, c, "group").into_iter().collect();
            p.list("Groups", g, c.get("group").anchor);
        }
        _ => {}
    }
    let doc = t.policy(r, c, "policy", DocKind::Identity);
    p.put("PolicyDocument", doc);
    p.node()
}

fn simple_policy_holder(t: &mut Tr, i: usize, key: &str, kind: DocKind) -> Option<Node> {
    let r = t.res(i);
    let c = Cur::root(r);
    t.policy(r, c, key, kind)
}

fn kms_key(t: &mut Tr, i: usize) -> Node {
    let r = t.res(i);
    let c = Cur::root(r);
    let mut p = Obj::new(r.values.map_or(r.node.span, |v| v.span));
    // Optional + computed: when the configuration sets no policy, AWS applies its default key policy
    // (what the model assumes for a key without `KeyPolicy`).
    if r.config.is_none() || r.expression("policy").is_some() {
        let doc = simple_policy_holder(t, i, "policy", DocKind::KeyPolicy);
        p.put("KeyPolicy", doc);
    }
    let spec = t
        .text(r, c, "customer_master_key_spec")
        .or_else(|| t.text(r, c, "key_spec"));
    p.put("KeySpec", spec);
    p.put("KeyUsage", t.text(r, c, "key_usage"));
    p.put("MultiRegion", t.leaf(r, c, "multi_region"));
    p.put("Enabled", t.leaf(r, c, "is_enabled"));
    p.put("EnableKeyRotation", t.leaf(r, c, "enable_key_rotation"));
    p.put(
        "PendingWindowInDays",
        t.leaf(r, c, "deletion_window_in_days"),
    );
    p.node()
}

/// One CloudFormation rule per source of a Terraform rule (CIDRs, IPv6 CIDRs, groups, prefix lists,
/// `self`).
fn sg_rules(t: &Tr, r: &PlanResource, c: Cur, ingress: bool, own: Option<Node>) -> Vec<Node> {
    let (peer_key, prefix_key) = if ingress {
        ("SourceSecurityGroupId", "SourcePrefixListId")
    } else {
        ("DestinationSecurityGroupId", "DestinationPrefixListId")
    };
    let base = |o: &mut Obj| {
        o.put("IpProtocol", t.text(r, c, "protocol"));
        o.put("FromPort", t.leaf(r, c, "from_port"));
        o.put("ToPort", t.leaf(r, c, "to_port"));
        o.put("Description", t.text(r, c, "description"));
    };
    let mut out = Vec::new();
    let sources: [(&str, &str); 4] = [
        ("cidr_blocks", "CidrIp"),
        ("ipv6_cidr_blocks", "CidrIpv6"),
        ("prefix_list_ids", prefix_key),
        ("security_groups", peer_key),
    ];
    for (tf, cfn) in sources {
        let key =
            if tf == "security_groups" && c.get(tf).values.is_none() && !c.get(tf).is_unknown() {
                "source_security_group_id"
            } else {
                tf
            };
        let items = if key == "source_security_group_id" {
            t.text(r, c, key).into_iter().collect()
        } else {
            t.strings(r, c, key)
        };
        for v in items {
            let mut o = Obj::new(v.span);
            base(&mut o);
            o.put(cfn, Some(v));
            out.push(o.node());
        }
    }
    if let (Some(n), Some(own)) = (c.get("self").values, own) {
        if matches!(n.value, Value::Bool(true)) {
            let mut o = Obj::new(n.span);
            base(&mut o);
            o.put(
                peer_key,
                Some(Node {
                    span: n.span,
                    ..own
                }),
            );
            out.push(o.node());
        }
    }
    out
}

fn security_group(t: &Tr, i: usize, folded: &Folded) -> Node {
    let r = t.res(i);
    let c = Cur::root(r);
    let mut p = Obj::new(r.values.map_or(r.node.span, |v| v.span));
    p.put("GroupName", t.text(r, c, "name"));
    p.put("GroupDescription", t.text(r, c, "description"));
    p.put("VpcId", t.text(r, c, "vpc_id"));
    let own = Some(s(t.identity(i, "id"), r.address_span));
    let elsewhere = folded.sg_rules.contains_key(&i);
    for (key, cfn, ingress) in [
        ("ingress", "SecurityGroupIngress", true),
        ("egress", "SecurityGroupEgress", false),
    ] {
        let mut rules = Vec::new();
        if use_inline(r, key, elsewhere) {
            for b in c.blocks(key) {
                rules.extend(sg_rules(t, r, b, ingress, own.clone()));
            }
        }
        // Terraform removes the default allow-all egress: the egress list is always "written".
        if ingress {
            p.list(cfn, rules, c.get(key).anchor);
        } else {
            p.put(cfn, Some(arr(rules, c.get(key).anchor)));
        }
    }
    p.node()
}

/// `aws_security_group_rule` → one `AWS::EC2::SecurityGroupIngress/Egress` per source.
fn standalone_rules(t: &Tr, i: usize) -> Vec<(&'static str, Node)> {
    let r = t.res(i);
    let c = Cur::root(r);
    let ingress = r.str("type") != Some("egress");
    let ty = if ingress {
        "AWS::EC2::SecurityGroupIngress"
    } else {
        "AWS::EC2::SecurityGroupEgress"
    };
    let group = t.text(r, c, "security_group_id");
    let own = group.clone();
    sg_rules(t, r, c, ingress, own)
        .into_iter()
        .map(|mut n| {
            if let Value::Object(m) = &mut n.value {
                if let Some(g) = group.clone() {
                    m.insert(
                        0,
                        Member {
                            key: "GroupId".into(),
                            key_span: g.span,
                            value: g,
                        },
                    );
                }
            }
            (ty, n)
        })
        .collect()
}

/// `aws_vpc_security_group_ingress_rule` / `_egress_rule`: one source each.
fn vpc_rule(t: &Tr, i: usize) -> (&'static str, Node) {
    let r = t.res(i);
    let c = Cur::root(r);
    let ingress = r.type_name.ends_with("ingress_rule");
    let mut p = Obj::new(r.values.map_or(r.node.span, |v| v.span));
    p.put("GroupId", t.text(r, c, "security_group_id"));
    p.put("IpProtocol", t.text(r, c, "ip_protocol"));
    p.put("FromPort", t.leaf(r, c, "from_port"));
    p.put("ToPort", t.leaf(r, c, "to_port"));
    p.put("CidrIp", t.text(r, c, "cidr_ipv4"));
    p.put("CidrIpv6", t.text(r, c, "cidr_ipv6"));
    p.put("Description", t.text(r, c, "description"));
    let (peer, prefix, ty) = if ingress {
        (
            "SourceSecurityGroupId",
            "SourcePrefixListId",
            "AWS::EC2::SecurityGroupIngress",
        )
    } else {
        (
            "DestinationSecurityGroupId",
            "DestinationPrefixListId",
            "AWS::EC2::SecurityGroupEgress",
        )
    };
    p.put(peer, t.text(r, c, "referenced_security_group_id"));
    p.put(prefix, t.text(r, c, "prefix_list_id"));
    (ty, p.node())
}

fn load_balancer(t: &Tr, i: usize) -> Node {
    let r = t.res(i);
    let c = Cur::root(r);
    let mut p = Obj::new(r.values.map_or(r.node.span, |v| v.span));
    p.put("Name", t.text(r, c, "name"));
    if let Some(n) = c.get("internal").values {
        let internal = matches!(n.value, Value::Bool(true));
        p.put(
            "Scheme",
            Some(s(
                if internal {
                    "internal"
                } else {
                    "internet-facing"
                },
                n.span,
            )),
        );
    }
    p.put("Type", t.text(r, c, "load_balancer_type"));
    p.put("IpAddressType", t.text(r, c, "ip_address_type"));
    p.list(
        "Subnets",
        t.strings(r, c, "subnets"),
        c.get("subnets").anchor,
    );
    let mappings: Vec<Node> = c
        .blocks("subnet_mapping")
        .into_iter()
        .filter_map(|m| {
            let mut o = Obj::new(m.anchor);
            o.put("SubnetId", t.text(r, m, "subnet_id"));
            o.some()
        })
        .collect();
    p.list("SubnetMappings", mappings, c.get("subnet_mapping").anchor);
    p.list(
        "SecurityGroups",
        t.strings(r, c, "security_groups"),
        c.get("security_groups").anchor,
    );
    p.node()
}

fn lb_listener(t: &Tr, i: usize) -> Node {
    let r = t.res(i);
    let c = Cur::root(r);
    let mut p = Obj::new(r.values.map_or(r.node.span, |v| v.span));
    p.put("LoadBalancerArn", t.text(r, c, "load_balancer_arn"));
    p.put("Port", t.leaf(r, c, "port"));
    p.put("Protocol", t.text(r, c, "protocol"));
    let actions: Vec<Node> = c
        .blocks("default_action")
        .into_iter()
        .map(|a| {
            let mut o = Obj::new(a.anchor);
            o.put("Type", t.text(r, a, "type"));
            o.put("TargetGroupArn", t.text(r, a, "target_group_arn"));
            if let Some(f) = a.block("forward") {
                let tgs: Vec<Node> = f
                    .blocks("target_group")
                    .into_iter()
                    .map(|tg| {
                        let mut x = Obj::new(tg.anchor);
                        x.put("TargetGroupArn", t.text(r, tg, "arn"));
                        x.node()
                    })
                    .collect();
                let mut fo = Obj::new(f.anchor);
                fo.list("TargetGroups", tgs, f.anchor);
                o.put("ForwardConfig", Some(fo.node()));
            }
            o.node()
        })
        .collect();
    p.list("DefaultActions", actions, c.get("default_action").anchor);
    p.node()
}

fn target_group(t: &Tr, i: usize) -> Node {
    let r = t.res(i);
    let c = Cur::root(r);
    let mut p = Obj::new(r.values.map_or(r.node.span, |v| v.span));
    p.put("Port", t.leaf(r, c, "port"));
    p.put("Protocol", t.text(r, c, "protocol"));
    p.put("TargetType", t.text(r, c, "target_type"));
    p.put("VpcId", t.text(r, c, "vpc_id"));
    if let Some(h) = c.block("health_check") {
        p.put("HealthCheckPort", t.text(r, h, "port"));
        p.put("HealthCheckProtocol", t.text(r, h, "protocol"));
        p.put("HealthCheckEnabled", t.leaf(r, h, "enabled"));
    }
    p.node()
}

fn accelerator(t: &Tr, i: usize) -> Node {
    let r = t.res(i);
    let c = Cur::root(r);
    let mut p = Obj::new(r.values.map_or(r.node.span, |v| v.span));
    p.put("Name", t.text(r, c, "name"));
    p.put("IpAddressType", t.text(r, c, "ip_address_type"));
    p.put("Enabled", t.leaf(r, c, "enabled"));
    p.node()
}

fn ga_listener(t: &Tr, i: usize) -> Node {
    let r = t.res(i);
    let c = Cur::root(r);
    let mut p = Obj::new(r.values.map_or(r.node.span, |v| v.span));
    p.put("AcceleratorArn", t.text(r, c, "accelerator_arn"));
    p.put("Protocol", t.text(r, c, "protocol"));
    p.put("ClientAffinity", t.text(r, c, "client_affinity"));
    let ranges: Vec<Node> = c
        .blocks("port_range")
        .into_iter()
        .map(|pr| {
            let mut o = Obj::new(pr.anchor);
            o.put("FromPort", t.leaf(r, pr, "from_port"));
            o.put("ToPort", t.leaf(r, pr, "to_port"));
            o.node()
        })
        .collect();
    p.list("PortRanges", ranges, c.get("port_range").anchor);
    p.node()
}

fn endpoint_group(t: &Tr, i: usize) -> Node {
    let r = t.res(i);
    let c = Cur::root(r);
    let mut p = Obj::new(r.values.map_or(r.node.span, |v| v.span));
    p.put("ListenerArn", t.text(r, c, "listener_arn"));
    p.put("EndpointGroupRegion", t.text(r, c, "endpoint_group_region"));
    let eps: Vec<Node> = c
        .blocks("endpoint_configuration")
        .into_iter()
        .map(|e| {
            let mut o = Obj::new(e.anchor);
            o.put("EndpointId", t.text(r, e, "endpoint_id"));
            o.put("Weight", t.leaf(r, e, "weight"));
            o.put(
                "ClientIPPreservationEnabled",
                t.leaf(r, e, "client_ip_preservation_enabled"),
            );
            o.node()
        })
        .collect();
    p.list(
        "EndpointConfigurations",
        eps,
        c.get("endpoint_configuration").anchor,
    );
    p.put(
        "TrafficDialPercentage",
        t.leaf(r, c, "traffic_dial_percentage"),
    );
    p.put("HealthCheckPort", t.leaf(r, c, "health_check_port"));
    p.put("HealthCheckProtocol", t.text(r, c, "health_check_protocol"));
    p.put("HealthCheckPath", t.text(r, c, "health_check_path"));
    p.put(
        "HealthCheckIntervalSeconds",
        t.leaf(r, c, "health_check_interval_seconds"),
    );
    p.put("ThresholdCount", t.leaf(r, c, "threshold_count"));
    let overrides: Vec<Node> = c
        .blocks("port_override")
        .into_iter()
        .map(|o| {
            let mut x = Obj::new(o.anchor);
            x.put("ListenerPort", t.leaf(r, o, "listener_port"));
            x.put("EndpointPort", t.leaf(r, o, "endpoint_port"));
            x.node()
        })
        .collect();
    p.list("PortOverrides", overrides, c.get("port_override").anchor);
    p.node()
}

fn props(t: &Tr, i: usize, pairs: &[(&str, &str)]) -> Node {
    let r = t.res(i);
    let c = Cur::root(r);
    let mut p = Obj::new(r.values.map_or(r.node.span, |v| v.span));
    for (cfn, tf) in pairs {
        p.put(cfn, t.text(r, c, tf).or_else(|| t.leaf(r, c, tf)));
    }
    p.node()
}

// ------------------------------------------------------------------ driver

/// Synthetic `Metadata.trustlint` pinning the physical ARN / id the plan already knows, so literal
/// references from other files link exactly (architecture.md, "Linking literal identifiers", step 1).
fn pins(r: &PlanResource) -> Option<Node> {
    let span = r.address_span;
    let mut m = Obj::new(span);
    if let Some(a) = r
        .value("arn")
        .filter(|a| a.as_str().is_some_and(|s| s.starts_with("arn:")))
    {
        m.put("arn", Some(a.clone()));
    }
    let id_attr = match r.type_name {
        "aws_security_group" | "aws_vpc" | "aws_subnet" | "aws_internet_gateway" => Some("id"),
        "aws_kms_key" => Some("key_id"),
        _ => None,
    };
    if let Some(id) = id_attr
        .and_then(|k| r.value(k))
        .filter(|n| n.as_str().is_some())
    {
        m.put("id", Some(id.clone()));
    }
    let meta = m.some()?;
    let mut o = Obj::new(span);
    o.put("trustlint", Some(meta));
    Some(o.node())
}

fn fold(t: &Tr) -> Folded {
    let mut f = Folded::default();
    for (j, r) in t.plan.resources.iter().enumerate() {
        if r.data {
            continue;
        }
        match r.type_name {
            "aws_s3_bucket_versioning"
            | "aws_s3_bucket_server_side_encryption_configuration"
            | "aws_s3_bucket_ownership_controls"
            | "aws_s3_bucket_object_lock_configuration"
            | "aws_s3_bucket_replication_configuration" => {
                if let Some(b) = t.bucket_of(r) {
                    f.bucket.entry(b).or_default().push(j);
                }
            }
            "aws_iam_role_policy_attachment" => {
                if let Some(ro) = t.role_of(r) {
                    f.role_attachments.entry(ro).or_default().push(j);
                }
            }
            "aws_iam_role_policy" => {
                if let Some(ro) = t.role_of(r) {
                    *f.role_policies.entry(ro).or_default() += 1;
                }
            }
            "aws_security_group_rule"
            | "aws_vpc_security_group_ingress_rule"
            | "aws_vpc_security_group_egress_rule" => {
                let target = match r.str("security_group_id") {
                    Some(id) => t.sg_ids.get(id).copied(),
                    None => t
                        .referenced_resources(r, r.expression("security_group_id"))
                        .into_iter()
                        .find(|x| t.res(*x).type_name == "aws_security_group"),
                };
                if let Some(g) = target {
                    *f.sg_rules.entry(g).or_default() += 1;
                }
            }
            _ => {}
        }
    }
    f
}

/// Translate the plan's resources into one template per provider configuration.
pub fn templates(
    plan: &Plan,
    bindings: &Bindings,
    src: &SourceFile,
    parsed: &mut Parsed,
) -> Vec<Template> {
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
    let folded = fold(&t);
    let mut per_template: Vec<Vec<Resource>> = vec![Vec::new(); bindings.targets.len()];
    for i in 0..plan.resources.len() {
        let r = t.res(i);
        let Some(ti) = bindings.of_resource[i] else {
            continue;
        };
        if r.data {
            continue;
        }
        let one = |ty: &'static str, n: Node| vec![(ty, n)];
        let out: Vec<(&'static str, Node)> = match r.type_name {
            "aws_s3_bucket" => one("AWS::S3::Bucket", bucket(&mut t, i, &folded)),
            "aws_s3_bucket_policy" => {
                let mut p = Obj::new(r.values.map_or(r.node.span, |v| v.span));
                let c = Cur::root(r);
                p.put("Bucket", t.text(r, c, "bucket"));
                let doc = t.policy(r, c, "policy", DocKind::Resource);
                p.put("PolicyDocument", doc);
                one("AWS::S3::BucketPolicy", p.node())
            }
            "aws_iam_role" => one("AWS::IAM::Role", role(&mut t, i, &folded)),
            "aws_iam_role_policy" => one("AWS::IAM::RolePolicy", iam_policy(&mut t, i)),
            "aws_iam_policy" => one("AWS::IAM::ManagedPolicy", iam_policy(&mut t, i)),
            "aws_iam_user_policy" | "aws_iam_group_policy" => {
                one("AWS::IAM::Policy", iam_policy(&mut t, i))
            }
            "aws_kms_key" => one("AWS::KMS::Key", kms_key(&mut t, i)),
            "aws_kms_alias" => one(
                "AWS::KMS::Alias",
                props(
                    &t,
                    i,
                    &[("AliasName", "name"), ("TargetKeyId", "target_key_id")],
                ),
            ),
            "aws_security_group" => one("AWS::EC2::SecurityGroup", security_group(&t, i, &folded)),
            "aws_security_group_rule" => standalone_rules(&t, i),
            "aws_vpc_security_group_ingress_rule" | "aws_vpc_security_group_egress_rule" => {
                vec![vpc_rule(&t, i)]
            }
            "aws_lb" | "aws_alb" => one(
                "AWS::ElasticLoadBalancingV2::LoadBalancer",
                load_balancer(&t, i),
            ),
            "aws_lb_listener" | "aws_alb_listener" => {
                one("AWS::ElasticLoadBalancingV2::Listener", lb_listener(&t, i))
            }
            "aws_lb_target_group" | "aws_alb_target_group" => one(
                "AWS::ElasticLoadBalancingV2::TargetGroup",
                target_group(&t, i),
            ),
            "aws_globalaccelerator_accelerator" => {
                one("AWS::GlobalAccelerator::Accelerator", accelerator(&t, i))
            }
            "aws_globalaccelerator_listener" => {
                one("AWS::GlobalAccelerator::Listener", ga_listener(&t, i))
            }
            "aws_globalaccelerator_endpoint_group" => one(
                "AWS::GlobalAccelerator::EndpointGroup",
                endpoint_group(&t, i),
            ),
            "aws_vpc" => one(
                "AWS::EC2::VPC",
                props(&t, i, &[("CidrBlock", "cidr_block")]),
            ),
            "aws_subnet" => one(
                "AWS::EC2::Subnet",
                props(
                    &t,
                    i,
                    &[
                        ("VpcId", "vpc_id"),
                        ("CidrBlock", "cidr_block"),
                        ("AvailabilityZone", "availability_zone"),
                        ("MapPublicIpOnLaunch", "map_public_ip_on_launch"),
                    ],
                ),
            ),
            "aws_internet_gateway" => {
                let span = r.values.map_or(r.node.span, |v| v.span);
                let mut out = one("AWS::EC2::InternetGateway", Obj::new(span).node());
                let c = Cur::root(r);
                if let Some(vpc) = t.text(r, c, "vpc_id") {
                    let mut p = Obj::new(span);
                    p.put("VpcId", Some(vpc));
                    p.put(
                        "InternetGatewayId",
                        Some(s(t.identity(i, "id"), r.address_span)),
                    );
                    out.push(("AWS::EC2::VPCGatewayAttachment", p.node()));
                }
                out
            }
            "aws_internet_gateway_attachment" => one(
                "AWS::EC2::VPCGatewayAttachment",
                props(
                    &t,
                    i,
                    &[
                        ("VpcId", "vpc_id"),
                        ("InternetGatewayId", "internet_gateway_id"),
                    ],
                ),
            ),
            _ => Vec::new(),
        };
        let many = out.len() > 1;
        for (n, (ty, properties)) in out.into_iter().enumerate() {
            let logical_id = if n == 0 {
                r.address.to_string()
            } else if many && ty == "AWS::EC2::VPCGatewayAttachment" {
                format!("{}#attachment", r.address)
            } else {
                format!("{}#{}", r.address, n + 1)
            };
            per_template[ti].push(Resource {
                logical_id,
                logical_id_span: r.address_span,
                type_name: ty.to_string(),
                type_span: r.type_span,
                span: r.node.span,
                properties: Some(properties),
                metadata: if n == 0 { pins(r) } else { None },
                condition: None,
            });
        }
    }
    bindings
        .targets
        .iter()
        .zip(per_template)
        .enumerate()
        .filter(|(i, (_, res))| *i == 0 || !res.is_empty())
        .map(|(_, (target, resources))| Template {
            file: src.id,
            stack: target.stack.clone(),
            binding: target.binding.clone(),
            resources,
            outputs: Vec::new(),
            suppressions: Vec::new(),
        })
        .collect()
}
