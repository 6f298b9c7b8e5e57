//! POL-IFEXISTS-NEGATED-DENY: in a `Deny` statement a negated operator with `IfExists`
//! (`StringNotEqualsIfExists`, `ArnNotLikeIfExists`, `NotIpAddressIfExists`, …) is true when the
//! key is missing, so requests without the key are denied; `IfExists` does not exempt them.

use super::statement_conditions::parsed_conditions;
use super::wording::json_str;
use super::Ctx;
use crate::model::Effect;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    PolIfexistsNegatedDeny,
    "POL-IFEXISTS-NEGATED-DENY",
    Info,
    "Negated `…IfExists` operator in a Deny statement also denies requests without the key"
);

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for st in &ctx.doc.policy.statements {
        if st.effect.as_ref().map(|e| e.value) != Some(Effect::Deny) {
            continue;
        }
        for (op, c) in parsed_conditions(st) {
            if !(op.if_exists && op.op.is_negated()) {
                continue;
            }
            let key = &c.key.value;
            out.push(
                ctx.finding(
                    &META,
                    c.operator.span,
                    format!(
                        "`{}` on `{key}` is true when the request has no `{key}`, so this Deny \
                         also applies to requests without the key",
                        c.operator.value
                    ),
                )
                .label("missing key still denies")
                .help(format!(
                    "a negated operator already matches a missing key; `IfExists` does not exempt \
                     such requests. If that is intended, drop `IfExists` (same meaning, clearer). \
                     If requests without the key should not be denied, add \
                     \"Null\": {{ {}: \"false\" }} to this statement's Condition block",
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

    #[test]
    fn only_negated_ifexists_in_deny() {
        let text = r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{
              "StringNotEqualsIfExists":{"aws:SourceVpce":"vpce-1a2b3c4d"},
              "StringEqualsIfExists":{"aws:PrincipalOrgID":"o-abc"},
              "StringNotEquals":{"aws:PrincipalAccount":"111111111111"},
              "ArnNotLikeIfExists":{"aws:PrincipalArn":"arn:aws:iam::111111111111:role/ops-*"}}},
            {"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{
              "StringNotEqualsIfExists":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}]}"#;
        let fs = run(check, text);
        assert_eq!(
            spans(text, &fs),
            ["\"StringNotEqualsIfExists\"", "\"ArnNotLikeIfExists\""]
        );
        assert_eq!(fs[0].severity, crate::rules::Severity::Info);
    }
}
