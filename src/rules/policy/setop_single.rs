//! POL-SETOP-SINGLE: `ForAllValues:`/`ForAnyValue:` on a key the catalog types as single-valued
//! (anything but `ArrayOf…`). Keys of unknown type are left alone.

use super::statement_conditions::parsed_conditions;
use super::Ctx;
use crate::catalog::catalog;
use crate::model::SetOp;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    PolSetopSingle,
    "POL-SETOP-SINGLE",
    Warning,
    "Set operator on a single-valued condition key"
);

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for st in &ctx.doc.policy.statements {
        for (op, c) in parsed_conditions(st) {
            let Some(set) = op.set else { continue };
            let key = &c.key.value;
            let Some(ty) = catalog().condition_key_type(key) else {
                continue;
            };
            if ty.starts_with("ArrayOf") {
                continue;
            }
            let set_name = format!("{set:?}");
            let plain = c
                .operator
                .value
                .split_once(':')
                .map_or(c.operator.value.as_str(), |(_, r)| r);
            out.push(
                ctx.finding(
                    &META,
                    c.operator.span,
                    format!("`{set_name}:` is used on `{key}`, a single-valued key (type `{ty}`)"),
                )
                .label("set operator on a single-valued key")
                .help(format!(
                    "set operators are for multivalued (`ArrayOf…`) keys; AWS warns that on a \
                     single-valued key they can make the policy overly permissive{}. Use `{plain}` \
                     instead",
                    if set == SetOp::ForAllValues {
                        " (`ForAllValues` is also true when the key is absent)"
                    } else {
                        ""
                    }
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
    fn flags_only_known_single_valued_keys() {
        let text = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:CreateTags",
            "Resource":"*","Condition":{
              "ForAnyValue:StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d","aws:TagKeys":"team"},
              "ForAllValues:StringLike":{"aws:requesttag/team":"data-*"},
              "ForAnyValue:StringLike":{"acme:CustomKey":"x"}}}}"#;
        let fs = run(check, text);
        assert_eq!(
            spans(text, &fs),
            [
                "\"ForAnyValue:StringEquals\"",
                "\"ForAllValues:StringLike\""
            ]
        );
        assert!(fs[0].message.contains("`aws:SourceVpce`"));
        assert!(fs[1]
            .help
            .as_deref()
            .unwrap()
            .contains("Use `StringLike` instead"));
    }
}
