//! KMS-ENCCTX-SETOP: `ForAllValues:` with `kms:EncryptionContext:<key>` in an `Allow` statement. The key
//! is single-valued, and `ForAllValues` is also true when the request has no encryption context (or not
//! that pair), so the statement also allows requests without the encryption context it seems to require.
//! Any policy kind (key policies, IAM policies, grants written as policies).
//!
//! POL-SETOP-SINGLE and POL-FORALLVALUES-ALLOW on the same operator yield to this finding
//! (`precedence.rs`).

use super::statement_conditions::parsed_conditions;
use super::wording::json_str;
use super::wording::statement_name;
use super::Ctx;
use crate::model::{Effect, Operator, SetOp};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    KmsEncctxSetop, "KMS-ENCCTX-SETOP",
    Warning,
    "`ForAllValues:` on `kms:EncryptionContext:<key>` in an Allow also allows requests without that context"
);

const PREFIX: &str = "kms:encryptioncontext:";

fn is_context_pair_key(key: &str) -> bool {
    key.len() > PREFIX.len()
        && key.is_char_boundary(PREFIX.len())
        && key[..PREFIX.len()].eq_ignore_ascii_case(PREFIX)
}

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
            if !is_context_pair_key(key) {
                continue;
            }
            let plain = c
                .operator
                .value
                .split_once(':')
                .map_or(c.operator.value.as_str(), |(_, r)| r);
            out.push(
                ctx.finding(
                    &META,
                    c.operator.span,
                    format!(
                        "{} uses `{}` on `{key}` in an Allow: that is also true for requests with no \
                         encryption context (or without this pair), so they are allowed too",
                        statement_name(st),
                        c.operator.value
                    ),
                )
                .label("ForAllValues on an encryption context pair")
                .help(format!(
                    "`{key}` is single-valued: use the plain operator, e.g. \"Condition\": {{ {}: {{ {}: … }} }}; \
                     to require the context key itself use \"ForAnyValue:StringEquals\" on \
                     \"kms:EncryptionContextKeys\"",
                    json_str(plain),
                    json_str(key)
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run_kind, spans};
    use super::*;
    use crate::model::DocKind;

    const P: &str = r#"{"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"kms:Decrypt","Resource":"*",
         "Condition":{"ForAllValues:StringEquals":{"kms:EncryptionContext:aws:s3:arn":"arn:aws:s3:::src"}}},
        {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"kms:Decrypt","Resource":"*",
         "Condition":{"StringEquals":{"kms:EncryptionContext:aws:s3:arn":"arn:aws:s3:::src"},
                      "ForAllValues:StringEquals":{"kms:EncryptionContextKeys":"aws:s3:arn"}}},
        {"Effect":"Deny","Principal":"*","Action":"kms:Decrypt","Resource":"*",
         "Condition":{"ForAllValues:StringNotEquals":{"kms:encryptioncontext:team":"a"}}}]}"#;

    #[test]
    fn flags_forallvalues_on_context_pairs_in_allow_only() {
        let fs = run_kind(check, DocKind::KeyPolicy, P);
        assert_eq!(spans(P, &fs), ["\"ForAllValues:StringEquals\""]);
        assert!(!is_context_pair_key("kms:EncryptionContext:"));
        assert!(is_context_pair_key("KMS:encryptionContext:Dept"));
    }
}
