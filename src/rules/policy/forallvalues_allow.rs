//! POL-FORALLVALUES-ALLOW: `ForAllValues:` in an `Allow` statement is also true when the key is
//! absent from the request or has no values, so the statement grants more than it seems to.

use super::statement_conditions::{has_null_false, parsed_conditions};
use super::wording::json_str;
use super::Ctx;
use crate::model::{Effect, Operator, SetOp};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    PolForallvaluesAllow,
    "POL-FORALLVALUES-ALLOW",
    Warning,
    "`ForAllValues:` in an Allow statement also matches when the key is absent"
);

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for st in &ctx.doc.policy.statements {
        if st.effect.as_ref().map(|e| e.value) != Some(Effect::Allow) {
            continue;
        }
        for (op, c) in parsed_conditions(st) {
            if op.set != Some(SetOp::ForAllValues) || op.op == Operator::Null {
                continue;
            }
            let key = &c.key.value;
            if has_null_false(st, key) {
                continue;
            }
            let null = format!("\"Null\": {{ {}: \"false\" }}", json_str(key));
            out.push(
                ctx.finding(
                    &META,
                    c.operator.span,
                    format!(
                        "`{}` on `{key}` in an Allow statement is true when the request has no \
                         `{key}` (or an empty list), so the statement also allows those requests",
                        c.operator.value
                    ),
                )
                .label("also true when the key is absent")
                .help(format!(
                    "require the key to be present by adding {null} to this statement's \
                     Condition block, e.g.\n\"Condition\": {{\n  {}: {{ {}: … }},\n  {null}\n}}",
                    json_str(&c.operator.value),
                    json_str(key)
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, spans};
    use super::*;

    const ALLOW: &str = r#"{"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*",
         "Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["team","env"]}}},
        {"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*",
         "Condition":{"ForAllValues:StringEquals":{"aws:tagkeys":["team"]},"Null":{"aws:TagKeys":false}}},
        {"Effect":"Deny","Action":"ec2:CreateTags","Resource":"*",
         "Condition":{"ForAllValues:StringNotEquals":{"aws:TagKeys":["team"]}}},
        {"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*",
         "Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["team"]},
                      "ForAllValues:StringLike":{"aws:TagKeys":"t*"},"Null":{"aws:TagKeys":"true"}}}]}"#;

    #[test]
    fn flags_allow_without_null_false_only() {
        let fs = run(check, ALLOW);
        assert_eq!(
            spans(ALLOW, &fs),
            [
                "\"ForAllValues:StringEquals\"",
                "\"ForAllValues:StringLike\""
            ]
        );
        assert!(fs[0]
            .help
            .as_deref()
            .unwrap()
            .contains(r#""Null": { "aws:TagKeys": "false" }"#));
    }
}
