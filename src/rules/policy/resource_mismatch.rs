//! POL-RESOURCE-MISMATCH: in a statement with `Action` and `Resource`, no listed resource can be
//! of a resource type that any of the statement's actions accepts (`s3:GetObject` on a bucket
//! ARN). Conservative: unknown actions, actions without resource types (`*` only), `*`
//! resources, non-ARN values and unresolved placeholders all mean "no finding".

use super::action_format::is_well_formed;
use super::Ctx;
use crate::catalog::{catalog, ActionRef};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
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
        let mut refs: Vec<ActionRef> = Vec::new();
        for item in &actions.items {
            let a = item.value.as_str();
            if a == "*" || !is_well_formed(a) || !a.contains(':') {
                refs.clear();
                break; // `*` accepts everything; malformed: other rules report
            }
            let expanded = cat.expand(a);
            if expanded.is_empty() {
                continue; // unknown action: POL-UNKNOWN-ACTION
            }
            refs.extend(expanded);
        }
        if refs.is_empty() || refs.iter().any(|r| r.action.resource_types.is_empty()) {
            continue;
        }
        // Distinct resource types (`s3:*` expands to hundreds of actions sharing a few types).
        let mut types: Vec<&crate::catalog::ResourceType> = Vec::new();
        for a in &refs {
            for (t, _) in a.resource_types() {
                if !types.iter().any(|u| std::ptr::eq(*u, t)) {
                    types.push(t);
                }
            }
        }
        let fits = |arn: &str| types.iter().any(|t| t.could_match(arn));
        if resources.items.iter().any(|r| fits(&r.value)) {
            continue;
        }
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
    use super::super::b_support::testing::{run, spans};
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
