//! POL-UNKNOWN-CONDITION-KEY: a condition key that is neither a global key nor defined by any
//! service of the statement's actions (for `*`/`NotAction` statements: by any service).

use super::action_format::is_well_formed;
use super::Ctx;
use crate::catalog::suggest::closest;
use crate::catalog::{catalog, Catalog};
use crate::model::Statement;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use crate::source::Span;

pub const META: RuleMeta = rule_meta!(
    PolUnknownConditionKey,
    "POL-UNKNOWN-CONDITION-KEY",
    Warning,
    "Condition key is not global and not defined by the statement's services"
);

/// Which services' keys a statement may use.
enum Scope {
    /// `"*"`, a wildcard service prefix, or `NotAction`: any service's key.
    Any,
    /// The known service prefixes of the statement's actions (lower case, deduplicated).
    Services(Vec<String>),
}

fn scope(cat: &Catalog, st: &Statement) -> Option<Scope> {
    if st.not_action.is_some() {
        return Some(Scope::Any);
    }
    let block = st.action.as_ref()?;
    let mut services: Vec<String> = Vec::new();
    for item in &block.items {
        let a = item.value.as_str();
        if a == "*" {
            return Some(Scope::Any);
        }
        if !is_well_formed(a) {
            continue;
        }
        let Some((prefix, _)) = a.split_once(':') else {
            continue;
        };
        let p = prefix.to_ascii_lowercase();
        if cat.has_service(&p) && !services.contains(&p) {
            services.push(p);
        }
    }
    // No known service (all unknown or malformed): other rules report; say nothing here.
    (!services.is_empty()).then_some(Scope::Services(services))
}

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let cat = catalog();
    for st in &ctx.doc.policy.statements {
        if st.conditions.is_empty() {
            continue;
        }
        let Some(scope) = scope(cat, st) else {
            continue;
        };
        // A key may appear under several operators: judge each spelling once per statement.
        let mut done: Vec<(String, Span)> = Vec::new();
        for c in &st.conditions {
            let key = c.key.value.trim();
            let lower = key.to_ascii_lowercase();
            if done.iter().any(|(k, _)| *k == lower) {
                continue;
            }
            done.push((lower, c.key.span));
            if key.is_empty() || cat.is_global_condition_key(key) || cat.is_web_identity_key(key) {
                continue;
            }
            let known_anywhere = cat.is_known_condition_key(key);
            let (msg, help) = match &scope {
                Scope::Any if known_anywhere => continue,
                Scope::Services(svcs)
                    if svcs.iter().any(|s| cat.service_has_condition_key(s, key)) =>
                {
                    continue
                }
                Scope::Services(svcs) if known_anywhere => {
                    (
                        format!(
                        "`{key}` is not a condition key of {} (the services of this statement's \
                         actions), and not a global key",
                        svcs.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
                    ),
                        "the key is never present in requests for these actions, so the condition \
                     never matches (and negated operators always match); use a key the actions \
                     support, or move the condition to the statement whose actions it belongs to"
                            .to_string(),
                    )
                }
                _ => {
                    let suggestion = suggest(cat, &scope, key);
                    (
                        format!(
                            "`{key}` is not a known condition key (global keys and service keys \
                             of the action catalog, data of {})",
                            cat.data_date()
                        ),
                        match suggestion {
                            Some(s) => format!("did you mean `{s}`? An unknown key is absent from every request, so the condition never matches"),
                            None => "an unknown key is absent from every request, so the condition never matches; check the spelling against the Service Authorization Reference".to_string(),
                        },
                    )
                }
            };
            out.push(
                ctx.finding(&META, c.key.span, msg)
                    .label("unknown condition key")
                    .help(help),
            );
        }
    }
}

/// The closest global or in-scope service key with no template part.
fn suggest(cat: &Catalog, scope: &Scope, key: &str) -> Option<String> {
    let limit = (key.len() / 6).clamp(1, 3);
    let mut names: Vec<&str> = cat
        .global_condition_keys()
        .iter()
        .map(|k| k.name.as_str())
        .collect();
    let prefix = key.split_once(':').map(|(p, _)| p.to_ascii_lowercase());
    let svcs: Vec<String> = match scope {
        Scope::Services(s) => s.clone(),
        Scope::Any => prefix.into_iter().collect(),
    };
    for s in &svcs {
        if let Some(svc) = cat.service(s) {
            names.extend(svc.condition_keys.iter().map(|k| k.name.as_str()));
        }
    }
    // Templates such as `aws:RequestTag/${TagKey}`: compare the fixed part before the variable.
    let tail = key.find('/').map(|i| &key[i..]).unwrap_or("");
    closest(
        key,
        names
            .iter()
            .filter(|n| !n.contains("${") && !n.contains('<'))
            .copied(),
        limit,
    )
    .map(str::to_string)
    .or_else(|| {
        let head = &key[..key.len() - tail.len()];
        if tail.is_empty() {
            return None;
        }
        let templates = names.iter().filter_map(|n| n.find('/').map(|i| &n[..i]));
        closest(head, templates, limit).map(|h| format!("{h}{tail}"))
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, spans};
    use super::*;

    #[test]
    fn keys_by_scope() {
        let text = r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Action":["s3:GetObject","kms:Decrypt"],"Resource":"*","Condition":{
              "StringEquals":{"kms:ViaService":"s3.eu-west-1.amazonaws.com","AWS:SourceAccount":"111111111111",
                              "s3:ExistingObjectTag/team":"data","ec2:Region":"eu-west-1","aws:SourceAcount":"1"},
              "StringLike":{"aws:PrincipalTag/team":"d*","aws:RequestTagg/team":"x"}}},
            {"Effect":"Allow","Action":"*","Resource":"*","Condition":{
              "StringEquals":{"ec2:Region":"eu-west-1","acme:Nope":"x"}}},
            {"Effect":"Allow","Action":"sts:AssumeRoleWithWebIdentity","Resource":"*","Condition":{
              "StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/*"}}}]}"#;
        let fs = run(check, text);
        assert_eq!(
            spans(text, &fs),
            [
                "\"ec2:Region\"",
                "\"aws:SourceAcount\"",
                "\"aws:RequestTagg/team\"",
                "\"acme:Nope\""
            ]
        );
        assert!(fs[0].message.contains("`s3`, `kms`"));
        assert!(fs[1]
            .help
            .as_deref()
            .unwrap()
            .contains("`aws:SourceAccount`"));
        assert!(fs[2]
            .help
            .as_deref()
            .unwrap()
            .contains("`aws:RequestTag/team`"));
    }
}
