//! The generic requirements checker: `rules/replication-requirements.toml` says what live replication
//! needs (principal, action, resource form, context, policies, rule id, severity); this module turns every
//! (enabled replication rule × applicable requirement × action) into a concrete engine [`Request`] and
//! evaluates it against every applicable policy. The rule id of a failure follows from the decision's
//! structured reasons — which policy lacks the grant, or which statement denies — so one defect gives one
//! finding; answers that depend on unknown values become `UNPROVEN`.
//!
//! Symbols: values CloudFormation generates for a resource (`‹BucketName of SourceBucket in stack s›`) are
//! unique to that resource, so two occurrences of the same one are the same value. Before evaluation every
//! such symbol — in the request and in every policy — is replaced by one stand-in token per label (a
//! pinned key id when the template pins it), so `${SourceBucket.Arn}/*` matches the bucket's objects.
//! Other symbols (parameters without default, unbound accounts and regions) stay unknown.

use super::common::{bucket_key_on, s3_service, sites, Site};
use super::dstpol_missing::META as DSTPOL_MISSING;
use super::dstpol_principal_path::META as DSTPOL_PRINCIPAL_PATH;
use super::role_boundary::META as ROLE_BOUNDARY;
use super::role_explicit_deny::META as ROLE_EXPLICIT_DENY;
use super::role_kms_encctx::META as ROLE_KMS_ENCCTX;
use super::role_kms_viaservice::META as ROLE_KMS_VIASERVICE;
use super::role_prefix_scope::META as ROLE_PREFIX_SCOPE;
use super::role_resource_form::META as ROLE_RESOURCE_FORM;
use super::role_trust_conditions::META as ROLE_TRUST_CONDITIONS;
use super::xreg_viaservice::META as XREG_VIASERVICE;
use super::Ctx;
use crate::eval::{
    evaluate, Applies, Decision, Miss, Missing, NamedPolicy, PolicyRole, PolicySet, Request,
    Subject, Tri, Unknown, Val, Verdict,
};
use crate::model::arn::Arn;
use crate::model::policy::parse_policy;
use crate::model::symbolic::{display, map_symbols, push};
use crate::model::{Model, Policy, PolicyDoc, PrincipalValue};
use crate::rules::{Finding, RuleId, RuleMeta, Severity};
use crate::source::{FileId, Span};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

const TABLE_TEXT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/rules/replication-requirements.toml"
));

