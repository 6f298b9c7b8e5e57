//! POL-NOTPRINCIPAL-ALLOW: `NotPrincipal` with `"Effect": "Allow"` grants access to everyone except the
//! listed principals, anonymous users included; AWS does not support the combination.

use super::notprincipal_statements::not_principal_statements;
use super::wording::statement_name;
use super::Ctx;
use crate::model::Effect;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    PolNotprincipalAllow,
    "POL-NOTPRINCIPAL-ALLOW",
    Error,
    "NotPrincipal used with Allow"
);

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (st, np) in not_principal_statements(ctx, Effect::Allow) {
        out.push(
            ctx.finding(
                &META,
                np.key_span,
                format!(
                    "{} combines `NotPrincipal` with \"Effect\": \"Allow\": it would allow everyone except the listed principals, anonymous users included, and AWS supports NotPrincipal only with Deny",
                    statement_name(st)
                ),
            )
            .label("Allow + NotPrincipal")
            .help("name who is allowed: \"Principal\": {\"AWS\": [\"arn:aws:iam::<account-id>:role/<role-name>\"]}; to allow all but some principals write \"Principal\": \"*\" with \"Condition\": {\"ArnNotEquals\": {\"aws:PrincipalArn\": [\"<excluded principal ARN>\"]}} and narrow it further (e.g. aws:PrincipalOrgID)"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocKind;

    fn run(kind: DocKind, text: &str) -> Vec<Finding> {
        super::super::testing::run_kind(check, kind, text)
    }

    #[test]
    fn allow_is_flagged_deny_is_not() {
        let t = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","NotPrincipal":{"AWS":"111111111111"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::acme/*"}}"#;
        let f = run(DocKind::Resource, t);
        assert_eq!(f.len(), 1);
        assert_eq!(
            &t[f[0].span.start as usize..f[0].span.end as usize],
            "\"NotPrincipal\""
        );
        assert!(run(DocKind::Resource, &t.replace("Allow", "Deny")).is_empty());
        assert!(
            run(DocKind::Identity, t).is_empty(),
            "placement reports it there"
        );
    }
}
