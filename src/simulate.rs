//! `trustlint simulate`: read a request in the "Simulate request" format, evaluate it with the engine
//! ([`crate::eval`]), and render the decision as JSON or text. Parsing errors name the bad field.
//!
//! Extensions to the contract (all optional): `request.resourceAccount`, `request.principalAccount`,
//! `request.resourceType` (`"kms-key"`, `"role"`, `"other"`), `sessionPolicy`,
//! `organization.managementAccount`, and `{"unknown": "label"}` in place of the principal, the resource or
//! a context value (the decision may then be `Depends`); inside policies, `{{unknown:label}}` anywhere in a
//! string stands for the unknown of that label (a symbol equals the request's unknown of the same label,
//! and nothing else). `why`, `expected`, `description` and `comment`
//! are accepted and ignored by the evaluation (the decision corpus uses them).

use crate::eval::{
    self, Applies, CondFailure, CtxValue, Decision, Miss, Missing, NamedPolicy, PolicyRole,
    PolicySet, PrincipalForm, PrincipalVia, ResourceKind, Skip, Subject, Tri, Unknown, Val,
    Verdict,
};
use crate::model::policy::parse_policy;
use crate::model::{Effect, Policy};
use crate::source::{json, LineMap, Node, Span, Value};
use serde_json::json;

/// A malformed request: `field` is the JSON path of the culprit (`request.principal`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestError {
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for RequestError {}

fn err(field: impl Into<String>, message: impl Into<String>) -> RequestError {
    RequestError {
        field: field.into(),
        message: message.into(),
    }
}

/// A parsed simulate request: the engine request and the policies, which own their ASTs.
#[derive(Debug, Clone)]
pub struct SimRequest {
    pub request: eval::Request,
    pub identity: Vec<(String, Policy)>,
    pub resource: Option<(String, Policy)>,
    pub boundary: Option<(String, Policy)>,
    pub session: Option<(String, Policy)>,
    pub scps: Vec<Vec<(String, Policy)>>,
    pub rcps: Vec<Vec<(String, Policy)>>,
    /// Shape problems found in the policies (evaluation goes on with what is well-formed).
    pub warnings: Vec<String>,
    /// Corpus annotations.
    pub expected: Option<String>,
    pub why: Option<String>,
}

impl SimRequest {
    pub fn policy_set(&self) -> PolicySet<'_> {
        fn named(np: &(String, Policy)) -> NamedPolicy<'_> {
            NamedPolicy {
                name: np.0.as_str(),
                policy: &np.1,
            }
        }
        PolicySet {
            identity: self.identity.iter().map(named).collect(),
            resource: self.resource.as_ref().map(named),
            boundary: self.boundary.as_ref().map(named),
            session: self.session.as_ref().map(named),
            scps: self
                .scps
                .iter()
                .map(|l| l.iter().map(named).collect())
                .collect(),
            rcps: self
                .rcps
                .iter()
                .map(|l| l.iter().map(named).collect())
                .collect(),
        }
    }
}

const TOP_KEYS: &[&str] = &[
    "request",
    "identityPolicies",
    "resourcePolicy",
    "permissionBoundary",
    "sessionPolicy",
    "scps",
    "rcps",
    "organization",
    "why",
    "expected",
    "description",
    "comment",
];
const REQUEST_KEYS: &[&str] = &[
    "principal",
    "action",
    "resource",
    "context",
    "resourceAccount",
    "principalAccount",
    "resourceType",
];