/// The object key that stands for "any object under the rule's prefix".
const SAMPLE_KEY: &str = "trustlint-sample/object";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Feature {
    Always,
    DeleteMarkers,
    OwnerOverride,
    ObjectLock,
    SseKmsSource,
    SseKmsReplica,
    DestBucketKey,
    SourceBucketKeyOnly,
    DestDefaultKms,
    CrossAccount,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PrincipalSel {
    Role,
    S3Service,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ResForm {
    Role,
    SourceBucket,
    SourceObjects,
    DestBucket,
    DestObjects,
    SourceKey,
    ReplicaKey,
    DestDefaultKey,
}

impl ResForm {
    fn is_key(self) -> bool {
        matches!(
            self,
            ResForm::SourceKey | ResForm::ReplicaKey | ResForm::DestDefaultKey
        )
    }
    fn is_dest(self) -> bool {
        matches!(
            self,
            ResForm::DestBucket
                | ResForm::DestObjects
                | ResForm::ReplicaKey
                | ResForm::DestDefaultKey
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CtxSel {
    ViaSource,
    ViaDest,
    EncSource,
    EncDest,
    S3Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PolSel {
    Identity,
    Resource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Anchor {
    Role,
    Rule,
    DestinationBucket,
    ReplicaKey,
    SseKms,
    DeleteMarkers,
    AccessControl,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ids {
    pub identity: Option<RuleId>,
    pub identity_xacct: Option<RuleId>,
    pub resource: Option<RuleId>,
    pub resource_xacct: Option<RuleId>,
    pub resource_deny: Option<RuleId>,
    pub identity_deny: Option<RuleId>,
    pub boundary: Option<RuleId>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alternative {
    pub action: String,
    pub instead_of: String,
    pub id: RuleId,
    pub severity: String,
    pub error_when: Option<Feature>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    pub name: String,
    pub feature: Vec<Feature>,
    pub principal: PrincipalSel,
    pub actions: Vec<String>,
    pub resource: ResForm,
    #[serde(default)]
    pub context: Vec<CtxSel>,
    pub policies: Vec<PolSel>,
    pub severity: String,
    pub error_when: Option<Feature>,
    pub anchor: Anchor,
    pub failure: String,
    pub source: String,
    pub ids: Ids,
    pub alternative: Option<Alternative>,
    pub resource_deny_severity: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Table {
    requirement: Vec<Requirement>,
}

/// The requirements table, parsed once (a unit test guarantees it parses and names only known ids).
pub fn table() -> &'static [Requirement] {
    static T: OnceLock<Vec<Requirement>> = OnceLock::new();
    T.get_or_init(|| {
        toml::from_str::<Table>(TABLE_TEXT)
            .map(|t| t.requirement)
            .unwrap_or_default()
    })
}

/// The metadata of a rule id the table names (one of this family's rules).
fn meta(id: RuleId) -> Option<&'static RuleMeta> {
    super::rule_meta_of(id)
}

fn sev(s: &str) -> Severity {
    Severity::parse(s).unwrap_or(Severity::Error)
}

// ------------------------------------------------------------------ symbols

/// Replaces generated-identity symbols by stand-ins (see the module docs); shared with the other
/// engine-backed checks of the family.
pub(super) struct Conc {
    pinned: HashMap<String, String>,
}

impl Conc {
    pub(super) fn new(model: &Model) -> Conc {
        let mut pinned = HashMap::new();
        for k in &model.keys {
            if k.origin.pinned_arn.is_some() || k.origin.pinned_id.is_some() {
                pinned.insert(k.origin.generated("KeyId"), k.key_id.clone());
            }
        }
        // A key linked from a literal key ARN elsewhere (an assumed link): the literal is its id.
        let literal_links = model
            .buckets
            .iter()
            .filter_map(|b| b.replication.as_ref())
            .flat_map(|r| r.rules.iter())
            .filter_map(|r| r.destination.as_ref())
            .filter_map(|d| Some((d.replica_key_target?, d.replica_kms_key_id.as_ref()?)));
        for (k, lit) in literal_links {
            let key = &model.keys[k];
            let Some(a) = Arn::parse(&lit.value) else {
                continue;
            };
            let (t, id) = a.type_and_id();
            if t == "key" && !crate::model::symbolic::has_symbol(id) {
                pinned
                    .entry(key.origin.generated("KeyId"))
                    .or_insert_with(|| id.to_string());
            }
        }
        Conc { pinned }
    }

    pub(super) fn text(&self, s: &str) -> String {
        map_symbols(s, |id| {
            if !id.get().is_generated() {
                let mut t = String::new();
                push(&mut t, id);
                return t;
            }
            let mut own = String::new();
            push(&mut own, id);
            match self.pinned.get(&own) {
                Some(v) => v.clone(),
                None => id.stand_in(),
            }
        })
    }

    pub(super) fn val(&self, s: &str) -> Val {
        Val::from_text(&self.text(s))
    }

    pub(super) fn policy(&self, p: &Policy) -> Policy {
        let mut p = p.clone();
        for st in &mut p.statements {
            for b in [&mut st.resource, &mut st.not_resource]
                .into_iter()
                .flatten()
            {
                for i in &mut b.items {
                    i.value = self.text(&i.value);
                }
            }
            for b in [&mut st.principal, &mut st.not_principal]
                .into_iter()
                .flatten()
            {
                if let PrincipalValue::Map(es) = &mut b.value {
                    for e in es {
                        for v in &mut e.values {
                            v.value = self.text(&v.value);
                        }
                    }
                }
            }
            for c in &mut st.conditions {
                for v in &mut c.values {
                    v.value = self.text(&v.value);
                }
            }
        }
        p
    }
}

/// Concretized policies of the model, keyed by (file, document start), computed once.
struct Policies {
    docs: HashMap<(FileId, u32), Policy>,
    allow_all: Policy,
    allow_all_resource: Policy,
}

fn parse_text(s: &str) -> Policy {
    match crate::source::json::parse(s) {
        Ok(n) => parse_policy(&n).0,
        Err(_) => Policy {
            span: Span::default(),
            version: None,
            id: None,
            statement_key: None,
            statements: Vec::new(),
        },
    }
}

impl Policies {
    fn new(model: &Model, c: &Conc) -> Policies {
        let mut docs = HashMap::new();
        let mut add = |d: &PolicyDoc| {
            docs.entry((d.file, d.span().start))
                .or_insert_with(|| c.policy(&d.policy));
        };
        for r in &model.roles {
            r.trust.iter().for_each(&mut add);
            r.inline.iter().for_each(|(_, d)| add(d));
        }
        model
            .iam_policies
            .iter()
            .filter_map(|p| p.doc.as_ref())
            .for_each(&mut add);
        model
            .bucket_policies
            .iter()
            .filter_map(|p| p.doc.as_ref())
            .for_each(&mut add);
        model
            .keys
            .iter()
            .filter_map(|k| k.policy.as_ref())
            .for_each(&mut add);
        Policies {
            docs,
            allow_all: parse_text(
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
            ),
            allow_all_resource: parse_text(
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#,
            ),
        }
    }
    fn get(&self, d: &PolicyDoc) -> Option<&Policy> {
        self.docs.get(&(d.file, d.span().start))
    }
}

// ------------------------------------------------------------------ assembling a request

/// Which slot a policy occupies, for choosing the rule id and the related label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Side {
    Identity,
    Boundary,
    Resource,
}

/// One policy handed to the engine, and where it is written (`None`: a stand-in for a policy the
/// templates do not define).
struct PolRef {
    side: Side,
    at: Option<(FileId, Span)>,
    label: String,
}

/// Where a finding should send the user when a side lacks a grant.
#[derive(Debug, Clone)]
struct Target {
    at: Option<(FileId, Span)>,
    label: String,
}

struct Assembled<'p> {
    refs: Vec<PolRef>,
    pols: Vec<&'p Policy>,
    /// Target for an identity-side fix / a resource-side fix.
    identity_target: Option<Target>,
    resource_target: Option<Target>,
    boundary_target: Option<Target>,
    /// External identity policies that may grant what is missing.
    external_identity: Vec<String>,
}

/// The resolved resource of a requirement for one site.
struct Res {
    value: String,
    account: Option<String>,
    /// The key or bucket (model kind index) whose resource policy applies.
    policy: ResPolicy,
    label: String,
}

enum ResPolicy {
    Trust(usize),
    Bucket(usize),
    Key(usize),
    /// Defined nowhere: a permissive stand-in, plus an UNPROVEN naming `String`.
    External(String),
}

/// `(ARN, key index, account)` of the modelled key `key`; of a key the model does not hold, the
/// literal `lit` (ARN, alias or id) and `account(lit)`.
fn key_or_literal(
    m: &Model,
    key: Option<usize>,
    lit: String,
    account: impl FnOnce(&str) -> String,
) -> (String, Option<usize>, String) {
    match key {
        Some(k) => (
            m.keys[k].arn.clone(),
            Some(k),
            m.keys[k].origin.account.clone(),
        ),
        None => {
            let account = account(&lit);
            (lit, None, account)
        }
    }
}

/// The account of an ARN; empty when `s` is not one.
fn account_of_arn(s: &str) -> String {
    Arn::parse(s).map(|a| a.account).unwrap_or_default()
}

fn key_of(site: &Site, form: ResForm) -> Option<(String, Option<usize>, String)> {
    let m = site.model;
    match form {
        ResForm::SourceKey => {
            let e = site
                .src
                .encryption
                .iter()
                .find(|e| e.kms_master_key_id.is_some())?;
            let lit = e.kms_master_key_id.as_ref()?.value.clone();
            Some(key_or_literal(m, e.kms_key, lit, account_of_arn))
        }
        ResForm::ReplicaKey => {
            let lit = site.replica_key()?.value.clone();
            let is_key_arn = Arn::parse(&lit).is_some_and(|a| a.resource.starts_with("key/"));
            if site.dest.and_then(|d| d.replica_key_target).is_none() && !is_key_arn {
                // An alias or bare id: which key S3 uses is KMS-REPLICA-KEY-ALIAS's question.
                return None;
            }
            Some(key_or_literal(
                m,
                site.dest.and_then(|d| d.replica_key_target),
                lit,
                account_of_arn,
            ))
        }
        ResForm::DestDefaultKey => {
            let d = site.dst?;
            let e = d.encryption.iter().find(|e| {
                e.sse_algorithm
                    .as_ref()
                    .is_some_and(|a| a.value.starts_with("aws:kms"))
                    && e.kms_master_key_id.is_some()
            })?;
            let lit = e.kms_master_key_id.as_ref()?.value.clone();
            Some(key_or_literal(m, e.kms_key, lit, |_| {
                d.origin.account.clone()
            }))
        }
        _ => None,
    }
}

fn resource(site: &Site, form: ResForm) -> Option<Res> {
    let prefix = site.prefix();
    Some(match form {
        ResForm::Role => {
            let arn = site.role_arn()?;
            Res {
                label: display(&arn),
                value: arn,
                account: None,
                policy: match site.role {
                    Some(r) => ResPolicy::Trust(r),
                    None => ResPolicy::External(format!(
                        "the trust policy of role {} (not defined in the analysed templates)",
                        display(&site.role_arn().unwrap_or_default())
                    )),
                },
            }
        }
        ResForm::SourceBucket | ResForm::SourceObjects => {
            let value = if form == ResForm::SourceBucket {
                site.src.arn.clone()
            } else {
                format!("{}/{prefix}{SAMPLE_KEY}", site.src.arn)
            };
            Res {
                label: help_resource(&display(&value)),
                value,
                account: Some(site.src_account().to_string()),
                policy: ResPolicy::Bucket(site.b),
            }
        }
        ResForm::DestBucket | ResForm::DestObjects => {
            let arn = site.dst_arn()?;
            let value = if form == ResForm::DestBucket {
                arn
            } else {
                format!("{arn}/{prefix}{SAMPLE_KEY}")
            };
            Res {
                label: help_resource(&display(&value)),
                value,
                account: site.dst_account(),
                policy: match site.dst_index {
                    Some(d) => ResPolicy::Bucket(d),
                    None => ResPolicy::External(format!(
                        "the bucket policy of {} (not defined in the analysed templates)",
                        site.dst_label()
                    )),
                },
            }
        }
        _ => {
            let (value, k, account) = key_of(site, form)?;
            Res {
                label: help_resource(&display(&value)),
                policy: match k {
                    Some(k) => ResPolicy::Key(k),
                    None => ResPolicy::External(format!(
                        "the key policy of {} (not defined in the analysed templates)",
                        display(&value)
                    )),
                },
                value,
                account: (!account.is_empty()).then_some(account),
            }
        }
    })
}

/// A policy document whose whole text is not known statically (a `Ref`, import, attribute or dynamic
/// reference where the document should be): what it stands for, for the UNPROVEN message. Such a
/// document is neither empty nor a grant; evaluation uses a permissive stand-in in its place.
fn unknown_doc(d: &PolicyDoc) -> Option<String> {
    let text = d.node.as_str()?;
    if !crate::model::symbolic::has_symbol(text) || crate::source::json::parse(text).is_ok() {
        return None;
    }
    Some(format!(
        "{} (not known statically: {})",
        doc_label(d),
        display(text)
    ))
}

/// A bucket policy whose `Bucket` is not known statically may be the policy of any bucket.
fn unknown_bucket_policies(model: &Model) -> Vec<String> {
    model
        .bucket_policies
        .iter()
        .filter(|p| p.target.is_none())
        .filter_map(|p| {
            let b = p.bucket.as_ref()?;
            crate::model::symbolic::has_symbol(&b.value).then(|| {
                format!(
                    "bucket policy {} (its Bucket {} is not known statically)",
                    p.origin.logical_id,
                    display(&b.value)
                )
            })
        })
        .collect()
}

fn doc_label(d: &PolicyDoc) -> String {
    let base = d.kind_reason.clone();
    match &d.name {
        Some(n) => format!("{base} ({n})"),
        None => base,
    }
}

// ------------------------------------------------------------------ findings under construction

/// What the help should render.
#[derive(Debug, Clone)]
enum Help {
    /// A statement to add to the role's identity policy (or its boundary).
    Identity {
        boundary: bool,
    },
    /// A statement to add to a bucket policy or key policy.
    ResourcePolicy {
        key: bool,
    },
    Trust,
    /// Remove or narrow a Deny.
    Deny,
    /// A condition value to fix.
    Condition(String),
    Text(String),
}

struct Group {
    meta: &'static RuleMeta,
    severity: Severity,
    file: FileId,
    span: Span,
    resource_name: String,
    actions: Vec<String>,
    requirement: String,
    failure: String,
    reason: String,
    related: Vec<(FileId, Span, String)>,
    help: Help,
    /// For help rendering.
    principal: String,
    res: String,
    /// Every resource of the merged requests.
    resources: Vec<String>,
    key: bool,
    region: Option<String>,
    partition: String,
}

#[derive(Default)]
struct Acc {
    groups: BTreeMap<(usize, RuleId, String), Group>,
}

impl Acc {
    #[allow(clippy::too_many_arguments)]
    /// Merge into the finding of the same (bucket, rule id, key): one defect, one finding.
    fn add(&mut self, b: usize, key2: String, g: Group) {
        let k = (b, g.meta.id, key2);
        match self.groups.get_mut(&k) {
            Some(e) => {
                for a in g.actions {
                    if !e.actions.contains(&a) {
                        e.actions.push(a);
                    }
                }
                for r in g.resources {
                    if !e.resources.contains(&r) {
                        e.resources.push(r);
                    }
                }
                if !e.requirement.contains(&g.requirement) {
                    e.requirement = format!("{}, and that {}", e.requirement, g.requirement);
                }
                if g.severity > e.severity {
                    e.severity = g.severity;
                    e.span = g.span;
                    e.file = g.file;
                }
            }
            None => {
                self.groups.insert(k, g);
            }
        }
    }

    /// A destination bucket policy that does not admit the role at all (DSTPOL-MISSING) is one defect:
    /// the missing delete, tag, owner-override and versioning grants of the same rule and policy are
    /// folded into it, so the user gets one finding whose help adds every action at once.
    fn fold_into_missing(&mut self) {
        const FOLDED: &[RuleId] = &[
            RuleId::DstpolReplicatedelete,
            RuleId::DstpolReplicatetags,
            RuleId::DstpolOwnerOverride,
            RuleId::DstpolVersioningActions,
        ];
        // (bucket, group key, the policy to change, principal) of each DSTPOL-MISSING group.
        type Missing = (usize, String, Option<(FileId, Span)>, String);
        let missing: Vec<Missing> = self
            .groups
            .iter()
            .filter(|((_, id, _), _)| *id == RuleId::DstpolMissing)
            .map(|((b, _, k), g)| {
                (
                    *b,
                    k.clone(),
                    g.related.first().map(|r| (r.0, r.1)),
                    g.principal.clone(),
                )
            })
            .collect();
        for (b, key, policy, principal) in missing {
            let folded: Vec<_> = self
                .groups
                .keys()
                .filter(|(gb, id, _)| *gb == b && FOLDED.contains(id))
                .filter(|k| {
                    let g = &self.groups[*k];
                    matches!(g.help, Help::ResourcePolicy { key: false })
                        && g.principal == principal
                        && g.related.first().map(|r| (r.0, r.1)) == policy
                })
                .cloned()
                .collect();
            for k in folded {
                if let Some(mut g) = self.groups.remove(&k) {
                    // Keep the primary finding's anchor and severity: the role is not admitted at all.
                    if let Some(m) = self.groups.get(&(b, RuleId::DstpolMissing, key.clone())) {
                        g.severity = m.severity;
                        g.span = m.span;
                        g.file = m.file;
                    }
                    g.meta = self.groups[&(b, RuleId::DstpolMissing, key.clone())].meta;
                    self.add(b, key.clone(), g);
                }
            }
        }
    }

    /// The merged groups, ready to render; each rule emits its own with [`Outcomes::emit`].
    fn finish(mut self) -> Outcomes {
        self.fold_into_missing();
        Outcomes(self.groups.into_values().collect())
    }
}

/// The outcome groups of the whole run (one per defect), computed once and cached in the family `Ctx`.
pub struct Outcomes(Vec<Group>);

impl Outcomes {
    /// Render the groups of rule `id` (in group order), the one place findings of the table are made.
    pub fn emit(&self, id: RuleId, out: &mut Vec<Finding>) {
        for g in self.0.iter().filter(|g| g.meta.id == id) {
            let actions = g.actions.join(", ");
            let on = g.resources.join(" and ");
            let message = if g.meta.id == RuleId::Unproven {
                format!(
                    "cannot prove that {} ({actions} on {on}): {}",
                    g.requirement, g.reason
                )
            } else {
                format!("{} cannot {actions} on {on}: {}", g.principal, g.reason)
            };
            let label = if g.meta.id == RuleId::Unproven {
                "cannot prove this works".to_string()
            } else {
                format!("replication fails: {}", g.failure)
            };
            let mut f = Finding::new(g.meta.id, g.severity, g.file, g.span, message)
                .label(label)
                .resource(Some(g.resource_name.clone()));
            if let Some(h) = render_help(g) {
                f = f.help(h);
            }
            for (file, span, msg) in &g.related {
                f = f.related(*file, *span, msg.clone());
            }
            out.push(f);
        }
    }
}

fn json_list(v: &[String]) -> serde_json::Value {
    if v.len() == 1 {
        serde_json::Value::String(v[0].clone())
    } else {
        serde_json::Value::Array(v.iter().cloned().map(serde_json::Value::String).collect())
    }
}

/// The statement resource for help: objects become `bucket/prefix*`.
fn help_resource(res: &str) -> String {
    match res.strip_suffix(SAMPLE_KEY) {
        Some(p) => format!("{p}*"),
        None => res.to_string(),
    }
}

fn render_help(g: &Group) -> Option<String> {
    let mut st = serde_json::Map::new();
    st.insert("Effect".into(), "Allow".into());
    let via = |st: &mut serde_json::Map<String, serde_json::Value>| {
        if let Some(r) = &g.region {
            st.insert(
                "Condition".into(),
                serde_json::json!({ "StringEquals": { "kms:ViaService": s3_service(r, &g.partition) } }),
            );
        }
    };
    let (what, st) = match &g.help {
        Help::Identity { boundary } => {
            st.insert("Action".into(), json_list(&g.actions));
            let all: Vec<String> = g.resources.iter().map(|r| help_resource(r)).collect();
            st.insert("Resource".into(), json_list(&all));
            if g.key {
                via(&mut st);
            }
            (
                if *boundary {
                    "allow it in the permissions boundary"
                } else {
                    "add to the role's identity policy"
                },
                st,
            )
        }
        Help::ResourcePolicy { key } => {
            st.insert(
                "Principal".into(),
                serde_json::json!({ "AWS": g.principal.clone() }),
            );
            st.insert("Action".into(), json_list(&g.actions));
            let all: Vec<String> = g.resources.iter().map(|r| help_resource(r)).collect();
            st.insert(
                "Resource".into(),
                if *key { "*".into() } else { json_list(&all) },
            );
            (
                if *key {
                    "add to the key policy"
                } else {
                    "add to the bucket policy"
                },
                st,
            )
        }
        Help::Trust => {
            st.insert(
                "Principal".into(),
                serde_json::json!({ "Service": "s3.amazonaws.com" }),
            );
            st.insert("Action".into(), "sts:AssumeRole".into());
            ("add to the role's trust policy (AssumeRolePolicyDocument)", st)
        }
        Help::Deny => {
            return Some(format!(
                "remove the Deny, or exempt the replication role from it, e.g. add to the Deny statement: \
                 \"Condition\": {{\"ArnNotEquals\": {{\"aws:PrincipalArn\": \"{}\"}}}} — S3's replication \
                 requests carry no aws:SourceVpce, aws:SourceVpc or aws:SourceIp of yours",
                g.principal
            ))
        }
        Help::Condition(s) | Help::Text(s) => return Some(s.clone()),
    };
    let body = serde_json::to_string_pretty(&serde_json::Value::Object(st)).ok()?;
    Some(format!("{what}:\n{body}"))
}

// ------------------------------------------------------------------ the check

/// Evaluate every applicable requirement of every replication site (the outcome groups of all ids).
pub fn outcomes(ctx: &Ctx) -> Outcomes {
    let model = &ctx.graph.model;
    let conc = Conc::new(model);
    let pols = Policies::new(model, &conc);
    let mut key_policies: HashMap<usize, Policy> = HashMap::new();
    for (i, k) in model.keys.iter().enumerate() {
        if k.policy.is_none() {
            // No KeyPolicy: AWS applies the default key policy, which delegates to the account.
            let p = parse_text(&format!(
                r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{{"AWS":"arn:{}:iam::{}:root"}},"Action":"kms:*","Resource":"*"}}]}}"#,
                k.origin.partition,
                conc.text(&k.origin.account)
            ));
            key_policies.insert(i, p);
        }
    }
    let mut acc = Acc::default();
    let role_names = super::configuration::role_names(model);
    for site in sites(model) {
        if !site.rule.enabled() || site.dest.is_none() || site.dst_index == Some(site.b) {
            continue;
        }
        // A role S3 cannot use at all (wrong path, another account) is a configuration finding.
        if super::configuration::role_unusable(&site, &role_names) {
            continue;
        }
        for req in table() {
            if !req.feature.iter().all(|f| feature(&site, *f)) {
                continue;
            }
            check_requirement(&site, req, &conc, &pols, &key_policies, &mut acc);
        }
    }
    acc.finish()
}

fn feature(site: &Site, f: Feature) -> bool {
    match f {
        Feature::Always => true,
        Feature::DeleteMarkers => site.replicates_delete_markers(),
        Feature::OwnerOverride => {
            site.dest.is_some_and(|d| d.access_control_span.is_some())
                && !site.dst_ownership_enforced()
        }
        Feature::ObjectLock => site.src.object_lock.as_ref().is_some_and(|o| o.value),
        Feature::SseKmsSource => site.sse_kms_opt_in() && site.src.default_kms_key().is_some(),
        Feature::SseKmsReplica => site.sse_kms_opt_in() && site.replica_key().is_some(),
        Feature::DestBucketKey => {
            feature(site, Feature::SseKmsReplica) && site.dst.is_some_and(bucket_key_on)
        }
        Feature::SourceBucketKeyOnly => {
            feature(site, Feature::SseKmsReplica)
                && bucket_key_on(site.src)
                && !site.dst.is_some_and(bucket_key_on)
        }
        Feature::DestDefaultKms => match key_of(site, ResForm::DestDefaultKey) {
            Some((arn, _, _)) => {
                let replica = key_of(site, ResForm::ReplicaKey).map(|k| k.0);
                !(site.sse_kms_opt_in() && replica.as_deref() == Some(arn.as_str()))
            }
            None => false,
        },
        Feature::CrossAccount => site.cross_account() == Some(true),
    }
}

fn anchor(site: &Site, a: Anchor) -> Span {
    let dest = site.dest;
    match a {
        Anchor::Role => site.role_span(),
        Anchor::Rule => site.rule_span(),
        Anchor::DestinationBucket => site.dest_bucket_span(),
        Anchor::ReplicaKey => site
            .replica_key()
            .map_or_else(|| site.dest_bucket_span(), |k| k.span),
        Anchor::SseKms => site
            .rule
            .sse_kms_encrypted_objects
            .as_ref()
            .map_or(site.rule_span(), |s| s.span),
        Anchor::DeleteMarkers => site
            .rule
            .delete_marker_replication
            .as_ref()
            .map_or_else(|| site.dest_bucket_span(), |s| s.span),
        Anchor::AccessControl => dest
            .and_then(|d| d.access_control_span)
            .unwrap_or_else(|| site.dest_bucket_span()),
    }
}

fn region_for(site: &Site, form: ResForm) -> Option<String> {
    if form.is_dest() {
        site.dst_region()
    } else {
        site.src_region().map(str::to_string)
    }
}

#[allow(clippy::too_many_arguments)]
fn check_requirement(
    site: &Site,
    req: &Requirement,
    conc: &Conc,
    pols: &Policies,
    key_policies: &HashMap<usize, Policy>,
    acc: &mut Acc,
) {
    let model = site.model;
    let Some(role_arn) = site.role_arn() else {
        return;
    };
    let Some(res) = resource(site, req.resource) else {
        return;
    };
    let principal = match req.principal {
        PrincipalSel::Role => conc.val(&role_arn),
        PrincipalSel::S3Service => Val::known("s3.amazonaws.com"),
    };
    let mut request = Request::new(principal, "", conc.val(&res.value));
    if let Some(a) = &res.account {
        request.resource_account = Some(conc.val(a));
    }
    if matches!(req.principal, PrincipalSel::Role) {
        // The role's account, even when its ARN holds unknowns: the same unknown account as the
        // resource's (one unbound template) is the same account.
        let account = site
            .role
            .map(|r| model.roles[r].origin.account.clone())
            .or_else(|| Arn::parse(&role_arn).map(|a| a.account))
            .filter(|a| !a.is_empty());
        if let Some(a) = account {
            request.principal_account = Some(conc.val(&a));
        }
    }
    // Context S3 sends.
    let partition = site.src.origin.partition.clone();
    let region_val = |r: Option<String>, site: &Site, dest: bool| -> Val {
        match r {
            Some(r) => Val::known(s3_service(&r, &partition)),
            None => {
                let o = if dest {
                    site.dst.map(|d| &d.origin)
                } else {
                    Some(&site.src.origin)
                };
                Val::unknown(match o {
                    Some(o) => format!(
                        "{} (the region of stack {})",
                        s3_service("‹region›", &partition),
                        o.stack
                    ),
                    None => format!("the region of destination bucket {}", site.dst_label()),
                })
            }
        }
    };
    let enc = |bucket_arn: Option<String>, key_on: bool, prefix: &str| -> Option<Val> {
        let arn = bucket_arn?;
        Some(conc.val(&if key_on {
            arn
        } else {
            format!("{arn}/{prefix}{SAMPLE_KEY}")
        }))
    };
    for c in &req.context {
        match c {
            CtxSel::ViaSource => request.context.set(
                "kms:ViaService",
                region_val(site.src_region().map(str::to_string), site, false),
            ),
            CtxSel::ViaDest => request
                .context
                .set("kms:ViaService", region_val(site.dst_region(), site, true)),
            CtxSel::EncSource => {
                if let Some(v) = enc(
                    Some(site.src.arn.clone()),
                    bucket_key_on(site.src),
                    &site.prefix(),
                ) {
                    request.context.set("kms:EncryptionContext:aws:s3:arn", v);
                }
            }
            CtxSel::EncDest => {
                if let Some(v) = enc(
                    site.dst_arn(),
                    site.dst.is_some_and(bucket_key_on),
                    &site.prefix(),
                ) {
                    request.context.set("kms:EncryptionContext:aws:s3:arn", v);
                }
            }
            CtxSel::S3Source => {
                request
                    .context
                    .set("aws:SourceAccount", conc.val(site.src_account()));
                request
                    .context
                    .set("aws:SourceArn", conc.val(&site.src.arn));
            }
        }
    }
    if req.resource.is_key() {
        if let Some(a) = Arn::parse(&role_arn) {
            request
                .context
                .set("kms:CallerAccount", conc.val(&a.account));
        }
        request.context.insert(
            "kms:EncryptionContextKeys",
            crate::eval::CtxValue::Many(vec![Val::known("aws:s3:arn")]),
        );
    }

    // Policies.
    let mut unproven_extra: Vec<String> = Vec::new();
    let mut refs: Vec<PolRef> = Vec::new();
    let mut list: Vec<&Policy> = Vec::new();
    let mut identity_target = None;
    let mut boundary_target = None;
    let mut external_identity = Vec::new();
    let identity_asked = req.policies.contains(&PolSel::Identity);
    let mut boundary_idx = None;
    if req.principal == PrincipalSel::Role {
        match (identity_asked, site.role) {
            (true, Some(r)) => {
                let role = &model.roles[r];
                let docs = model.role_policies(r);
                identity_target = Some(match docs.first() {
                    Some(d) => Target {
                        at: Some((d.file, d.span())),
                        label: format!("{}: add the grant here", doc_label(d)),
                    },
                    None => Target {
                        at: Some((role.origin.file, role.origin.logical_id_span)),
                        label: format!(
                            "role {} has no identity policy granting it",
                            role.origin.logical_id
                        ),
                    },
                });
                for d in docs {
                    if let Some(what) = unknown_doc(d) {
                        unproven_extra.push(what);
                        refs.push(PolRef {
                            side: Side::Identity,
                            at: None,
                            label: "stand-in".into(),
                        });
                        list.push(&pols.allow_all);
                    } else if let Some(p) = pols.get(d) {
                        refs.push(PolRef {
                            side: Side::Identity,
                            at: Some((d.file, d.span())),
                            label: doc_label(d),
                        });
                        list.push(p);
                    }
                }
                external_identity = model
                    .external_managed_policies(r)
                    .iter()
                    .map(|a| display(&a.value))
                    .collect();
                if let Some(b) = &role.boundary {
                    let known = model.role_boundary(r).filter(|d| {
                        let what = unknown_doc(d);
                        let known = what.is_none();
                        unproven_extra.extend(what);
                        known
                    });
                    if known.is_none() && model.role_boundary(r).is_some() {
                        // Unknown boundary: a permissive stand-in, the UNPROVEN names it.
                        boundary_idx = Some(refs.len());
                        refs.push(PolRef {
                            side: Side::Boundary,
                            at: None,
                            label: "stand-in".into(),
                        });
                        list.push(&pols.allow_all);
                    } else {
                        match known.and_then(|d| pols.get(d).map(|p| (d, p))) {
                            Some((d, p)) => {
                                boundary_idx = Some(refs.len());
                                boundary_target = Some(Target {
                                    at: Some((d.file, d.span())),
                                    label: format!("permissions boundary {}", doc_label(d)),
                                });
                                refs.push(PolRef {
                                    side: Side::Boundary,
                                    at: Some((d.file, d.span())),
                                    label: doc_label(d),
                                });
                                list.push(p);
                            }
                            None => unproven_extra.push(format!(
                            "the permissions boundary {} (not defined in the analysed templates)",
                            display(&b.value)
                        )),
                        }
                    }
                }
            }
            (true, None) => {
                unproven_extra.push(format!(
                    "the identity policies of role {} (not defined in the analysed templates)",
                    display(&role_arn)
                ));
                refs.push(PolRef {
                    side: Side::Identity,
                    at: None,
                    label: "stand-in".into(),
                });
                list.push(&pols.allow_all);
            }
            (false, _) => {
                refs.push(PolRef {
                    side: Side::Identity,
                    at: None,
                    label: "stand-in".into(),
                });
                list.push(&pols.allow_all);
            }
        }
    }
    // Resource policy.
    let mut resource_idx = None;
    let resource_target: Option<Target>;
    let trust_label;
    match &res.policy {
        ResPolicy::Trust(r) => {
            let role = &model.roles[*r];
            trust_label = format!("trust policy of role {}", role.origin.logical_id);
            let unknown = role.trust.as_ref().and_then(unknown_doc);
            match role
                .trust
                .as_ref()
                .filter(|_| unknown.is_none())
                .and_then(|d| pols.get(d).map(|p| (d, p)))
            {
                Some((d, p)) => {
                    resource_idx = Some(refs.len());
                    refs.push(PolRef {
                        side: Side::Resource,
                        at: Some((d.file, d.span())),
                        label: trust_label.clone(),
                    });
                    list.push(p);
                    resource_target = Some(Target {
                        at: Some((d.file, d.span())),
                        label: format!("{trust_label}: add the statement here"),
                    });
                }
                None if unknown.is_some() => {
                    unproven_extra.extend(unknown);
                    resource_idx = Some(refs.len());
                    refs.push(PolRef {
                        side: Side::Resource,
                        at: None,
                        label: "stand-in".into(),
                    });
                    list.push(&pols.allow_all_resource);
                    resource_target = None;
                }
                None => {
                    resource_target = Some(Target {
                        at: Some((role.origin.file, role.origin.logical_id_span)),
                        label: format!(
                            "role {} has no AssumeRolePolicyDocument",
                            role.origin.logical_id
                        ),
                    })
                }
            }
        }
        ResPolicy::Bucket(b) => {
            let bucket = &model.buckets[*b];
            let mut unknown: Vec<String> = match model.bucket_policy(*b) {
                Some(d) => unknown_doc(d).into_iter().collect(),
                None => unknown_bucket_policies(model),
            };
            if !res.policy_needed(site, req.resource) || !req.policies.contains(&PolSel::Resource) {
                // Not needed to allow (same account): an unknown one can only deny, which
                // the known policies decide as before.
                unknown.clear();
            }
            match model
                .bucket_policy(*b)
                .filter(|_| unknown.is_empty())
                .and_then(|d| pols.get(d).map(|p| (d, p)))
            {
                Some((d, p)) => {
                    resource_idx = Some(refs.len());
                    refs.push(PolRef {
                        side: Side::Resource,
                        at: Some((d.file, d.span())),
                        label: format!("bucket policy of {}", display(&bucket.name)),
                    });
                    list.push(p);
                    resource_target = Some(Target {
                        at: Some((d.file, d.span())),
                        label: format!(
                            "bucket policy of {}: add the statement here",
                            display(&bucket.name)
                        ),
                    });
                }
                None if !unknown.is_empty() => {
                    unproven_extra.extend(unknown);
                    resource_idx = Some(refs.len());
                    refs.push(PolRef {
                        side: Side::Resource,
                        at: None,
                        label: "stand-in".into(),
                    });
                    list.push(&pols.allow_all_resource);
                    resource_target = None;
                }
                None => {
                    resource_target = Some(Target {
                        at: Some((bucket.origin.file, bucket.origin.logical_id_span)),
                        label: format!(
                            "bucket {} has no bucket policy (add an AWS::S3::BucketPolicy)",
                            bucket.origin.logical_id
                        ),
                    })
                }
            }
        }
        ResPolicy::Key(k) => {
            let key = &model.keys[*k];
            if let Some(what) = key.policy.as_ref().and_then(unknown_doc) {
                unproven_extra.push(what);
                resource_idx = Some(refs.len());
                refs.push(PolRef {
                    side: Side::Resource,
                    at: None,
                    label: "stand-in".into(),
                });
                list.push(&pols.allow_all_resource);
                resource_target = None;
            } else {
                let (p, at) = match key
                    .policy
                    .as_ref()
                    .and_then(|d| pols.get(d).map(|p| (d, p)))
                {
                    Some((d, p)) => (p, (d.file, d.span())),
                    None => match key_policies.get(k) {
                        Some(p) => (p, (key.origin.file, key.origin.logical_id_span)),
                        None => return,
                    },
                };
                resource_idx = Some(refs.len());
                refs.push(PolRef {
                    side: Side::Resource,
                    at: Some(at),
                    label: format!("key policy of {}", key.origin.logical_id),
                });
                list.push(p);
                resource_target = Some(Target {
                    at: Some(at),
                    label: format!(
                        "key policy of {} (account {}): add the statement here",
                        key.origin.logical_id,
                        display(&key.origin.account)
                    ),
                });
            }
        }
        ResPolicy::External(what) => {
            // Same account and not a key: the resource policy is not needed to allow.
            let needed = res.policy_needed(site, req.resource);
            if needed && req.policies.contains(&PolSel::Resource) {
                unproven_extra.push(what.clone());
            }
            resource_idx = Some(refs.len());
            refs.push(PolRef {
                side: Side::Resource,
                at: None,
                label: "stand-in".into(),
            });
            list.push(&pols.allow_all_resource);
            resource_target = None;
        }
    }
    let names: Vec<String> = (0..refs.len()).map(|i| i.to_string()).collect();
    let mut set = PolicySet::default();
    for (i, p) in list.iter().enumerate() {
        let np = NamedPolicy {
            name: &names[i],
            policy: p,
        };
        if Some(i) == resource_idx {
            set.resource = Some(np);
        } else if Some(i) == boundary_idx {
            set.boundary = Some(np);
        } else {
            set.identity.push(np);
        }
    }
    let asm = Assembled {
        refs,
        pols: list.clone(),
        identity_target,
        resource_target,
        boundary_target,
        external_identity,
    };
    let _ = &asm.pols;

    let span = anchor(site, req.anchor);
    let mut base_sev = sev(&req.severity);
    if req.error_when.is_some_and(|f| feature(site, f)) {
        base_sev = Severity::Error;
    }
    let region = region_for(site, req.resource);
    let principal_label = match req.principal {
        PrincipalSel::Role => display(&role_arn),
        PrincipalSel::S3Service => "s3.amazonaws.com".to_string(),
    };
    let mk =
        |meta: &'static RuleMeta, sev: Severity, action: &str, reason: String, help: Help| Group {
            meta,
            severity: sev.min(meta.severity),
            file: site.file(),
            span,
            resource_name: site.src.origin.logical_id.clone(),
            actions: vec![action.to_string()],
            requirement: req.name.clone(),
            failure: req.failure.clone(),
            reason,
            related: Vec::new(),
            help,
            principal: display(&role_arn),
            res: res.label.clone(),
            resources: vec![res.label.clone()],
            key: req.resource.is_key(),
            region: region.clone(),
            partition: site.src.origin.partition.clone(),
        };

    if !unproven_extra.is_empty() {
        let reason = format!("it depends on {}", unproven_extra.join(" and "));
        for a in &req.actions {
            let g = mk(&crate::rules::unproven::META, base_sev.min(Severity::Warning), a, reason.clone(), Help::Text(
                "add the missing templates to the analysed paths, or pin the resource with Metadata.trustlint".into(),
            ));
            acc.add(site.b, format!("extra:{}", unproven_extra.join("|")), g);
        }
    }

    for action in &req.actions {
        request.action = action.clone();
        let Ok(d) = evaluate(&request, &set) else {
            continue;
        };
        match &d.verdict {
            Verdict::Allowed => {}
            Verdict::Depends(u) => {
                let labels = unknown_labels(u);
                let mut g = mk(
                    &crate::rules::unproven::META,
                    base_sev.min(Severity::Warning),
                    action,
                    format!("it depends on {labels}"),
                    Help::Text("bind the template to an account and region (Metadata.trustlint or trustlint.toml [[stack]]) or give the parameter a value".into()),
                );
                g.principal = principal_label.clone();
                acc.add(site.b, format!("dep:{labels}"), g);
            }
            Verdict::ExplicitlyDenied => {
                let deny = d.deciding.iter().find_map(|r| {
                    let pr = asm
                        .refs
                        .get(d.policies.get(r.policy)?.name.parse::<usize>().ok()?)?;
                    let st = d
                        .statements
                        .iter()
                        .find(|s| s.policy == r.policy && s.index == r.index)?;
                    Some((
                        pr,
                        st.span,
                        st.sid.clone(),
                        st.index,
                        d.policies[r.policy].role,
                    ))
                });
                let Some((pr, st_span, sid, idx, role)) = deny else {
                    continue;
                };
                let resource_side = pr.side == Side::Resource || role == PolicyRole::Resource;
                let id = if resource_side {
                    req.ids.resource_deny
                } else {
                    req.ids.identity_deny.or(Some(ROLE_EXPLICIT_DENY.id))
                };
                let Some(meta) = id.and_then(meta) else {
                    continue;
                };
                let mut sev = base_sev;
                if resource_side {
                    if let Some(s) = &req.resource_deny_severity {
                        sev = sev.min(self::sev(s));
                    }
                }
                let which = sid.map_or_else(
                    || format!("statement #{idx}"),
                    |s| format!("statement \"{s}\""),
                );
                let mut g = mk(
                    meta,
                    sev,
                    action,
                    format!("{which} of the {} explicitly denies it", pr.label),
                    if req.resource == ResForm::Role {
                        Help::Trust
                    } else {
                        Help::Deny
                    },
                );
                g.principal = principal_label.clone();
                if let Some((f, _)) = pr.at {
                    g.related.push((
                        f,
                        st_span,
                        "this Deny matches the replication request".into(),
                    ));
                }
                acc.add(site.b, format!("deny:{}", st_span.start), g);
            }
            Verdict::ImplicitlyDenied => {
                implicit(
                    site,
                    req,
                    &request,
                    &set,
                    &d,
                    &asm,
                    base_sev,
                    action,
                    &mk,
                    &principal_label,
                    acc,
                );
            }
        }
    }
}

