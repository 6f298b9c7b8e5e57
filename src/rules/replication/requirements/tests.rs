//! Unit tests of the requirements checker: the table, stand-ins, outcome classification, refinement.

use super::table::{meta, Table, TABLE_TEXT};
use super::*;

#[test]
fn table_parses_and_names_known_rules() {
    let t: Table = toml::from_str(TABLE_TEXT).expect("rules/replication-requirements.toml parses");
    assert!(!t.requirement.is_empty());
    for r in &t.requirement {
        let ids = &r.ids;
        for id in [
            &ids.identity,
            &ids.identity_xacct,
            &ids.resource,
            &ids.resource_xacct,
            &ids.resource_deny,
            &ids.identity_deny,
            &ids.boundary,
        ]
        .into_iter()
        .flatten()
        {
            assert!(meta(*id).is_some(), "{}: unknown rule id {id}", r.name);
        }
        if let Some(a) = &r.alternative {
            assert!(meta(a.id).is_some(), "{}: unknown rule id {}", r.name, a.id);
        }
        assert!(!r.actions.is_empty());
    }
    assert_eq!(table().len(), t.requirement.len());
}

#[test]
fn generated_symbols_get_stand_ins() {
    let c = Conc::empty();
    let g = crate::model::ident::generated("a", "a", "Src", "BucketName");
    let s = format!("arn:aws:s3:::{g}/*");
    let id = crate::model::symbolic::only_symbol(&g).unwrap();
    assert_eq!(c.text(&s), format!("arn:aws:s3:::{}/*", id.stand_in()));
    let p = crate::model::symbolic::Sym::Parameter {
        key: "a".into(),
        stack: "a".into(),
        name: "X".into(),
    }
    .text();
    assert_eq!(c.text(&p), p);
}

// ------------------------------------------------------------------ outcomes of whole templates

use crate::config::Config;
use crate::rules::{Finding, RuleId};
use std::sync::Arc;