/// Parse a request document.
pub fn parse_request(text: &str) -> Result<SimRequest, RequestError> {
    // Built on first use, once: a request with 100,000 policies must not rescan the text per warning.
    let lines = std::cell::OnceCell::new();
    let line_col = |text: &str, offset: usize| {
        let map = lines.get_or_init(|| LineMap::new(text));
        let (l, c) = map.line_col(text, floor_char(text, offset) as u32, false);
        (l + 1, c + 1)
    };
    let root = json::parse(text).map_err(|e| {
        let (line, col) = line_col(text, e.offset);
        err(
            "",
            format!("not valid JSON at line {line}, column {col}: {}", e.message),
        )
    })?;
    let members = root.as_object().ok_or_else(|| {
        err(
            "",
            format!("expected a JSON object, found {}", root.type_name()),
        )
    })?;
    for m in members {
        if !TOP_KEYS.contains(&m.key.as_str()) {
            return Err(err(
                m.key.clone(),
                format!("unknown field (expected one of {})", TOP_KEYS.join(", ")),
            ));
        }
    }
    let rq = root.get("request").ok_or_else(|| {
        err(
            "request",
            "missing (the request to evaluate: principal, action, resource)",
        )
    })?;
    let rmembers = rq.as_object().ok_or_else(|| {
        err(
            "request",
            format!("expected an object, found {}", rq.type_name()),
        )
    })?;
    for m in rmembers {
        if !REQUEST_KEYS.contains(&m.key.as_str()) {
            return Err(err(
                format!("request.{}", m.key),
                format!(
                    "unknown field (expected one of {})",
                    REQUEST_KEYS.join(", ")
                ),
            ));
        }
    }
    let principal =
        val_field(rq, "principal", "request.principal", true)?.unwrap_or(Val::known(""));
    let action = match rq.get("action") {
        Some(n) => match n.as_str() {
            Some(s) if s.contains(':') && !s.starts_with(':') => s.to_string(),
            Some(s) => {
                return Err(err(
                    "request.action",
                    format!("expected `service:Action`, found `{s}`"),
                ))
            }
            None => {
                return Err(err(
                    "request.action",
                    format!("expected a string, found {}", n.type_name()),
                ))
            }
        },
        None => return Err(err("request.action", "missing")),
    };
    let resource = val_field(rq, "resource", "request.resource", true)?.unwrap_or(Val::known("*"));
    let mut req = eval::Request::new(principal, action, resource);
    req.resource_account = account_field(rq, "resourceAccount")?;
    req.principal_account = account_field(rq, "principalAccount")?;
    req.resource_kind = match rq.get("resourceType") {
        None => None,
        Some(n) => Some(match n.as_str() {
            Some("kms-key") => ResourceKind::KmsKey,
            Some("role") => ResourceKind::RoleTrust,
            Some("other") => ResourceKind::Other,
            _ => {
                return Err(err(
                    "request.resourceType",
                    "expected \"kms-key\", \"role\" or \"other\"",
                ))
            }
        }),
    };
    if let Some(ctx) = rq.get("context") {
        let cm = ctx.as_object().ok_or_else(|| {
            err(
                "request.context",
                format!("expected an object, found {}", ctx.type_name()),
            )
        })?;
        for m in cm {
            let field = format!("request.context.{}", m.key);
            let v = match &m.value.value {
                Value::Array(items) => CtxValue::Many(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, n)| scalar(n, &format!("{field}[{i}]")))
                        .collect::<Result<_, _>>()?,
                ),
                _ => CtxValue::One(scalar(&m.value, &field)?),
            };
            req.context.insert(m.key.clone(), v);
        }
    }
    if let Some(org) = root.get("organization") {
        let Some(_) = org.as_object() else {
            return Err(err(
                "organization",
                format!("expected an object, found {}", org.type_name()),
            ));
        };
        if let Some(m) = org.get("managementAccount") {
            match m.as_str() {
                Some(s) if eval::arn::is_account_id(s) => {
                    req.management_account = Some(s.to_string())
                }
                _ => {
                    return Err(err(
                        "organization.managementAccount",
                        "expected a 12-digit account id",
                    ))
                }
            }
        }
    }
    let mut warnings = Vec::new();
    let mut one = |node: &Node, name: String| -> Result<(String, Policy), RequestError> {
        // AWS APIs (and `iam simulate-custom-policy`) pass policies as JSON strings: accept both.
        let embedded;
        let node = match node.as_str() {
            Some(_) => {
                embedded = json::parse_embedded(text, node.span).map_err(|e| {
                    let (line, col) = line_col(text, e.offset);
                    err(
                        name.clone(),
                        format!(
                            "the policy string is not valid JSON at line {line}, column {col}: {}",
                            e.message
                        ),
                    )
                })?;
                &embedded
            }
            None => node,
        };
        if node.as_object().is_none() {
            return Err(err(
                name,
                format!("expected a policy object, found {}", node.type_name()),
            ));
        }
        let node = with_unknowns(node);
        let (p, errors) = parse_policy(&node);
        for e in errors {
            let (line, col) = line_col(text, e.span.start as usize);
            warnings.push(format!("{name} (line {line}, column {col}): {}", e.message));
        }
        Ok((name, p))
    };
    let mut identity = Vec::new();
    if let Some(n) = root.get("identityPolicies") {
        let arr = n.as_array().ok_or_else(|| {
            err(
                "identityPolicies",
                format!("expected an array of policies, found {}", n.type_name()),
            )
        })?;
        for (i, p) in arr.iter().enumerate() {
            identity.push(one(p, format!("identityPolicies[{i}]"))?);
        }
    }
    let mut single = |key: &str| -> Result<Option<(String, Policy)>, RequestError> {
        match root.get(key) {
            None => Ok(None),
            Some(n) if n.value == Value::Null => Ok(None),
            Some(n) => one(n, key.to_string()).map(Some),
        }
    };
    let resource = single("resourcePolicy")?;
    let boundary = single("permissionBoundary")?;
    let session = single("sessionPolicy")?;
    let mut levels = |key: &str| -> Result<Vec<Vec<(String, Policy)>>, RequestError> {
        let Some(n) = root.get(key) else {
            return Ok(Vec::new());
        };
        let arr = n.as_array().ok_or_else(|| {
            err(
                key,
                format!(
                    "expected an array of levels (each an array of policies), found {}",
                    n.type_name()
                ),
            )
        })?;
        let mut out = Vec::new();
        for (l, level) in arr.iter().enumerate() {
            let pols = level.as_array().ok_or_else(|| {
                err(
                    format!("{key}[{l}]"),
                    format!("expected an array of policies, found {}", level.type_name()),
                )
            })?;
            let mut lv = Vec::new();
            for (i, p) in pols.iter().enumerate() {
                lv.push(one(p, format!("{key}[{l}][{i}]"))?);
            }
            out.push(lv);
        }
        Ok(out)
    };
    let scps = levels("scps")?;
    let rcps = levels("rcps")?;
    let text_field = |key: &str| root.get(key).and_then(Node::as_str).map(str::to_string);
    Ok(SimRequest {
        request: req,
        identity,
        resource,
        boundary,
        session,
        scps,
        rcps,
        warnings,
        expected: text_field("expected"),
        why: text_field("why"),
    })
}

