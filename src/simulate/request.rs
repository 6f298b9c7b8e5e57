//! Parsing a request document in the "Simulate request" format into a [`SimRequest`].

use super::{err, floor_char, RequestError, SimRequest};
use crate::eval::{self, CtxValue, ResourceKind, Val};
use crate::model::policy::parse_policy;
use crate::model::Policy;
use crate::source::{json, LineMap, Node, Value};

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
