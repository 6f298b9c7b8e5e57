//! POL-NOTRESOURCE-ALLOW: `"Effect": "Allow"` with `NotResource` allows the actions on every resource
//! that is not listed, in every account and service; with `"Action": "*"` that is administrator access
//! minus a few resources (an error).

use super::wording::{json_list, statement_name};
use super::Ctx;
use crate::model::{DocKind, Effect};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta, Severity};

pub const META: RuleMeta = rule_meta!(
    PolNotresourceAllow,
    "POL-NOTRESOURCE-ALLOW",
    Warning,
    "Allow with NotResource grants the actions on every other resource"
);

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    // Key policies do not support NotResource at all (POL-STATEMENT-SHAPE).
    if ctx.doc.kind == DocKind::KeyPolicy {
        return;
    }
    for st in &ctx.doc.policy.statements {
        let (Some(effect), Some(nr)) = (&st.effect, &st.not_resource) else {
            continue;
        };
        // With `Resource` as well the statement is malformed (POL-STATEMENT-SHAPE says so).
        if effect.value != Effect::Allow || st.resource.is_some() {
            continue;
        }
        let listed = json_list(nr.items.iter().map(|i| i.value.as_str()));
        let all_actions = st
            .action
            .as_ref()
            .is_some_and(|a| a.items.iter().any(|i| i.value == "*"));
        let (severity, message) = if all_actions {
            (
                Severity::Error,
                format!(
                    "{} allows every action (\"Action\": \"*\") on every resource except {listed}: administrator access to everything else, in every account and service",
                    statement_name(st)
                ),
            )
        } else {
            (
                Severity::Warning,
                format!(
                    "{} allows its actions on every resource except {listed}, including resources in other accounts and resources created later",
                    statement_name(st)
                ),
            )
        };
        out.push(
            ctx.finding_with(&META, severity, nr.key_span, message)
                .label("Allow + NotResource")
                .help(format!(
                    "name the resources the statement is for: \"Resource\": [\"arn:aws:<service>:<region>:<account-id>:<resource>\", …]; to carve resources out of a grant, add a separate {{\"Effect\": \"Deny\", \"Resource\": {listed}, …}} statement"
                )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Finding> {
        super::super::testing::run_kind(check, DocKind::Identity, text)
    }

    #[test]
    fn star_action_makes_it_an_error() {
        let t = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","NotResource":"arn:aws:s3:::acme-audit/*"}}"#;
        let f = run(t);
        assert_eq!(f[0].severity, Severity::Error);
        assert_eq!(
            &t[f[0].span.start as usize..f[0].span.end as usize],
            "\"NotResource\""
        );
        let t = t.replace("\"*\"", "\"s3:GetObject\"");
        assert_eq!(run(&t)[0].severity, Severity::Warning);
        assert!(run(&t.replace("Allow", "Deny")).is_empty());
    }
}