/// The policy with every `{{unknown:label}}` in its strings made a symbol (see the module docs).
fn with_unknowns(node: &Node) -> Node {
    let mut n = node.clone();
    fn walk(n: &mut Node) {
        match &mut n.value {
            Value::String(s) if s.contains("{{unknown:") => *s = unknowns_in(s),
            Value::Array(items) => items.iter_mut().for_each(walk),
            Value::Object(members) => members.iter_mut().for_each(|m| walk(&mut m.value)),
            _ => {}
        }
    }
    walk(&mut n);
    n
}

fn unknowns_in(s: &str) -> String {
    crate::model::symbolic::replace_braced(s, "{{unknown:", |_, label| {
        crate::model::symbolic::opaque(label, "simulate")
    })
}

fn val_field(
    node: &Node,
    key: &str,
    field: &str,
    required: bool,
) -> Result<Option<Val>, RequestError> {
    match node.get(key) {
        None if required => Err(err(field, "missing")),
        None => Ok(None),
        Some(n) => match &n.value {
            Value::String(s) if s.is_empty() => Err(err(field, "must not be empty")),
            Value::String(s) => Ok(Some(Val::Known(s.clone()))),
            Value::Object(_) => unknown_label(n, field).map(Some),
            _ => Err(err(
                field,
                format!("expected a string, found {}", n.type_name()),
            )),
        },
    }
}

fn account_field(node: &Node, key: &str) -> Result<Option<Val>, RequestError> {
    let field = format!("request.{key}");
    let v = val_field(node, key, &field, false)?;
    if let Some(Val::Known(s)) = &v {
        if !eval::arn::is_account_id(s) {
            return Err(err(
                field,
                format!("expected a 12-digit account id, found `{s}`"),
            ));
        }
    }
    Ok(v)
}

