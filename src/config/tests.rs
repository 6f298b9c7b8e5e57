//! Parsing and validation of `trustlint.toml`.

use super::*;

#[test]
fn parses_all_sections() {
    let cfg = Config::parse(
        r#"
include = ["policies"]
exclude = ["policies/vendor/**"]
max-file-size = 1024
[rules]
ignore = ["POL-VERSION"]
[rules.per-path-ignores]
"legacy/**" = ["POL-STATEMENT-SHAPE"]
[[documents]]
path = "keys/*.json"
kind = "key-policy"
"#,
        PathBuf::from("."),
        None,
    )
    .unwrap();
    assert_eq!(cfg.max_file_size, 1024);
    assert!(cfg.include.as_ref().unwrap().is_match("policies/a/b.json"));
    assert!(cfg
        .exclude
        .as_ref()
        .unwrap()
        .is_match("policies/vendor/x.json"));
    assert!(!cfg.rule_enabled(RuleId::PolVersion, Path::new("x.json")));
    assert!(!cfg.rule_enabled(RuleId::PolStatementShape, Path::new("legacy/x.json")));
    assert!(cfg.rule_enabled(RuleId::PolStatementShape, Path::new("new/x.json")));
    assert_eq!(cfg.documents[0].1, DocKind::KeyPolicy);
    assert!(cfg.documents[0].0.is_match("keys/a.json"));
    assert!(!cfg.documents[0].0.is_match("keys/sub/a.json"));
}

#[test]
fn stack_entries() {
    let cfg = Config::parse(
        r#"
[[stack]]
path = "stacks/source/*.yaml"
account = "111111111111"
region = "eu-west-1"
name = "source"
parameters = { Env = "prod", Count = 2, Azs = ["a", "b"] }
"#,
        PathBuf::from("."),
        None,
    )
    .unwrap();
    let s = cfg.stack_for(Path::new("stacks/source/main.yaml")).unwrap();
    assert_eq!(s.account.as_deref(), Some("111111111111"));
    assert_eq!(s.parameters["Count"], "2");
    assert_eq!(s.parameters["Azs"], "a,b");
    assert!(cfg.stack_for(Path::new("stacks/other/main.yaml")).is_none());
    let e = Config::parse(
        "[[stack]]\npath = \"a\"\naccount = \"1234\"",
        PathBuf::from("."),
        None,
    )
    .unwrap_err();
    assert!(e.0.contains("[[stack]] #1") && e.0.contains("1234"), "{e}");
    let e = Config::parse(
        "[[stack]]\npath = \"a\"\nregion = \"Europe\"",
        PathBuf::from("."),
        None,
    )
    .unwrap_err();
    assert!(e.0.contains("Europe"), "{e}");
    let e = Config::parse(
        "[[stack]]\npath = \"a\"\nacount = \"1\"",
        PathBuf::from("."),
        None,
    )
    .unwrap_err();
    assert!(e.0.contains("acount"), "{e}");
    assert!(is_region("us-gov-west-1") && is_region("cn-north-1") && !is_region("eu-west"));
}

#[test]
fn global_accelerator_groups() {
    let cfg = Config::parse(
        "[global_accelerator]\nsecurity_groups = { \"vpc-0abc\" = \"sg-0def\" }",
        PathBuf::from("."),
        None,
    )
    .unwrap();
    assert_eq!(cfg.ga_security_groups["vpc-0abc"], "sg-0def");
    let e = Config::parse(
        "[global_accelerator]\nsecurity_groups = { \"sg-0def\" = \"vpc-0abc\" }",
        PathBuf::from("."),
        None,
    )
    .unwrap_err();
    assert!(e.0.contains("expected"), "{e}");
    let e = Config::parse(
        "[global_accelerator]\ngroups = {}",
        PathBuf::from("."),
        None,
    )
    .unwrap_err();
    assert!(e.0.contains("groups"), "{e}");
}

#[test]
fn unknown_rule_and_key_are_errors() {
    let e =
        Config::parse("[rules]\nignore = [\"POL-NOPE\"]", PathBuf::from("."), None).unwrap_err();
    assert!(e.0.contains("POL-NOPE"), "{e}");
    let e = Config::parse("inclde = []", PathBuf::from("."), None).unwrap_err();
    assert!(e.0.contains("inclde"), "{e}");
}

#[test]
fn account_org_and_enabled_regions() {
    let cfg = Config::parse(
            "[accounts.\"111111111111\"]\norg = \"o-srcorg1234\"\n[accounts.\"222222222222\"]\nenabled-regions = [\"ap-east-1\"]\norg = \"o-dstorg5678\"\n[accounts.\"333333333333\"]\n",
            PathBuf::from("."),
            None,
        )
        .unwrap();
    assert_eq!(cfg.account_orgs["111111111111"], "o-srcorg1234");
    // `org` alone says nothing about Regions; an empty section still states "none enabled".
    assert!(!cfg.enabled_regions.contains_key("111111111111"));
    assert_eq!(cfg.enabled_regions["222222222222"], ["ap-east-1"]);
    assert!(cfg.enabled_regions["333333333333"].is_empty());
    let e = Config::parse(
        "[accounts.\"111111111111\"]\norg = \"org-1\"",
        PathBuf::from("."),
        None,
    )
    .unwrap_err();
    assert!(e.0.contains("organization id"), "{e}");
}
