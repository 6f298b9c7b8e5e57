//! POL-COND-OPERATOR: every `Condition` operator is a known IAM operator, optionally with a
//! `ForAllValues:`/`ForAnyValue:` prefix and an `IfExists` suffix (not on `Null`).

use super::Ctx;
use crate::catalog::suggest::closest;
use crate::model::condition::OPERATORS;
use crate::model::{CondOp, Operator};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    PolCondOperator,
    "POL-COND-OPERATOR",
    Error,
    "Unknown or invalid condition operator"
);

const SET_PREFIXES: [&str; 2] = ["ForAllValues", "ForAnyValue"];

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for st in &ctx.doc.policy.statements {
        // One entry per (operator, key): report each operator once.
        let mut last = None;
        for c in &st.conditions {
            if last == Some(c.operator.span) {
                continue;
            }
            last = Some(c.operator.span);
            let op = &c.operator.value;
            if CondOp::parse(op).is_some() {
                continue;
            }
            let (msg, help) = diagnose(op);
            out.push(
                ctx.finding(&META, c.operator.span, msg)
                    .label("unknown condition operator")
                    .help(help),
            );
        }
    }
}

/// (message, help) for an operator that does not parse.
fn diagnose(op: &str) -> (String, String) {
    let shown = format!("`{op}`");
    // Split off a set prefix, repairing its spelling.
    let (prefix, rest, prefix_note) = match op.split_once(':') {
        Some((p, r)) => {
            let fixed = SET_PREFIXES
                .iter()
                .copied()
                .find(|s| *s == p)
                .or_else(|| closest(p, SET_PREFIXES, 3));
            match fixed {
                Some(f) if f == p => (Some(f), r, None),
                Some(f) => (Some(f), r, Some(format!("the set prefix is `{f}:`"))),
                None => {
                    return (
                        format!("{shown} is not a condition operator"),
                        format!(
                            "the only operator prefixes are `ForAllValues:` and `ForAnyValue:`; \
                             `{p}:` is not one of them"
                        ),
                    )
                }
            }
        }
        None => (None, op, None),
    };
    // Split off IfExists (any case).
    let lower = rest.to_ascii_lowercase();
    let (base, if_exists) = if lower.ends_with("ifexists") && rest.len() > "ifexists".len() {
        (&rest[..rest.len() - "IfExists".len()], true)
    } else {
        (rest, false)
    };
    let exact = OPERATORS
        .iter()
        .find(|(n, _)| *n == base)
        .map(|(n, o)| (*n, *o));
    let by_case = OPERATORS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(base))
        .map(|(n, o)| (*n, *o));
    let close = || {
        closest(base, OPERATORS.iter().map(|(n, _)| *n), 3).and_then(|n| {
            OPERATORS
                .iter()
                .find(|(m, _)| *m == n)
                .map(|(m, o)| (*m, *o))
        })
    };
    let Some((name, operator)) = exact.or(by_case).or_else(close) else {
        return (
            format!("{shown} is not a condition operator"),
            "use one of the IAM operators: StringEquals, StringLike, ArnLike, NumericLessThan, \
             DateGreaterThan, Bool, IpAddress, Null, … (optionally `ForAllValues:`/`ForAnyValue:` \
             before and `IfExists` after)"
                .into(),
        );
    };
    let mut notes: Vec<String> = prefix_note.into_iter().collect();
    if operator == Operator::Null && if_exists {
        if exact.is_some() && notes.is_empty() {
            return (
                format!("{shown} is invalid: `Null` cannot take the `IfExists` suffix"),
                "`Null` already tests whether the key exists: write `\"Null\": {\"<key>\": \"true\"}` \
                 (key absent) or `\"false\"` (key present)"
                    .into(),
            );
        }
        notes.push("`Null` cannot take `IfExists`".into());
    }
    let mut fixed = String::new();
    if let Some(p) = prefix {
        fixed.push_str(p);
        fixed.push(':');
    }
    fixed.push_str(name);
    if if_exists && operator != Operator::Null {
        fixed.push_str("IfExists");
        if !rest.ends_with("IfExists") {
            notes.push("the suffix is spelled `IfExists`".into());
        }
    }
    if exact.is_none() {
        if by_case.is_some() {
            notes.insert(0, "operator names are case-sensitive".into());
        } else {
            notes.insert(0, format!("`{base}` is not an operator"));
        }
    }
    let why = if notes.is_empty() {
        String::new()
    } else {
        format!("{}; ", notes.join("; "))
    };
    (
        format!("{shown} is not a valid condition operator"),
        format!("{why}did you mean `{fixed}`?"),
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, spans};
    use super::*;

    fn help(op: &str) -> String {
        diagnose(op).1
    }

    #[test]
    fn suggestions() {
        assert!(help("StringEqual").ends_with("did you mean `StringEquals`?"));
        assert!(help("stringequals").contains("case-sensitive; did you mean `StringEquals`?"));
        assert!(help("ForAllValue:StringLike").contains("did you mean `ForAllValues:StringLike`?"));
        assert!(help("forAnyValue:ArnLike").contains("`ForAnyValue:ArnLike`"));
        assert!(help("StringNotEqualsIfexists").contains("`StringNotEqualsIfExists`"));
        assert!(help("IPAddress").contains("`IpAddress`"));
        assert!(help("ArnNotEqual").contains("`ArnNotEquals`"));
        assert!(help("NullIfExists").contains("`Null` already tests whether the key exists"));
        assert!(diagnose("NullIfExists")
            .0
            .contains("`Null` cannot take the `IfExists` suffix"));
        assert!(help("ForAllValue:NullIfExists").contains("`Null` cannot take `IfExists`"));
        assert!(help("ForAllValue:NullIfExists").ends_with("did you mean `ForAllValues:Null`?"));
        assert!(help("Whatever:StringEquals").contains("`Whatever:` is not one of them"));
        assert!(help("Frobnicate").contains("use one of the IAM operators"));
    }

    #[test]
    fn reports_each_bad_operator_once_at_its_span() {
        let text = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject",
            "Resource":"arn:aws:s3:::acme-data/*","Condition":{
              "StringEqual":{"aws:PrincipalOrgID":"o-abc","aws:PrincipalAccount":"111111111111"},
              "StringEqualsIfExists":{"s3:ExistingObjectTag/team":"data"},
              "NullIfExists":{"aws:SourceVpce":"false"}}}}"#;
        let fs = run(check, text);
        assert_eq!(spans(text, &fs), ["\"StringEqual\"", "\"NullIfExists\""]);
    }
}
