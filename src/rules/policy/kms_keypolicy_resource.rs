//! KMS-KEYPOLICY-RESOURCE: a key-policy statement without `Resource`. KMS accepts such a policy, but the
//! statement has no effect: in a key policy `"Resource": "*"` means "this KMS key". A statement that has
//! only `NotResource` (which key policies do not support) is reported too, at the `NotResource` key.
//!
//! The general POL-STATEMENT-SHAPE finding at the same place yields to this one (`precedence.rs`).

use super::head;
use super::wording::statement_name;
use super::Ctx;
use crate::model::DocKind;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    KmsKeypolicyResource,
    "KMS-KEYPOLICY-RESOURCE",
    Error,
    "Key policy statement has no `Resource` (it has no effect)"
);

const HELP: &str =
    "add \"Resource\": \"*\" to the statement: in a key policy \"*\" means this KMS key";

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if ctx.doc.kind != DocKind::KeyPolicy {
        return;
    }
    for st in &ctx.doc.policy.statements {
        if st.resource.is_some() {
            continue;
        }
        let finding = match &st.not_resource {
            // Same place as POL-STATEMENT-SHAPE's "neither Resource nor NotResource".
            None => ctx
                .finding(
                    &META,
                    head(st.span),
                    format!(
                        "{} of this key policy has no `Resource`: KMS accepts the policy, but the \
                         statement has no effect",
                        statement_name(st)
                    ),
                )
                .label("key policy statement without Resource"),
            Some(nr) => ctx
                .finding(
                    &META,
                    nr.key_span,
                    format!(
                        "{} of this key policy has `NotResource` instead of `Resource`: key policies \
                         do not support `NotResource`, the statement has no effect",
                        statement_name(st)
                    ),
                )
                .label("NotResource in a key policy"),
        };
        out.push(finding.help(HELP));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run_kind, spans};
    use super::*;

    const P: &str = r#"{"Version":"2012-10-17","Statement":[
        {"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"kms:*","Resource":"*"},
        {"Sid":"Replication","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"kms:Encrypt"},
        {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"kms:Decrypt","NotResource":"arn:aws:kms:eu-west-1:111111111111:key/x"}]}"#;

    #[test]
    fn flags_statements_without_resource_in_key_policies_only() {
        let fs = run_kind(check, DocKind::KeyPolicy, P);
        assert_eq!(spans(P, &fs), ["{", "\"NotResource\""]);
        assert!(run_kind(check, DocKind::Resource, P).is_empty());
    }
}