impl Res {
    /// Whether a resource policy is needed to allow (keys always; others only across accounts).
    fn policy_needed(&self, site: &Site, form: ResForm) -> bool {
        if form.is_key() || form == ResForm::Role {
            return true;
        }
        match (
            &self.account,
            Arn::parse(&site.role_arn().unwrap_or_default()),
        ) {
            (Some(a), Some(r)) => a != &r.account,
            _ => true,
        }
    }
}

fn unknown_labels(u: &[Unknown]) -> String {
    let mut v: Vec<String> = u
        .iter()
        .map(|u| {
            let what = match &u.subject {
                Subject::Principal => "the principal",
                Subject::PrincipalAccount => "the principal's account",
                Subject::Resource => "the resource",
                Subject::ResourceAccount => "the resource's account",
                Subject::ContextKey(_) => "the context key",
                Subject::PolicyValue => "the policy value",
            };
            let key = match &u.subject {
                Subject::ContextKey(k) => format!(" {k}"),
                _ => String::new(),
            };
            format!(
                "{what}{key} ‹{}›",
                display(&u.label).trim_matches(['‹', '›'])
            )
        })
        .collect();
    v.sort();
    v.dedup();
    v.join(", ")
}

#[allow(clippy::too_many_arguments)]
fn implicit(
    site: &Site,
    req: &Requirement,
    request: &Request,
    set: &PolicySet,
    d: &Decision,
    asm: &Assembled,
    base_sev: Severity,
    action: &str,
    mk: &dyn Fn(&'static RuleMeta, Severity, &str, String, Help) -> Group,
    principal_label: &str,
    acc: &mut Acc,
) {
    let xacct = d.same_account == Tri::False;
    let mut missing: Vec<&Missing> = d.missing.iter().collect();
    if missing.is_empty() {
        missing.push(&Missing::NoAllow);
    }
    let res_label = |_: &Decision| -> String {
        asm.refs
            .iter()
            .find(|r| r.side == Side::Resource)
            .map_or("resource policy".into(), |r| r.label.clone())
    };
    for m in missing {
        let side = match m {
            Missing::NoAllow
            | Missing::IdentityAllow { .. }
            | Missing::KeyIdentityAllow
            | Missing::TrustIdentityAllow => Side::Identity,
            Missing::BoundaryAllow | Missing::SessionAllow => Side::Boundary,
            Missing::ResourceAllow { .. }
            | Missing::KeyPolicyGrant { .. }
            | Missing::KeyPolicyAbsent
            | Missing::TrustPolicyGrant { .. }
            | Missing::ServiceResourceAllow => Side::Resource,
            Missing::ScpLevel { .. } | Missing::RcpLevel { .. } => continue,
        };
        // An identity grant may come from a managed policy trustlint cannot see.
        if side == Side::Identity && !asm.external_identity.is_empty() {
            let labels = asm.external_identity.join(", ");
            let g = mk(
                &crate::rules::unproven::META,
                base_sev.min(Severity::Warning),
                action,
                format!("no analysed identity policy of the role allows it; it depends on the managed policies {labels} (not defined in the analysed templates)"),
                Help::Text("add the managed policy's document to the analysed templates, or grant the action in an analysed policy".into()),
            );
            acc.add(site.b, format!("ext:{labels}"), g);
            continue;
        }
        let reason = match m {
            Missing::NoAllow => format!("neither the role's identity policies nor the {} allow it", res_label(d)),
            Missing::IdentityAllow { principal_account } => format!(
                "no identity policy of the role in account {} allows it, and cross-account access needs both the identity and the resource policy",
                principal_account.as_deref().map(display).unwrap_or_else(|| "?".into())
            ),
            Missing::KeyIdentityAllow => format!("the {} delegates to the role's account, but no identity policy of the role allows it", res_label(d)),
            Missing::TrustIdentityAllow => "no identity policy allows it".into(),
            Missing::BoundaryAllow | Missing::SessionAllow => "the role's permissions boundary does not allow it".into(),
            Missing::ResourceAllow { resource_account, has_policy } => {
                let acct = resource_account.as_deref().map(display).unwrap_or_else(|| "?".into());
                if *has_policy {
                    format!("the {} (account {acct}) does not allow {}", res_label(d), principal_label)
                } else {
                    format!("the bucket in account {acct} has no bucket policy, and access from another account needs one")
                }
            }
            Missing::KeyPolicyGrant { principal_account } => format!(
                "the {} neither names {} nor delegates to account {}",
                res_label(d),
                principal_label,
                principal_account.as_deref().map(display).unwrap_or_else(|| "?".into())
            ),
            Missing::KeyPolicyAbsent => "the key has no key policy".into(),
            Missing::TrustPolicyGrant { .. } | Missing::ServiceResourceAllow => format!(
                "the {} does not allow s3.amazonaws.com to call sts:AssumeRole",
                res_label(d)
            ),
            Missing::ScpLevel { .. } | Missing::RcpLevel { .. } => continue,
        };
        let role_of = |s: Side| match s {
            Side::Identity => PolicyRole::Identity,
            Side::Boundary => PolicyRole::Boundary,
            Side::Resource => PolicyRole::Resource,
        };
        // Statements of that side that matched the action but missed on a condition or the resource.
        let near: Vec<(&crate::eval::StatementReason, Span)> = d
            .statements
            .iter()
            // An unknown effect that may be Allow explains a miss as well as an Allow does.
            .filter(|s| s.effect.is_some_and(crate::model::Effect::may_allow))
            .filter(|s| {
                d.policies
                    .get(s.policy)
                    .is_some_and(|p| p.role == role_of(side))
            })
            .map(|s| (s, s.span))
            .collect();
        let at_of = |s: &crate::eval::StatementReason| -> Option<FileId> {
            let name = &d.policies.get(s.policy)?.name;
            asm.refs.get(name.parse::<usize>().ok()?)?.at.map(|a| a.0)
        };
        // 1. A condition on the key S3 sends, with the wrong value.
        let mut refined: Option<Refined> = None;
        for (s, sp) in &near {
            let Applies::No(Miss::Condition { key, .. }) = &s.applies else {
                continue;
            };
            let k = key.to_ascii_lowercase();
            let file = at_of(s);
            if k == "kms:viaservice" {
                let cross_region = match (site.src_region(), site.dst_region()) {
                    (Some(a), Some(b)) => a != b,
                    _ => false,
                };
                let meta: &'static RuleMeta = if cross_region {
                    &XREG_VIASERVICE
                } else {
                    &ROLE_KMS_VIASERVICE
                };
                let want = request
                    .context
                    .get("kms:ViaService")
                    .and_then(|v| {
                        v.values()
                            .first()
                            .and_then(|v| v.as_known().map(str::to_string))
                    })
                    .unwrap_or_default();
                refined = Some((meta, format!("the kms:ViaService condition does not admit {want}: S3 calls KMS for {} from the region of the {} bucket", action, if req.resource == ResForm::SourceKey { "source" } else { "destination" }),
                    Help::Condition(format!("set \"kms:ViaService\": \"{want}\" in this statement's condition{}", if cross_region { " (cross-region replication: the source key is used via the source region's S3, the replica key via the destination region's S3)" } else { "" })),
                    file.map(|f| (f, *sp)), base_sev));
                break;
            }
            if k.starts_with("kms:encryptioncontext:") {
                let want = request
                    .context
                    .get("kms:EncryptionContext:aws:s3:arn")
                    .and_then(|v| {
                        v.values()
                            .first()
                            .and_then(|v| v.as_known().map(str::to_string))
                    })
                    .unwrap_or_default();
                let _ = want;
                let bucket_arn = if req.resource == ResForm::SourceKey {
                    Some(site.src.arn.clone())
                } else {
                    site.dst_arn()
                };
                let b = bucket_arn.map(|b| display(&b)).unwrap_or_default();
                refined = Some((&ROLE_KMS_ENCCTX, format!("the condition on {key} does not match the encryption context S3 sends (the object ARN, or the bucket ARN when S3 Bucket Keys are on)"),
                    Help::Condition(format!("use \"kms:EncryptionContext:aws:s3:arn\" with both forms: [\"{b}/*\", \"{b}\"]")),
                    file.map(|f| (f, *sp)), base_sev));
                break;
            }
            if req.resource == ResForm::Role && (k == "aws:sourceaccount" || k == "aws:sourcearn") {
                refined = Some((&ROLE_TRUST_CONDITIONS, format!("the trust statement's {key} condition does not match the source bucket {} in account {}", display(&site.src.arn), display(site.src_account())),
                    Help::Condition(format!("make {key} match {}, or drop the condition", if k == "aws:sourceaccount" { display(site.src_account()) } else { display(&site.src.arn) })),
                    file.map(|f| (f, *sp)), Severity::Warning));
                break;
            }
        }
        // 2. Identity statements on the wrong resource form or prefix.
        if refined.is_none()
            && side == Side::Identity
            && !req.resource.is_key()
            && req.resource != ResForm::Role
        {
            let bucket_arn = match req.resource {
                ResForm::SourceBucket | ResForm::SourceObjects => Some(site.src.arn.clone()),
                _ => site.dst_arn(),
            };
            if let Some(barn) = bucket_arn {
                let objects = matches!(req.resource, ResForm::SourceObjects | ResForm::DestObjects);
                for (s, sp) in &near {
                    if s.applies != Applies::No(Miss::Resource) {
                        continue;
                    }
                    let Some(st) = statement_of(asm, d, s) else {
                        continue;
                    };
                    let items: Vec<&str> = st
                        .resource
                        .as_ref()
                        .map(|r| r.items.iter().map(|i| i.value.as_str()).collect())
                        .unwrap_or_default();
                    let other = if objects {
                        barn.clone()
                    } else {
                        format!("{barn}/{SAMPLE_KEY}")
                    };
                    let conc_other = Conc {
                        pinned: HashMap::new(),
                    }
                    .text(&other);
                    if items
                        .iter()
                        .any(|i| crate::eval::wildcard::matches(i, &conc_other))
                    {
                        refined = Some((
                            &ROLE_RESOURCE_FORM,
                            format!(
                                "{action} is granted on {} but it applies to {}",
                                if objects {
                                    "the bucket ARN"
                                } else {
                                    "object ARNs"
                                },
                                if objects {
                                    "objects (bucket/*)"
                                } else {
                                    "the bucket ARN itself"
                                }
                            ),
                            Help::Identity { boundary: false },
                            at_of(s).map(|f| (f, *sp)),
                            base_sev,
                        ));
                        break;
                    }
                    let conc_b = Conc {
                        pinned: HashMap::new(),
                    }
                    .text(&barn);
                    if objects
                        && items
                            .iter()
                            .any(|i| i.starts_with(&format!("{conc_b}/")) && i.ends_with('*'))
                    {
                        refined = Some((&ROLE_PREFIX_SCOPE, format!("{action} is granted only under a prefix that does not cover the rule's prefix \"{}\"", site.prefix()), Help::Identity { boundary: false }, at_of(s).map(|f| (f, *sp)), base_sev));
                        break;
                    }
                }
            }
        }
        // 3. Bucket policy naming the role with another path.
        if refined.is_none()
            && side == Side::Resource
            && matches!(
                req.resource,
                ResForm::DestBucket
                    | ResForm::DestObjects
                    | ResForm::SourceBucket
                    | ResForm::SourceObjects
            )
        {
            if let Some(role) = Arn::parse(&site.role_arn().unwrap_or_default()) {
                let name = role
                    .resource
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_string();
                for (s, sp) in &near {
                    if s.applies != Applies::No(Miss::Principal) {
                        continue;
                    }
                    let Some(st) = statement_of(asm, d, s) else {
                        continue;
                    };
                    let hit = st
                        .principal
                        .as_ref()
                        .map(|p| p.entries())
                        .unwrap_or_default()
                        .into_iter()
                        .find_map(|(_, v)| {
                            let a = Arn::parse(&v.value)?;
                            (a.service == "iam"
                                && a.account == role.account
                                && a.resource.starts_with("role/")
                                && a.resource.rsplit('/').next() == Some(name.as_str())
                                && a.resource != role.resource)
                                .then(|| v.value.clone())
                        });
                    if let Some(written) = hit {
                        refined = Some((
                            &DSTPOL_PRINCIPAL_PATH,
                            format!(
                                "the bucket policy names {} but the role is {} (paths differ)",
                                display(&written),
                                principal_label
                            ),
                            Help::Text(format!(
                                "use the role ARN with its path: \"{principal_label}\""
                            )),
                            at_of(s).map(|f| (f, *sp)),
                            base_sev,
                        ));
                        break;
                    }
                }
            }
        }
        // 4. s3:GetObjectVersion granted instead of s3:GetObjectVersionForReplication.
        if refined.is_none() && side == Side::Identity {
            if let Some(alt) = req.alternative.as_ref().filter(|a| a.instead_of == action) {
                let mut r2 = request.clone();
                r2.action = alt.action.clone();
                if evaluate(&r2, set).is_ok_and(|x| x.is_allowed()) {
                    if let Some(m) = meta(alt.id) {
                        let s = if alt.error_when.is_some_and(|f| feature(site, f)) {
                            Severity::Error
                        } else {
                            sev(&alt.severity)
                        };
                        refined = Some((m, format!("the role grants {} but not {action}: SSE-KMS objects are not replicated", alt.action), Help::Identity { boundary: false }, None, s));
                    }
                }
            }
        }
        // No bucket policy at all on a cross-account destination: one finding for everything it lacks.
        if refined.is_none()
            && matches!(
                m,
                Missing::ResourceAllow {
                    has_policy: false,
                    ..
                }
            )
            && matches!(req.resource, ResForm::DestBucket | ResForm::DestObjects)
        {
            refined = Some((
                &DSTPOL_MISSING,
                reason.clone(),
                Help::ResourcePolicy { key: false },
                None,
                base_sev,
            ));
        }
        let (meta, reason, help, rel, sev) = match refined {
            Some(r) => r,
            None => {
                let id = match side {
                    Side::Identity => {
                        if xacct {
                            req.ids.identity_xacct.or(req.ids.identity)
                        } else {
                            req.ids.identity
                        }
                    }
                    Side::Boundary => req.ids.boundary.or(Some(ROLE_BOUNDARY.id)),
                    Side::Resource => {
                        if xacct {
                            req.ids.resource_xacct.or(req.ids.resource)
                        } else {
                            req.ids.resource
                        }
                    }
                };
                let Some(meta) = id.and_then(meta) else {
                    continue;
                };
                let help = match (side, req.resource) {
                    (_, ResForm::Role) => Help::Trust,
                    (Side::Identity, _) => Help::Identity { boundary: false },
                    (Side::Boundary, _) => Help::Identity { boundary: true },
                    (Side::Resource, f) => Help::ResourcePolicy { key: f.is_key() },
                };
                (meta, reason, help, None, base_sev)
            }
        };
        let mut g = mk(meta, sev, action, reason, help);
        g.principal = principal_label.to_string();
        if req.principal == PrincipalSel::S3Service {
            g.principal = "s3.amazonaws.com".into();
        }
        if matches!(
            g.help,
            Help::ResourcePolicy { .. } | Help::Identity { .. } | Help::Deny
        ) {
            g.principal = site.role_arn().map(|r| display(&r)).unwrap_or_default();
        }
        match rel {
            Some((f, sp)) => g.related.push((
                f,
                sp,
                "this statement would grant it, but does not match".into(),
            )),
            None => {
                let t = match side {
                    Side::Identity => &asm.identity_target,
                    Side::Boundary => &asm.boundary_target,
                    Side::Resource => &asm.resource_target,
                };
                if let Some(Target {
                    at: Some((f, sp)),
                    label,
                }) = t
                {
                    g.related.push((*f, *sp, label.clone()));
                }
            }
        }
        let side_key = if g.meta.id == DSTPOL_MISSING.id
            && matches!(
                m,
                Missing::ResourceAllow {
                    has_policy: false,
                    ..
                }
            ) {
            "no-bucket-policy".to_string()
        } else {
            format!("{side:?}:{}", g.res)
        };
        acc.add(site.b, side_key, g);
    }
}

