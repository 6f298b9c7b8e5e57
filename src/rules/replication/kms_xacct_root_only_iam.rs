//! KMS-XACCT-ROOT-ONLY-IAM — key policy grants another account as a whole: its administrators choose the principals.

use super::key_principals::{account_root, key_grants};
use super::Ctx;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(KmsXacctRootOnlyIam, "KMS-XACCT-ROOT-ONLY-IAM", Info, "Key policy grants another account as a whole: its administrators choose the principals");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for g in key_grants(&cx.graph.model) {
        let (key, doc, own) = (g.key, g.doc, g.own);
        for v in &g.principals {
            let Some(acct) = account_root(&v.value) else {
                continue;
            };
            if acct == own {
                continue;
            }
            out.push(
                Finding::new(
                    META.id,
                    META.severity,
                    doc.file,
                    v.span,
                    format!(
                        "the key policy of {} grants account {acct} as a whole: the key can be used by whichever principals that account's administrators allow in IAM",
                        key.origin.logical_id
                    ),
                )
                .resource(Some(key.origin.logical_id.clone()))
                .label("external account")
                .help(format!(
                    "to restrict it further, name the principal itself, e.g. \"AWS\": \"arn:aws:iam::{acct}:role/<role-name>\" (the role must exist when the key policy is set)"
                )),
            );
        }
    }
}
