//! Rendering a decision: JSON (the contract's `decision` and `reasons`, plus additions) and text.

use super::{floor_char, SimRequest};
use crate::eval::{
    self, Applies, CondFailure, Decision, Miss, Missing, PrincipalForm, PrincipalVia, ResourceKind,
    Skip, Subject, Tri, Unknown, Val, Verdict,
};
use crate::model::Effect;
use crate::source::{LineMap, Span};
use serde_json::json;

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
        Missing::KeyIdentityAllow { .. } => "key-identity-allow",
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

/// The name of the decision's `i`-th policy (statement reasons index the decision's own list).
fn policy_name(d: &Decision, i: usize) -> &str {
    d.policies.get(i).map_or("", |p| p.name.as_str())
}

/// Add `key` to an object made by `json!({...})` (at the end: the output keeps insertion order).
fn set(o: &mut serde_json::Value, key: &str, v: serde_json::Value) {
    if let Some(m) = o.as_object_mut() {
        m.insert(key.to_string(), v);
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
                "policy": policy_name(d, s.policy),
                "statement": s.index,
                "sid": s.sid,
                "effect": effect_name(s.effect),
                "matched": s.applies == Applies::Yes,
                "line": lines.line(s.span.start) + 1,
            });
            match &s.applies {
                Applies::No(m) => set(&mut o, "because", json!(miss_text(m))),
                Applies::Depends(u) => set(
                    &mut o,
                    "depends",
                    json!(u.iter().map(subject_text).collect::<Vec<_>>()),
                ),
                Applies::Yes => {}
            }
            if let Some(v) = s.via {
                set(&mut o, "via", json!(via_name(v)));
            }
            o
        })
        .collect();
    let mut out = json!({
        "decision": d.verdict.name(),
        "reasons": reasons,
        "sameAccount": tri_name(&d.same_account),
        "deciding": d.deciding.iter().map(|r| json!({"policy": policy_name(d, r.policy), "statement": r.index})).collect::<Vec<_>>(),
        "missing": d.missing.iter().map(|m| json!({"kind": missing_kind(m), "message": missing_text(m, d, sim)})).collect::<Vec<_>>(),
    });
    if let Verdict::Depends(u) = &d.verdict {
        set(
            &mut out,
            "dependsOn",
            json!(u.iter().map(subject_text).collect::<Vec<_>>()),
        );
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
        set(&mut out, "skipped", json!(skipped));
    }
    if !sim.warnings.is_empty() {
        set(&mut out, "warnings", json!(sim.warnings));
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
        policy_name(d, s.policy),
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
