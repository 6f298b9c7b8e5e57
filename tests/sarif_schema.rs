//! `--format sarif` validates against the SARIF 2.1.0 JSON schema (vendored in `tests/data/`, see its
//! README) and meets GitHub code scanning's extra expectations; a reviewed insta snapshot pins the
//! results of a small fixture folder.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

mod common;

use serde_json::Value;
use std::path::Path;

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

/// Run `trustlint check --format sarif` from the crate root; (exit code, SARIF).
fn sarif(args: &[&str]) -> (i32, Value) {
    let out = common::trustlint()
        .args(["check", "--format", "sarif", "--fail-on", "info"])
        .args(args)
        .output()
        .expect("run trustlint");
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), v)
}

/// The official schema, minus the two `language` patterns that are not valid regexes
/// (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`): jsonschema refuses to compile them (docs/crates.md, Q3).
fn validator() -> jsonschema::Validator {
    let text =
        std::fs::read_to_string(Path::new(MANIFEST_DIR).join("tests/data/sarif-schema-2.1.0.json"))
            .expect("vendored schema");
    let mut schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    let mut removed = 0;
    for def in ["run", "toolComponent"] {
        let lang = schema["definitions"][def]["properties"]["language"]
            .as_object_mut()
            .unwrap_or_else(|| panic!("schema has no {def}.language"));
        if lang.remove("pattern").is_some() {
            removed += 1;
        }
    }
    assert_eq!(
        removed, 2,
        "the schema changed: re-check the language patterns"
    );
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn results(s: &Value) -> &Vec<Value> {
    s["runs"][0]["results"].as_array().expect("results")
}

#[test]
fn sarif_of_all_rule_fixtures_is_schema_valid() {
    let (code, s) = sarif(&["fixtures/rules"]);
    assert_eq!(code, 1);
    let v = validator();
    let errs = errors(&v, &s);
    assert!(
        errs.is_empty(),
        "SARIF is not schema-valid:\n{}",
        errs.join("\n")
    );

    // The fixtures exercise several rules and every severity the registry uses.
    let res = results(&s);
    let mut rules: Vec<&str> = res.iter().map(|r| r["ruleId"].as_str().unwrap()).collect();
    rules.dedup();
    assert!(rules.len() >= 3, "{rules:?}");
    let levels: std::collections::BTreeSet<&str> =
        res.iter().map(|r| r["level"].as_str().unwrap()).collect();
    assert!(
        levels.contains("error") && levels.contains("warning"),
        "{levels:?}"
    );
}

#[test]
fn schema_rejects_a_bad_level() {
    let (_, mut s) = sarif(&["fixtures/rules/POL-VERSION/fail"]);
    let v = validator();
    assert!(v.is_valid(&s));
    s["runs"][0]["results"][0]["level"] = Value::from("critical");
    assert!(
        !v.is_valid(&s),
        "negative control: level `critical` must be rejected"
    );
    // And a rule's default level too.
    let (_, mut s) = sarif(&["fixtures/rules/POL-VERSION/fail"]);
    s["runs"][0]["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] =
        Value::from("fatal");
    assert!(!v.is_valid(&s));
    // A region line 0 is invalid (lines are 1-based).
    let (_, mut s) = sarif(&["fixtures/rules/POL-VERSION/fail"]);
    s["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    assert!(!v.is_valid(&s));
}

#[test]
fn sarif_meets_github_code_scanning_expectations() {
    let (_, s) = sarif(&["fixtures/rules"]);
    assert_eq!(s["version"], "2.1.0");
    assert!(s["$schema"].as_str().unwrap().starts_with("https://"));
    let runs = s["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "trustlint");
    assert_eq!(driver["semanticVersion"], env!("CARGO_PKG_VERSION"));

    let rules = driver["rules"].as_array().unwrap();
    let registry = trustlint::rules::all_rules();
    assert_eq!(rules.len(), registry.len());
    for (r, meta) in rules.iter().zip(registry) {
        assert_eq!(r["id"], meta.id.as_str());
        assert_eq!(r["shortDescription"]["text"], meta.title);
        let full = r["fullDescription"]["text"].as_str().unwrap();
        assert!(
            !full.is_empty() && full.chars().count() <= 1024,
            "{}",
            meta.id
        );
        assert_eq!(r["help"]["text"], meta.doc);
        assert_eq!(r["help"]["markdown"], meta.doc);
        let level = match meta.severity.as_str() {
            "info" => "note",
            s => s,
        };
        assert_eq!(r["defaultConfiguration"]["level"], level, "{}", meta.id);
        let tags = r["properties"]["tags"].as_array().unwrap();
        assert!(tags.contains(&Value::from("security")) && tags.len() <= 10);
        assert!(["very-high", "high", "medium", "low"]
            .contains(&r["properties"]["precision"].as_str().unwrap()));
        // The documentation page of the rule: rules/<ID>.md of the repository.
        let help_uri = r["helpUri"].as_str().unwrap();
        assert!(
            help_uri.ends_with(&format!("/rules/{}.md", meta.id)),
            "{help_uri}"
        );
        assert!(Path::new(MANIFEST_DIR)
            .join(format!("rules/{}.md", meta.id))
            .is_file());
        if !meta.id.as_str().starts_with("CFN") && meta.id != "PARSE" && meta.id != "LIMIT" {
            let score: f64 = r["properties"]["security-severity"]
                .as_str()
                .unwrap_or_else(|| panic!("{} has a security-severity", meta.id))
                .parse()
                .unwrap();
            assert!((0.0..=10.0).contains(&score));
        }
    }
    assert!(s["runs"][0]["tool"]["driver"]["informationUri"]
        .as_str()
        .is_some_and(|u| u.starts_with("https://")));

    let res = results(&s);
    assert!(!res.is_empty());
    let mut fingerprints = std::collections::HashSet::new();
    for r in res {
        let id = r["ruleId"].as_str().expect("ruleId");
        let idx = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[idx]["id"], id, "ruleIndex points at the rule");
        assert!(!r["message"]["text"].as_str().unwrap().is_empty());
        let loc = &r["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert!(uri.starts_with("fixtures/rules/"), "relative uri: {uri}");
        assert!(
            !uri.contains('\\') && !uri.contains(' ') && !uri.contains(':'),
            "{uri}"
        );
        assert!(
            Path::new(MANIFEST_DIR).join(uri).is_file(),
            "{uri} names a file"
        );
        let region = &loc["region"];
        let (sl, sc) = (
            region["startLine"].as_u64().unwrap(),
            region["startColumn"].as_u64().unwrap(),
        );
        let (el, ec) = (
            region["endLine"].as_u64().unwrap(),
            region["endColumn"].as_u64().unwrap(),
        );
        assert!(sl >= 1 && sc >= 1, "{r}");
        assert!((el, ec) >= (sl, sc), "end before start: {r}");
        let fp = r["partialFingerprints"]["primaryLocationLineHash"]
            .as_str()
            .unwrap();
        let (hash, n) = fp.split_once(':').expect("hash:occurrence");
        assert!(
            hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit()),
            "{fp}"
        );
        assert!(n.parse::<u32>().unwrap() >= 1);
        assert!(
            fingerprints.insert(fp.to_string()),
            "duplicate fingerprint {fp}"
        );
    }
}

#[test]
fn sarif_regions_match_the_json_report() {
    let dir = "fixtures/rules";
    let (_, s) = sarif(&[dir]);
    let out = common::trustlint()
        .args(["check", "--format", "json", dir])
        .output()
        .unwrap();
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    let jf = j["findings"].as_array().unwrap();
    let res = results(&s);
    assert_eq!(jf.len(), res.len());
    for (f, r) in jf.iter().zip(res) {
        assert_eq!(f["rule"], r["ruleId"]);
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!(f["line"], region["startLine"]);
        assert_eq!(f["span"]["offset"], region["byteOffset"]);
        assert_eq!(f["span"]["length"], region["byteLength"]);
        // The fixtures' lines are ASCII up to the finding, so UTF-16 and character columns agree.
        assert_eq!(f["column"], region["startColumn"], "{f}");
        let msg = r["message"]["text"].as_str().unwrap();
        assert!(msg.starts_with(f["message"].as_str().unwrap()));
        if let Some(h) = f["help"].as_str() {
            assert!(msg.ends_with(&format!("\nhelp: {h}")), "{msg}");
        }
    }
}

#[test]
fn sarif_fingerprints_are_stable_when_unrelated_lines_move() {
    let dir = tempfile::tempdir().unwrap();
    let policy = "{\n  \"Version\": \"2024-01-01\",\n  \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}\n}\n";
    std::fs::write(dir.path().join("p.json"), policy).unwrap();
    let run = || {
        let out = common::trustlint()
            .current_dir(dir.path())
            .args(["check", "--format", "sarif", "--select", "POL-VERSION", "."])
            .output()
            .unwrap();
        let s: Value = serde_json::from_slice(&out.stdout).unwrap();
        s["runs"][0]["results"][0]["partialFingerprints"]["primaryLocationLineHash"].clone()
    };
    let before = run();
    std::fs::write(
        dir.path().join("p.json"),
        format!("\n\n{}", policy.replace("  \"Version\"", "    \"Version\"")),
    )
    .unwrap();
    assert_eq!(run(), before, "moved and re-indented: same fingerprint");
    std::fs::write(
        dir.path().join("p.json"),
        policy.replace("2024-01-01", "2024-01-02"),
    )
    .unwrap();
    assert_ne!(run(), before, "edited line: new fingerprint");
}

#[test]
fn sarif_snapshot_of_a_small_folder() {
    // Only the long-standing rules, so that rules added later do not churn this snapshot.
    let (code, mut s) = sarif(&[
        "--select",
        "PARSE,POL-VERSION,POL-STATEMENT-SHAPE",
        "tests/data/sarif-small",
    ]);
    assert_eq!(code, 1);
    assert!(validator().is_valid(&s));
    // Keep the snapshot about results: rules are pinned by the tests above, and their list, order and
    // indices change whenever a rule is added.
    let driver = &mut s["runs"][0]["tool"]["driver"];
    driver["semanticVersion"] = Value::from("[version]");
    driver["rules"] = Value::from("[all_rules()]");
    for r in s["runs"][0]["results"].as_array_mut().unwrap() {
        r["ruleIndex"] = Value::from("[index]");
    }
    insta::assert_json_snapshot!("sarif-small", s);
}

/// Run from a subfolder, SARIF paths are still relative to the repository root (the directory holding
/// `.git`), so GitHub can place them; the log stays valid.
#[test]
fn sarif_paths_are_relative_to_the_repository_root_from_a_subfolder() {
    if !Path::new(MANIFEST_DIR).join(".git").exists() {
        eprintln!("SKIPPED: the crate is not in a git checkout");
        return;
    }
    let out = common::trustlint()
        .current_dir(Path::new(MANIFEST_DIR).join("fixtures/rules"))
        .args(["check", "--format", "sarif", "--fail-on", "info"])
        .args(["KMS-DST-KEYPOLICY-XACCT/fail"])
        .output()
        .expect("run trustlint");
    let s: Value = serde_json::from_slice(&out.stdout).expect("SARIF");
    let v = validator();
    assert!(errors(&v, &s).is_empty(), "{:?}", errors(&v, &s));
    let res = results(&s);
    assert!(!res.is_empty());
    for r in res {
        let locs = r["locations"]
            .as_array()
            .unwrap()
            .iter()
            .chain(r["relatedLocations"].as_array().into_iter().flatten());
        for loc in locs {
            let uri = loc["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap();
            assert!(
                uri.starts_with("fixtures/rules/KMS-DST-KEYPOLICY-XACCT/fail/"),
                "relative to the repository root: {uri}"
            );
            assert!(Path::new(MANIFEST_DIR).join(uri).is_file(), "{uri}");
        }
    }
    // GitHub annotations use the same paths.
    let out = common::trustlint()
        .current_dir(Path::new(MANIFEST_DIR).join("fixtures/rules"))
        .args(["check", "--format", "github", "--fail-on", "info"])
        .args(["KMS-DST-KEYPOLICY-XACCT/fail"])
        .output()
        .expect("run trustlint");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.is_empty());
    for line in text.lines() {
        assert!(
            line.contains(" file=fixtures/rules/KMS-DST-KEYPOLICY-XACCT/fail/"),
            "{line}"
        );
    }
}
