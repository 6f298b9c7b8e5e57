//! ROLE-KMS-ENCCTX-TYPO — encryption-context condition key S3 never sends.

use crate::model::PolicyDoc;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use std::collections::HashSet;
use super::Ctx;
use super::common::Site;

pub const META: RuleMeta = rule_meta!(RoleKmsEncctxTypo, "ROLE-KMS-ENCCTX-TYPO", Warning, "Encryption-context condition key S3 never sends");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let model = &cx.graph.model;
    let mut roles_seen = HashSet::new();
    for s in cx.sites() {
        let Some(r) = s.role else { continue };
        if roles_seen.insert(r) {
            for d in &model.role_policies(r) {
                encctx_typo(s, d, out);
            }
        }
    }
}

const ENC_PREFIX: &str = "kms:encryptioncontext:";

fn encctx_typo(s: &Site, d: &PolicyDoc, out: &mut Vec<Finding>) {
    for st in &d.policy.statements {
        for c in &st.conditions {
            let k = c.key.value.to_ascii_lowercase();
            let Some(ctx_key) = k.strip_prefix(ENC_PREFIX) else {
                continue;
            };
            if ctx_key == "aws:s3:arn" || !ctx_key.contains("arn") {
                continue;
            }
            out.push(
                Finding::new(META.id, META.severity, d.file, c.key.span, format!(
                    "condition key `{}`: S3 sends the encryption context key aws:s3:arn, never `{}`, so this condition cannot match S3's requests",
                    c.key.value, c.key.value.get(ENC_PREFIX.len()..).unwrap_or(ctx_key)
                ))
                .resource(s.role_def().map(|r| r.origin.logical_id.clone()))
                .help("use \"kms:EncryptionContext:aws:s3:arn\" (the object ARN, or the bucket ARN when S3 Bucket Keys are on)"),
            );
        }
    }
}
