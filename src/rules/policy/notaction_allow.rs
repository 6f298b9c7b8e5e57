//! POL-NOTACTION-ALLOW: `"Effect": "Allow"` with `NotAction` allows every action that is not listed, in
//! every service, including actions AWS adds later.

use super::wording::{json_list, statement_name};
use super::Ctx;
use crate::model::Effect;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    PolNotactionAllow,
    "POL-NOTACTION-ALLOW",
    Warning,
    "Allow with NotAction grants every other action of every service"
);

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for st in &ctx.doc.policy.statements {
        let (Some(effect), Some(na)) = (&st.effect, &st.not_action) else {
            continue;
        };
        // With `Action` as well the statement is malformed (POL-STATEMENT-SHAPE says so).
        if effect.value != Effect::Allow || st.action.is_some() {
            continue;
        }
        let listed = json_list(na.items.iter().map(|i| i.value.as_str()));
        out.push(
            ctx.finding(
                &META,
                na.key_span,
                format!(
                    "{} allows every action except {listed}, in every AWS service, including actions added in the future",
                    statement_name(st)
                ),
            )
            .label("Allow + NotAction")
            .help(format!(
                "list what the statement is for: \"Action\": [\"<service>:<Action>\", …]; to exclude actions from a broad grant, keep the grant narrow and add a separate statement {{\"Effect\": \"Deny\", \"Action\": {listed}, …}}"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocKind;

    fn run(text: &str) -> Vec<Finding> {
        super::super::testing::run_kind(check, DocKind::Identity, text)
    }

    #[test]
    fn allow_not_action_is_flagged_on_the_key_and_deny_is_not() {
        let allow = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}}"#;
        let f = run(allow);
        assert_eq!(f.len(), 1);
        assert_eq!(
            &allow[f[0].span.start as usize..f[0].span.end as usize],
            "\"NotAction\""
        );
        let deny = allow.replace("Allow", "Deny");
        assert!(run(&deny).is_empty());
        let both = allow.replace("\"NotAction\"", "\"Action\":\"s3:*\",\"NotAction\"");
        assert!(run(&both).is_empty(), "a shape error, not this rule");
    }
}
