//! KMS-XACCT-NONCRYPTO — key policy grants another account operations that do not work across accounts.

use super::key_principals::key_grants;
use super::Ctx;
use crate::eval::wildcard::matches_ci;
use crate::model::symbolic::has_symbol;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(KmsXacctNoncrypto, "KMS-XACCT-NONCRYPTO", Info, "Key policy grants another account operations that do not work across accounts");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for g in key_grants(&cx.graph.model) {
        if !g.external() {
            continue;
        }
        let (key, doc) = (g.key, g.doc);
        let Some(actions) = &g.st.action else { continue };
        for a in &actions.items {
            if has_symbol(&a.value) || !a.value.to_ascii_lowercase().starts_with("kms:") {
                continue;
            }
            if XACCT_OPS.iter().any(|op| matches_ci(&a.value, op)) {
                continue;
            }
            out.push(
                Finding::new(
                    META.id,
                    META.severity,
                    doc.file,
                    a.span,
                    format!(
                        "`{}` is granted to another account, but it cannot be used across accounts: only cryptographic operations, CreateGrant, DescribeKey, GetKeyRotationStatus, GetPublicKey, ListGrants, RetireGrant and RevokeGrant work with a key in another account",
                        a.value
                    ),
                )
                .resource(Some(key.origin.logical_id.clone()))
                .label("ineffective for the external principal")
                .help("remove it from the cross-account statement; key management stays with the key's own account"),
            );
        }
    }
}

/// The operations principals in other accounts can use with a key (KMS Developer Guide, "Allowing users in
/// other accounts to use a KMS key").
const XACCT_OPS: &[&str] = &[
    "kms:Decrypt",
    "kms:DeriveSharedSecret",
    "kms:Encrypt",
    "kms:GenerateDataKey",
    "kms:GenerateDataKeyPair",
    "kms:GenerateDataKeyPairWithoutPlaintext",
    "kms:GenerateDataKeyWithoutPlaintext",
    "kms:GenerateMac",
    "kms:ReEncryptFrom",
    "kms:ReEncryptTo",
    "kms:Sign",
    "kms:Verify",
    "kms:VerifyMac",
    "kms:CreateGrant",
    "kms:DescribeKey",
    "kms:GetKeyRotationStatus",
    "kms:GetPublicKey",
    "kms:ListGrants",
    "kms:RetireGrant",
    "kms:RevokeGrant",
];


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cross_account_operations() {
        assert!(XACCT_OPS.iter().any(|op| matches_ci("kms:*", op)));
        assert!(!XACCT_OPS
            .iter()
            .any(|op| matches_ci("kms:ScheduleKeyDeletion", op)));
    }
}