fn unknown_label(n: &Node, field: &str) -> Result<Val, RequestError> {
    match n.get("unknown").and_then(Node::as_str) {
        Some(l) if n.as_object().is_some_and(|m| m.len() == 1) => {
            Ok(Val::Unknown(crate::model::symbolic::opaque(l, "simulate")))
        }
        _ => Err(err(
            field,
            "expected a string (or {\"unknown\": \"label\"} for a symbolic value)",
        )),
    }
}

fn scalar(n: &Node, field: &str) -> Result<Val, RequestError> {
    match &n.value {
        Value::String(s) => Ok(Val::Known(s.clone())),
        Value::Number(s) => Ok(Val::Known(s.clone())),
        Value::Bool(b) => Ok(Val::Known(b.to_string())),
        Value::Object(_) => unknown_label(n, field),
        _ => Err(err(
            field,
            format!(
                "expected a string, number, boolean or array of them, found {}",
                n.type_name()
            ),
        )),
    }
}

fn floor_char(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Evaluate a parsed request. An unclassifiable principal is a request error.
pub fn simulate(sim: &SimRequest) -> Result<Decision, RequestError> {
    eval::evaluate(&sim.request, &sim.policy_set())
        .map_err(|e| err("request.principal", e.to_string()))
}

// ---------------------------------------------------------------------------------------------------
// Rendering.

fn effect_name(e: Option<Effect>) -> Option<&'static str> {
    e.map(|e| match e {
        Effect::Allow => "Allow",
        Effect::Deny => "Deny",
        Effect::Unknown { .. } => "Unknown",
    })
}

fn via_name(v: PrincipalVia) -> &'static str {
    match v {
        PrincipalVia::Everyone => "everyone",
        PrincipalVia::Account => "account",
        PrincipalVia::Role => "role",
        PrincipalVia::Exact => "exact",
        PrincipalVia::Service => "service",
        PrincipalVia::Federated => "federated",
        PrincipalVia::CanonicalUser => "canonical-user",
        PrincipalVia::NotPrincipal => "not-principal",
    }
}

fn subject_text(u: &Unknown) -> String {
    let what = match &u.subject {
        Subject::Principal => "the principal".to_string(),
        Subject::PrincipalAccount => "the principal's account".to_string(),
        Subject::Resource => "the resource".to_string(),
        Subject::ResourceAccount => "the resource's account".to_string(),
        Subject::ContextKey(k) => format!("context key {k}"),
        Subject::PolicyValue => "a policy value".to_string(),
    };
    format!("{what} ({})", crate::model::symbolic::display(&u.label))
}

fn failure_text(f: &CondFailure) -> String {
    match f {
        CondFailure::UnknownOperator => "unknown operator (never matches)".into(),
        CondFailure::KeyMissing => "key absent from the request".into(),
        CondFailure::NoValueMatched => "no value matched".into(),
        CondFailure::Unparsable { value } => {
            format!("policy value `{value}` cannot be read by this operator")
        }
        CondFailure::EmptySet => "ForAnyValue over an empty or absent set".into(),
        CondFailure::UnresolvedVariable { key } => {
            format!("policy variable ${{{key}}} has no value")
        }
    }
}

/// Why a statement does not apply, in words.
pub fn miss_text(m: &Miss) -> String {
    match m {
        Miss::NoEffect => "no valid Effect".into(),
        Miss::NoAction => "no Action or NotAction".into(),
        Miss::NoResource => "no Resource or NotResource".into(),
        Miss::Action => "action not matched by Action".into(),
        Miss::NotAction => "action listed in NotAction".into(),
        Miss::Resource => "resource not matched by Resource".into(),
        Miss::NotResource => "resource listed in NotResource".into(),
        Miss::NoPrincipal => "no Principal in a resource-based statement".into(),
        Miss::Principal => "principal not matched by Principal".into(),
        Miss::NotPrincipal => "principal listed in NotPrincipal".into(),
        Miss::Condition {
            operator,
            key,
            failure,
            ..
        } => format!("condition {operator} {key}: {}", failure_text(failure)),
    }
}