/// A more specific rule for a failure: (rule, reason, help, statement to label, severity).
type Refined = (
    &'static RuleMeta,
    String,
    Help,
    Option<(FileId, Span)>,
    Severity,
);

/// The AST statement behind a statement reason.
fn statement_of<'a>(
    asm: &'a Assembled,
    d: &Decision,
    s: &crate::eval::StatementReason,
) -> Option<&'a crate::model::Statement> {
    let name = &d.policies.get(s.policy)?.name;
    let i = name.parse::<usize>().ok()?;
    asm.pols
        .get(i)?
        .statements
        .iter()
        .find(|st| st.index == s.index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses_and_names_known_rules() {
        let t: Table =
            toml::from_str(TABLE_TEXT).expect("rules/replication-requirements.toml parses");
        assert!(!t.requirement.is_empty());
        for r in &t.requirement {
            let ids = &r.ids;
            for id in [
                &ids.identity,
                &ids.identity_xacct,
                &ids.resource,
                &ids.resource_xacct,
                &ids.resource_deny,
                &ids.identity_deny,
                &ids.boundary,
            ]
            .into_iter()
            .flatten()
            {
                assert!(meta(*id).is_some(), "{}: unknown rule id {id}", r.name);
            }
            if let Some(a) = &r.alternative {
                assert!(meta(a.id).is_some(), "{}: unknown rule id {}", r.name, a.id);
                assert!(Severity::parse(&a.severity).is_some());
            }
            assert!(Severity::parse(&r.severity).is_some(), "{}", r.name);
            assert!(!r.actions.is_empty());
        }
        assert_eq!(table().len(), t.requirement.len());
    }

    #[test]
    fn generated_symbols_get_stand_ins() {
        let c = Conc {
            pinned: HashMap::new(),
        };
        let g = crate::model::ident::generated("a", "a", "Src", "BucketName");
        let s = format!("arn:aws:s3:::{g}/*");
        let id = crate::model::symbolic::only_symbol(&g).unwrap();
        assert_eq!(c.text(&s), format!("arn:aws:s3:::{}/*", id.stand_in()));
        let p = crate::model::symbolic::Sym::Parameter {
            key: "a".into(),
            stack: "a".into(),
            name: "X".into(),
        }
        .text();
        assert_eq!(c.text(&p), p);
    }
}
