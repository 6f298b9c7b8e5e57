//! POL-RESOURCE-MISMATCH: in a statement with `Action` and `Resource`, no listed resource can be
//! of a resource type that any of the statement's actions accepts (`s3:GetObject` on a bucket
//! ARN). Conservative: unknown actions, actions without resource types (`*` only), `*`
//! resources, non-ARN values and unresolved placeholders all mean "no finding".

use super::action_facts::action_facts;
use super::word_hash::FastHash;
use super::Ctx;
use crate::catalog::{catalog, ActionRef, ResourceType};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

pub const META: RuleMeta = rule_meta!(
    PolResourceMismatch,
    "POL-RESOURCE-MISMATCH",
    Warning,
    "No resource of the statement fits the resource types its actions accept"
);

/// Placeholders other than policy variables (`${aws:username}`) and the escapes `${*}`,
/// `${?}`, `${$}`: CloudFormation `${AWS::AccountId}`, Terraform `${var.bucket}`, …
fn has_unresolved_placeholder(r: &str) -> bool {
    let mut rest = r;
    while let Some(i) = rest.find("${") {
        let after = &rest[i + 2..];
        let Some(end) = after.find('}') else {
            return true;
        };
        let name = &after[..end];
        let is_policy_var = name.matches(':').count() == 1
            && !name.starts_with(':')
            && !name.ends_with(':')
            && !name.contains(char::is_whitespace);
        if !(is_policy_var || matches!(name, "*" | "?" | "$")) {
            return true;
        }
        rest = &after[end + 1..];
    }
    false
}

/// What the rule needs from the catalog expansion of one action pattern.
struct Expansion {
    /// The pattern matches some action.
    known: bool,
    /// Some matched action only supports `"Resource": "*"`.
    untyped: bool,
    /// Distinct resource types of the matched actions, in first-seen order.
    types: Vec<&'static ResourceType>,
}

/// The [`Expansion`] of `pattern`, memoized for the process: the same few wildcards (`s3:*`, `kms:*`)
/// recur in every file, and expanding one means matching hundreds of action names and merging
/// their resource types. Keyed by the exact text, so the answer is the one `Catalog::expand` gives.
fn expansion(pattern: &str) -> Arc<Expansion> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<Expansion>, FastHash>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let lock = || cache.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(e) = lock().get(pattern) {
        return Arc::clone(e);
    }
    let refs = catalog().expand(pattern);
    let mut types: Vec<&'static ResourceType> = Vec::new();
    for (t, _) in refs.iter().flat_map(|a| a.resource_types()) {
        if !types.iter().any(|u| std::ptr::eq(*u, t)) {
            types.push(t);
        }
    }
    let e = Arc::new(Expansion {
        known: !refs.is_empty(),
        untyped: refs.iter().any(|r| r.action.resource_types.is_empty()),
        types,
    });
    Arc::clone(lock().entry(pattern.to_string()).or_insert(e))
}

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let cat = catalog();
    for st in &ctx.doc.policy.statements {
        let (Some(actions), Some(resources)) = (&st.action, &st.resource) else {
            continue;
        };
        if st.not_action.is_some() || st.not_resource.is_some() || resources.items.is_empty() {
            continue;
        }
        // `*`, non-ARNs, placeholders, and ARNs whose service segment is not lower-case (a
        // POL-RESOURCE-FORMAT matter) could be anything: no finding.
        if resources.items.iter().any(|r| {
            r.value == "*"
                || crate::model::symbolic::has_symbol(&r.value)
                || !r.value.starts_with("arn:")
                || has_unresolved_placeholder(&r.value)
                || r.value.split(':').nth(2).is_none_or(|s| {
                    !s.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                })
        }) {
            continue;
        }
        let mut expansions: Vec<Arc<Expansion>> = Vec::new();
        for item in &actions.items {
            let a = item.value.as_str();
            if a == "*" || !action_facts(a).well_formed || !a.contains(':') {
                expansions.clear();
                break; // `*` accepts everything; malformed: other rules report
            }
            let e = expansion(a);
            if e.known {
                expansions.push(e); // unknown action: POL-UNKNOWN-ACTION
            }
        }
        if expansions.is_empty() || expansions.iter().any(|e| e.untyped) {
            continue;
        }
        // Distinct resource types (`s3:*` expands to hundreds of actions sharing a few types).
        let mut types: Vec<&ResourceType> = Vec::new();
        for t in expansions.iter().flat_map(|e| &e.types) {
            if !types.iter().any(|u| std::ptr::eq(*u, *t)) {
                types.push(t);
            }
        }
        let fits = |arn: &str| ResourceType::could_match_any(&types, arn);
        if resources.items.iter().any(|r| fits(&r.value)) {
            continue;
        }
        // A finding (rare): the matched actions themselves, for the expected forms.
        let refs: Vec<ActionRef> = actions
            .items
            .iter()
            .flat_map(|i| cat.expand(&i.value))
            .collect();
        // Expected forms: distinct (type, template) pairs, in catalog order, a few at most.
        let mut forms: Vec<(String, &str)> = Vec::new();
        for a in &refs {
            for (t, _) in a.resource_types() {
                let label = format!("{}:{}", a.prefix(), t.name);
                if !forms.iter().any(|(l, _)| *l == label) {
                    forms.push((label, t.arn.as_str()));
                }
            }
        }
        let more = forms.len().saturating_sub(4);
        let mut expected: Vec<String> = forms
            .iter()
            .take(4)
            .map(|(l, arn)| format!("{l} `{arn}`"))
            .collect();
        if more > 0 {
            expected.push(format!("{more} more"));
        }
        let action_names: Vec<&str> = actions.items.iter().map(|i| i.value.as_str()).collect();
        let shown_actions = if action_names.len() <= 3 {
            action_names
                .iter()
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(", ")
        } else {
            format!("the {} actions of this statement", action_names.len())
        };
        // A concrete fix: the resource with `/*` added, or its path removed.
        let fix = resources.items.iter().find_map(|r| {
            candidates(&r.value)
                .into_iter()
                .find(|c| fits(c))
                .map(|c| (r.value.clone(), c))
        });
        let acts = if actions.items.len() == 1 {
            "acts"
        } else {
            "act"
        };
        let mut help = format!("{shown_actions} {acts} on: {}", expected.join("; "));
        if let Some((from, to)) = fix {
            help.push_str(&format!(
                ". Did you mean \"Resource\": \"{to}\" instead of \"{from}\"? (or list both)"
            ));
        }
        let verb = if actions.items.len() == 1 {
            "accepts"
        } else {
            "accept"
        };
        let (span, msg) = match resources.items.as_slice() {
            [one] => (
                one.span,
                format!(
                    "`{}` is not a resource that {shown_actions} {verb}",
                    one.value
                ),
            ),
            many => (
                resources.span,
                format!(
                    "none of the {} resources is of a type that {shown_actions} {verb}",
                    many.len()
                ),
            ),
        };
        out.push(
            ctx.finding(&META, span, msg)
                .label("no action of the statement applies to this resource")
                .help(help),
        );
    }
}