/// A missing grant, in words (the wording the rules use, in the terms of a simulated request).
pub fn missing_text(m: &Missing, d: &Decision, sim: &SimRequest) -> String {
    // A service principal by name (its grant is the resource policy's alone); others as "the principal".
    let principal = match &d.principal.form {
        PrincipalForm::Service(s) => s.clone(),
        _ => "the principal".to_string(),
    };
    let resource_policy = match d.resource_kind {
        ResourceKind::KmsKey => "key policy",
        ResourceKind::RoleTrust => "role's trust policy",
        _ => "resource policy",
    };
    eval::missing_text::missing_text(
        m,
        &eval::missing_text::Nouns {
            who: "the principal",
            whose: "the principal's",
            it: "the request",
            principal: &principal,
            action: &sim.request.action,
            resource_policy,
            resource: "the resource",
            policy_kind: "resource policy",
        },
    )
}

fn missing_kind(m: &Missing) -> &'static str {
    match m {
        Missing::NoAllow => "no-allow",
        Missing::IdentityAllow { .. } => "identity-allow",
        Missing::ResourceAllow { .. } => "resource-allow",
        Missing::KeyPolicyGrant { .. } => "key-policy-grant",
        Missing::KeyIdentityAllow => "key-identity-allow",
        Missing::KeyPolicyAbsent => "key-policy-absent",
        Missing::TrustPolicyGrant { .. } => "trust-policy-grant",
        Missing::TrustIdentityAllow => "trust-identity-allow",
        Missing::BoundaryAllow => "boundary-allow",
        Missing::SessionAllow => "session-allow",
        Missing::ScpLevel { .. } => "scp-level",
        Missing::RcpLevel { .. } => "rcp-level",
        Missing::ServiceResourceAllow => "service-resource-allow",
    }
}

fn skip_text(s: Skip) -> &'static str {
    match s {
        Skip::ManagementAccount => "does not apply to the organization's management account",
        Skip::ServicePrincipal => {
            "does not apply to a service, federated or canonical-user principal"
        }
        Skip::ServiceLinkedRole => "SCPs do not restrict service-linked roles",
        Skip::RootUser => "the root user's own permissions are implicit",
    }
}

fn tri_name(t: &Tri) -> serde_json::Value {
    match t {
        Tri::True => json!(true),
        Tri::False => json!(false),
        Tri::Maybe(_) => json!("depends"),
    }
}

/// The JSON output of `simulate` (contract: `decision` and `reasons`; the rest are additions).
pub fn render_json(sim: &SimRequest, d: &Decision, text: &str) -> serde_json::Value {
    let lines = LineMap::new(text);
    let reasons: Vec<_> = d
        .statements
        .iter()
        .map(|s| {
            let mut o = json!({
                "policy": d.policies[s.policy].name,
                "statement": s.index,
                "sid": s.sid,
                "effect": effect_name(s.effect),
                "matched": s.applies == Applies::Yes,
                "line": lines.line(s.span.start) + 1,
            });
            match &s.applies {
                Applies::No(m) => o["because"] = json!(miss_text(m)),
                Applies::Depends(u) => {
                    o["depends"] = json!(u.iter().map(subject_text).collect::<Vec<_>>())
                }
                Applies::Yes => {}
            }
            if let Some(v) = s.via {
                o["via"] = json!(via_name(v));
            }
            o
        })
        .collect();
    let mut out = json!({
        "decision": d.verdict.name(),
        "reasons": reasons,
        "sameAccount": tri_name(&d.same_account),
        "deciding": d.deciding.iter().map(|r| json!({"policy": d.policies[r.policy].name, "statement": r.index})).collect::<Vec<_>>(),
        "missing": d.missing.iter().map(|m| json!({"kind": missing_kind(m), "message": missing_text(m, d, sim)})).collect::<Vec<_>>(),
    });
    if let Verdict::Depends(u) = &d.verdict {
        out["dependsOn"] = json!(u.iter().map(subject_text).collect::<Vec<_>>());
    }
    let skipped: Vec<_> = d
        .policies
        .iter()
        .filter_map(|p| {
            p.skipped
                .map(|s| json!({"policy": p.name, "why": skip_text(s)}))
        })
        .collect();
    if !skipped.is_empty() {
        out["skipped"] = json!(skipped);
    }
    if !sim.warnings.is_empty() {
        out["warnings"] = json!(sim.warnings);
    }
    out
}