/// A fixture file's text.
fn fixture(path: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/rules")
        .join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The outcome groups of the requirements checker over `files` (path, text), rendered as findings.
fn run(files: &[(&str, String)], cfg: &Config) -> Vec<Finding> {
    let inputs: Vec<crate::Input> = files
        .iter()
        .map(|(p, t)| crate::Input {
            path: std::path::PathBuf::from(p),
            text: Some(Arc::from(t.as_str())),
            unreadable: None,
        })
        .collect();
    let report = crate::lint_inputs(&inputs, cfg);
    let graph = report.graph.as_ref().expect("the templates give a model");
    let ctx = Ctx::new(graph, &report.sources, cfg);
    let o = outcomes(&ctx);
    let mut ids: Vec<RuleId> = o.0.iter().map(|g| g.meta.id).collect();
    ids.dedup();
    let mut out = Vec::new();
    for id in ids {
        o.emit(id, &mut out);
    }
    out
}

fn of(fs: &[Finding], id: RuleId) -> Vec<&Finding> {
    fs.iter().filter(|f| f.rule == id).collect()
}

fn kms_src_decrypt(which: &str) -> Vec<(&'static str, String)> {
    vec![
        (
            "source.json",
            fixture(&format!("KMS-SRC-DECRYPT/{which}/source.json")),
        ),
        (
            "destination.json",
            fixture(&format!("KMS-SRC-DECRYPT/{which}/destination.json")),
        ),
    ]
}

#[test]
fn a_missing_decrypt_on_the_source_key_refines_to_kms_src_decrypt() {
    let fs = run(&kms_src_decrypt("fail"), &Config::default());
    let hits = of(&fs, RuleId::KmsSrcDecrypt);
    assert_eq!(hits.len(), 1, "{fs:#?}");
    assert!(
        hits[0].message.contains("kms:Decrypt"),
        "{}",
        hits[0].message
    );
    // The generic identity id of the requirement is not reported besides it.
    assert!(of(&fs, RuleId::RoleMissingAction).is_empty(), "{fs:#?}");
    // With the grant, nothing about the source key.
    let fs = run(&kms_src_decrypt("pass"), &Config::default());
    assert!(of(&fs, RuleId::KmsSrcDecrypt).is_empty(), "{fs:#?}");
}

#[test]
fn a_grant_whose_encryption_context_names_another_bucket_refines_to_role_kms_encctx() {
    let mut files = kms_src_decrypt("pass");
    files[0].1 = files[0].1.replace(
        "\"kms:EncryptionContext:aws:s3:arn\": \"arn:aws:s3:::tutorial-c-source-111111111111/*\"",
        "\"kms:EncryptionContext:aws:s3:arn\": \"arn:aws:s3:::some-other-bucket/*\"",
    );
    let fs = run(&files, &Config::default());
    let hits = of(&fs, RuleId::RoleKmsEncctx);
    assert_eq!(hits.len(), 1, "{fs:#?}");
    assert!(hits[0]
        .help
        .as_deref()
        .unwrap_or("")
        .contains("tutorial-c-source-111111111111"));
    // The near-miss statement is the one the finding points at, so no generic KMS-SRC-DECRYPT.
    assert!(of(&fs, RuleId::KmsSrcDecrypt).is_empty(), "{fs:#?}");
}

#[test]
fn a_destination_bucket_outside_the_templates_is_unproven_not_an_error() {
    let files = vec![kms_src_decrypt("pass").remove(0)];
    let fs = run(&files, &Config::default());
    assert!(
        fs.iter().all(|f| f.rule == RuleId::Unproven),
        "only UNPROVEN about the unseen bucket policy: {fs:#?}"
    );
    assert!(
        fs.iter()
            .any(|f| f.message.contains("not defined in the analysed templates")),
        "{fs:#?}"
    );
}

fn role_scp(which: &str) -> Vec<(&'static str, String)> {
    ["source.yaml", "destination.yaml", "organization.yaml"]
        .into_iter()
        .map(|f| (f, fixture(&format!("ROLE-SCP/{which}/{f}"))))
        .collect()
}

#[test]
fn an_scp_deny_on_the_roles_account_yields_role_scp() {
    let fs = run(&role_scp("fail"), &Config::default());
    let hits = of(&fs, RuleId::RoleScp);
    assert_eq!(hits.len(), 1, "one finding per bucket and SCP: {fs:#?}");
    let m = &hits[0].message;
    // The region guardrail denies the calls to the destination's Region (us-east-1), not the source's.
    for a in [
        "s3:ReplicateObject",
        "s3:ReplicateDelete",
        "s3:ReplicateTags",
    ] {
        assert!(m.contains(a), "{m}");
    }
    assert!(!m.contains("s3:GetObjectVersionForReplication"), "{m}");
    // Requests the role does not make (the bucket-policy convention of cross-account replication) get no
    // SCP level.
    assert!(!m.contains("s3:PutBucketVersioning"), "{m}");
    assert!(of(&fs, RuleId::Unproven).is_empty(), "{fs:#?}");
    // The exemption of the role in the pass fixture clears it.
    let fs = run(&role_scp("pass"), &Config::default());
    assert!(of(&fs, RuleId::RoleScp).is_empty(), "{fs:#?}");
}

#[test]
fn an_scp_attached_to_an_ou_only_is_unproven() {
    let mut files = role_scp("fail");
    files[2].1 = files[2]
        .1
        .replace("- \"111111111111\"", "- ou-abcd-11111111")
        .replace("- \"222222222222\"", "- ou-abcd-22222222");
    let fs = run(&files, &Config::default());
    assert!(of(&fs, RuleId::RoleScp).is_empty(), "{fs:#?}");
    let u = of(&fs, RuleId::Unproven);
    assert_eq!(u.len(), 1, "{fs:#?}");
    assert!(u[0].message.contains("target OUs"), "{}", u[0].message);
}

#[test]
fn an_scp_of_the_roles_own_account_does_not_bind_it() {
    // The account that defines organization policies is taken to be the management account.
    let mut files = role_scp("fail");
    files[2].1 = files[2]
        .1
        .replace("account: \"999999999999\"", "account: \"111111111111\"");
    let fs = run(&files, &Config::default());
    assert!(of(&fs, RuleId::RoleScp).is_empty(), "{fs:#?}");
}

fn kms_rcp(which: &str) -> (Vec<(&'static str, String)>, Config) {
    let files = ["source.json", "destination.json", "organization.yaml"]
        .into_iter()
        .map(|f| (f, fixture(&format!("KMS-RCP-PERIMETER/{which}/{f}"))))
        .collect();
    let mut cfg = Config::default();
    cfg.account_orgs
        .insert("111111111111".into(), "o-srcorg1234".into());
    cfg.account_orgs
        .insert("222222222222".into(), "o-dstorg5678".into());
    (files, cfg)
}

#[test]
fn an_rcp_deny_on_a_key_of_another_org_yields_kms_rcp_perimeter() {
    let (files, cfg) = kms_rcp("fail");
    let fs = run(&files, &cfg);
    let hits = of(&fs, RuleId::KmsRcpPerimeter);
    assert_eq!(hits.len(), 1, "{fs:#?}");
    let m = &hits[0].message;
    assert!(
        m.contains("kms:Encrypt") && m.contains("kms:GenerateDataKey"),
        "{m}"
    );
    assert!(m.contains("organization o-srcorg1234"), "{m}");
    let (files, cfg) = kms_rcp("pass");
    assert!(of(&run(&files, &cfg), RuleId::KmsRcpPerimeter).is_empty());
}

#[test]
fn an_rcp_deny_for_a_role_of_unknown_org_is_unproven() {
    let (files, _) = kms_rcp("fail");
    let fs = run(&files, &Config::default());
    assert!(of(&fs, RuleId::KmsRcpPerimeter).is_empty(), "{fs:#?}");
    let u = of(&fs, RuleId::Unproven);
    assert!(
        u.iter()
            .any(|f| f.message.contains("organization is not known")),
        "{fs:#?}"
    );
}

#[test]
fn condition_keys_map_to_their_refinement() {
    use super::refinement::{condition_key, CondKey};
    assert_eq!(condition_key("kms:viaservice"), Some(CondKey::ViaService));
    assert_eq!(
        condition_key("kms:encryptioncontext:aws:s3:arn"),
        Some(CondKey::EncryptionContext)
    );
    assert_eq!(condition_key("aws:sourcearn"), Some(CondKey::TrustSource));
    assert_eq!(condition_key("kms:encryptioncontextkeys"), None);
    assert_eq!(condition_key("aws:sourcevpce"), None);
}