/// Variants of a resource ARN that a user most likely meant.
fn candidates(arn: &str) -> Vec<String> {
    let mut out = vec![format!("{arn}/*")];
    // Drop the path of the resource part: `arn:aws:s3:::bucket/*` → `arn:aws:s3:::bucket`.
    let colon5 = arn.match_indices(':').nth(4).map(|(i, _)| i);
    if let Some(c) = colon5 {
        if let Some(slash) = arn[c..].find('/') {
            out.push(arn[..c + slash].to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, spans};
    use super::*;

    #[test]
    fn object_action_on_bucket_arn() {
        let text = r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-data"},
            {"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"arn:aws:s3:::acme-data"},
            {"Effect":"Allow","Action":"s3:ListBucket","Resource":["arn:aws:s3:::acme-data/*","arn:aws:s3:::acme-logs/*"]},
            {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-home/${aws:username}/*"},
            {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::${AWS::StackName}"},
            {"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"arn:aws:s3:::acme-data"},
            {"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},
            {"Effect":"Allow","NotAction":"s3:GetObject","Resource":"arn:aws:s3:::acme-data"},
            {"Effect":"Allow","Action":"sqs:ReceiveMessage","Resource":"arn:aws:SQS:eu-west-1:111111111111:q"}]}"#;
        let fs = run(check, text);
        assert_eq!(
            spans(text, &fs),
            [
                "\"arn:aws:s3:::acme-data\"",
                "[\"arn:aws:s3:::acme-data/*\",\"arn:aws:s3:::acme-logs/*\"]"
            ]
        );
        let h0 = fs[0].help.as_deref().unwrap();
        assert!(
            h0.contains("arn:${Partition}:s3:::${BucketName}/${ObjectName}"),
            "{h0}"
        );
        assert!(
            h0.contains("\"Resource\": \"arn:aws:s3:::acme-data/*\""),
            "{h0}"
        );
        assert!(
            fs[0]
                .message
                .contains("is not a resource that `s3:GetObject` accepts"),
            "{}",
            fs[0].message
        );
        let h1 = fs[1].help.as_deref().unwrap();
        assert!(
            h1.contains("\"Resource\": \"arn:aws:s3:::acme-data\""),
            "{h1}"
        );
        assert!(
            fs[1]
                .message
                .starts_with("none of the 2 resources is of a type that `s3:ListBucket` accepts"),
            "{}",
            fs[1].message
        );
    }

    #[test]
    fn placeholders() {
        assert!(has_unresolved_placeholder("arn:${AWS::Partition}:s3:::b"));
        assert!(has_unresolved_placeholder("arn:aws:s3:::${var.bucket}"));
        assert!(!has_unresolved_placeholder(
            "arn:aws:s3:::b/${aws:username}/*"
        ));
        assert!(!has_unresolved_placeholder("arn:aws:s3:::b/${*}"));
    }
}