/// Readable output: the decision, what decided it (with the statements' source), what is missing,
/// then every statement with its outcome.
pub fn render_human(sim: &SimRequest, d: &Decision, text: &str) -> String {
    use std::fmt::Write;
    let lines = LineMap::new(text);
    let mut o = String::new();
    let _ = writeln!(o, "decision: {}", d.verdict.name());
    if let Verdict::Depends(u) = &d.verdict {
        for x in u {
            let _ = writeln!(o, "  depends on {}", subject_text(x));
        }
    }
    let acct = match &d.principal.account {
        Some(Val::Known(a)) => a.clone(),
        Some(Val::Unknown(l)) => format!("unknown ({})", crate::model::symbolic::display(l)),
        None => "none".into(),
    };
    let _ = writeln!(
        o,
        "request: {} {} on {} (principal account {acct}, same account: {}, resource: {})",
        val_text(&sim.request.principal),
        sim.request.action,
        val_text(&sim.request.resource),
        match d.same_account {
            Tri::True => "yes",
            Tri::False => "no",
            Tri::Maybe(_) => "unknown",
        },
        match d.resource_kind {
            ResourceKind::KmsKey => "KMS key",
            ResourceKind::RoleTrust => "role (trust policy)",
            ResourceKind::Other => "other",
        }
    );
    if !d.deciding.is_empty() {
        let _ = writeln!(o, "\ndecided by:");
        for r in &d.deciding {
            if let Some(s) = d
                .statements
                .iter()
                .find(|s| s.policy == r.policy && s.index == r.index)
            {
                let _ = writeln!(o, "  {}", statement_title(d, s));
                o.push_str(&excerpt(&lines, text, s.span));
            }
        }
    }
    if !d.missing.is_empty() {
        let _ = writeln!(o, "\nmissing:");
        for m in &d.missing {
            let _ = writeln!(o, "  - {}", missing_text(m, d, sim));
        }
    }
    let _ = writeln!(o, "\nstatements:");
    for (i, p) in d.policies.iter().enumerate() {
        match p.skipped {
            Some(s) => {
                let _ = writeln!(o, "  {}: skipped, {}", p.name, skip_text(s));
            }
            None => {
                let _ = writeln!(o, "  {}:", p.name);
                for s in d.statements.iter().filter(|s| s.policy == i) {
                    let outcome = match &s.applies {
                        Applies::Yes => match s.via {
                            Some(v) => format!("matched (principal via {})", via_name(v)),
                            None => "matched".into(),
                        },
                        Applies::No(m) => format!("no: {}", miss_text(m)),
                        Applies::Depends(u) => format!(
                            "depends on {}",
                            u.iter().map(subject_text).collect::<Vec<_>>().join(", ")
                        ),
                    };
                    let _ = writeln!(o, "    {} — {outcome}", statement_title(d, s));
                }
            }
        }
    }
    for w in &sim.warnings {
        let _ = writeln!(o, "warning: {w}");
    }
    o
}

fn val_text(v: &Val) -> String {
    match v {
        Val::Known(s) => s.clone(),
        Val::Unknown(l) => format!("<unknown: {}>", crate::model::symbolic::display(l)),
    }
}

fn statement_title(d: &Decision, s: &eval::StatementReason) -> String {
    let mut t = format!(
        "{} statement {} {}",
        d.policies[s.policy].name,
        s.index,
        effect_name(s.effect).unwrap_or("(no effect)")
    );
    if let Some(sid) = &s.sid {
        t.push_str(&format!(" Sid {sid:?}"));
    }
    t
}

/// The source of a statement, numbered, at most 12 lines of at most 160 bytes each.
fn excerpt(lines: &LineMap, text: &str, span: Span) -> String {
    const MAX_LINES: usize = 12;
    const MAX_WIDTH: usize = 160;
    let first = lines.line(span.start);
    let last = lines.line(span.end.max(span.start));
    let mut out = String::new();
    for l in first..=last.min(first + MAX_LINES - 1) {
        let (a, b) = lines.line_range(l);
        let (a, b) = (a as usize, b as usize);
        let cut = floor_char(text, (a + MAX_WIDTH).min(b));
        let more = if cut < b { " …" } else { "" };
        out.push_str(&format!("    {:>4} | {}{more}\n", l + 1, &text[a..cut]));
    }
    if last >= first + MAX_LINES {
        out.push_str("         | …\n");
    }
    out
}

#[allow(unused)]
fn _role_is_used(r: PolicyRole) -> PolicyRole {
    r
}
