//! ROLE-KMS-RESOURCE-ALIAS — KMS permissions granted on an alias or key id instead of the key ARN.

use crate::model::arn::Arn;
use crate::model::symbolic::{display, parts, Part};
use crate::model::PolicyDoc;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use std::collections::HashSet;
use super::Ctx;
use super::common::Site;
use super::statements::{allows, grants_any};

pub const META: RuleMeta = rule_meta!(RoleKmsResourceAlias, "ROLE-KMS-RESOURCE-ALIAS", Error, "KMS permissions granted on an alias or key id instead of the key ARN");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let model = &cx.graph.model;
    let mut roles_seen = HashSet::new();
    for s in cx.sites() {
        let Some(r) = s.role else { continue };
        if roles_seen.insert(r) {
            for d in &model.role_policies(r) {
                kms_resource_alias(s, d, out);
            }
        }
    }
}

/// KMS actions S3 replication calls with the role.
const KMS_CRYPTO: &[&str] = &[
    "kms:Decrypt",
    "kms:Encrypt",
    "kms:GenerateDataKey",
    "kms:ReEncryptFrom",
    "kms:ReEncryptTo",
];

/// What a KMS `Resource` value is when it is not a key ARN (or a pattern of key ARNs).
fn not_key_arn(v: &str) -> Option<&'static str> {
    if v == "*" {
        return None;
    }
    if let Some(a) = Arn::parse(v) {
        if a.service != "kms" {
            return None;
        }
        return a.resource.starts_with("alias/").then_some("an alias ARN");
    }
    if v.starts_with("alias/") {
        return Some("an alias name");
    }
    // `Ref` of an AWS::KMS::Key is its key id, not its ARN.
    for p in parts(v) {
        if let Part::Sym(id) = p {
            if matches!(&*id.get(), crate::model::symbolic::Sym::Generated { attr, .. } if attr == "KeyId")
            {
                return Some("a key id (Ref of an AWS::KMS::Key returns the id, not the ARN)");
            }
        }
    }
    let uuid = v.len() == 36
        && v.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
        && v.matches('-').count() == 4;
    let mrk = v
        .strip_prefix("mrk-")
        .is_some_and(|r| r.len() == 32 && r.chars().all(|c| c.is_ascii_hexdigit()));
    (uuid || mrk).then_some("a key id")
}

fn kms_resource_alias(s: &Site, d: &PolicyDoc, out: &mut Vec<Finding>) {
    for st in &d.policy.statements {
        if !allows(st) || !grants_any(st, KMS_CRYPTO) {
            continue;
        }
        let Some(res) = &st.resource else { continue };
        for v in &res.items {
            let Some(what) = not_key_arn(&v.value) else {
                continue;
            };
            out.push(
                Finding::new(META.id, META.severity, d.file, v.span, format!(
                    "the replication role is granted KMS actions on `{}`, {what}: IAM matches KMS permissions against the key ARN only, so this grants nothing for encrypting or decrypting",
                    display(&v.value)
                ))
                .resource(s.role_def().map(|r| r.origin.logical_id.clone()))
                .help("use the key ARN: arn:aws:kms:<region>:<account>:key/<key-id> (in CloudFormation !GetAtt Key.Arn, not !Ref Key); to select keys by alias use the kms:ResourceAliases condition"),
            );
        }
    }
}
