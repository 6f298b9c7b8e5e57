//! End-to-end tests of the real `trustlint` binary: exit codes, configuration, output formats and
//! robustness, per the CLI / JSON contracts in docs/architecture.md.
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
use std::process::Output;
use tempfile::TempDir;

const GOOD: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-logs/*" }
  ]
}
"#;

/// POL-VERSION, error.
const BAD_VERSION: &str = r#"{
  "Version": "2024-01-01",
  "Statement": [
    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-logs/*" }
  ]
}
"#;

/// POL-VERSION, warning.
const LEGACY: &str = r#"{
  "Version": "2008-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-logs/*" }
  ]
}
"#;

/// POL-STATEMENT-SHAPE, error (lower-case Effect).
const BAD_SHAPE: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-logs/*" }
  ]
}
"#;

fn trustlint(dir: &Path, args: &[&str]) -> Output {
    common::trustlint()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run trustlint")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A temp dir holding `files` (relative path, contents).
fn tree(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (rel, text) in files {
        write(dir.path(), rel, text.as_bytes());
    }
    dir
}

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

/// `check --format json` plus extra args; returns (exit code, report).
fn check_json(dir: &Path, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    let o = trustlint(dir, &args);
    let v: Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\nstderr: {}", stdout(&o), stderr(&o)));
    (code(&o), v)
}

fn findings(report: &Value) -> &Vec<Value> {
    report["findings"].as_array().expect("findings array")
}

/// (rule, file) of every finding.
fn rule_files(report: &Value) -> Vec<(String, String)> {
    findings(report)
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn rules_of(report: &Value) -> Vec<String> {
    rule_files(report).into_iter().map(|(r, _)| r).collect()
}

fn pair(rule: &str, file: &str) -> (String, String) {
    (rule.to_string(), file.to_string())
}

// ---------------------------------------------------------------- exit codes

#[test]
fn exit_0_without_findings() {
    let d = tree(&[("p/good.json", GOOD)]);
    let o = trustlint(d.path(), &["check", "p"]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let (c, r) = check_json(d.path(), &["p"]);
    assert_eq!(c, 0);
    assert!(findings(&r).is_empty(), "{r}");
    assert_eq!(r["summary"]["files"], 1);
}

#[test]
fn check_without_paths_checks_the_current_directory() {
    let d = tree(&[("sub/bad.json", BAD_VERSION)]);
    let (c, r) = check_json(d.path(), &[]);
    assert_eq!(c, 1);
    assert_eq!(rule_files(&r), vec![pair("POL-VERSION", "sub/bad.json")]);
}

#[test]
fn exit_1_with_an_error_finding() {
    let d = tree(&[("good.json", GOOD), ("bad.json", BAD_VERSION)]);
    let o = trustlint(d.path(), &["check", "."]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.contains("POL-VERSION"), "{out}");
    assert!(out.contains("bad.json"), "{out}");
}

#[test]
fn fail_on_warning_makes_a_warning_fail() {
    let d = tree(&[("legacy.json", LEGACY)]);
    let (c, r) = check_json(d.path(), &["."]);
    assert_eq!(rules_of(&r), vec!["POL-VERSION"]);
    assert_eq!(findings(&r)[0]["severity"], "warning");
    assert_eq!(c, 0, "a warning does not fail by default");
    let (c, _) = check_json(d.path(), &["--fail-on", "warning", "."]);
    assert_eq!(c, 1);
    let (c, _) = check_json(d.path(), &["--fail-on", "info", "."]);
    assert_eq!(c, 1);
    let (c, _) = check_json(d.path(), &["--fail-on", "error", "."]);
    assert_eq!(c, 0);
}

#[test]
fn exit_2_for_a_nonexistent_path() {
    let d = tree(&[("good.json", GOOD)]);
    let o = trustlint(d.path(), &["check", "good.json", "no/such/dir"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no/such/dir"), "{}", stderr(&o));
    assert!(
        o.stdout.is_empty(),
        "no report on a usage error: {}",
        stdout(&o)
    );
}

#[test]
fn exit_2_for_a_bad_flag_value() {
    let d = tree(&[("good.json", GOOD)]);
    let o = trustlint(d.path(), &["check", "--format", "xml", "."]);
    assert_eq!(code(&o), 2);
    let o = trustlint(d.path(), &["check", "--fail-on", "never", "."]);
    assert_eq!(code(&o), 2);
}

#[test]
fn exit_2_for_an_unknown_rule_id_on_the_command_line() {
    let d = tree(&[("good.json", GOOD)]);
    for flag in ["--select", "--ignore"] {
        let o = trustlint(d.path(), &["check", flag, "POL-VERSION,POL-NOPE", "."]);
        assert_eq!(code(&o), 2, "{flag}");
        let err = stderr(&o);
        assert!(err.contains("POL-NOPE"), "{flag}: {err}");
        assert!(err.contains(flag), "{flag}: {err}");
    }
}

#[test]
fn exit_2_for_an_unknown_rule_id_in_the_config() {
    let d = tree(&[
        ("good.json", GOOD),
        ("trustlint.toml", "[rules]\nignore = [\"POL-VERSON\"]\n"),
    ]);
    let o = trustlint(d.path(), &["check", "."]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("POL-VERSON"), "{}", stderr(&o));

    let d = tree(&[
        ("good.json", GOOD),
        (
            "trustlint.toml",
            "[rules.per-path-ignores]\n\"legacy/**\" = [\"NOT-A-RULE\"]\n",
        ),
    ]);
    let o = trustlint(d.path(), &["check", "."]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("NOT-A-RULE"), "{}", stderr(&o));
}

#[test]
fn exit_2_for_a_malformed_config() {
    let d = tree(&[
        ("good.json", GOOD),
        ("trustlint.toml", "inclde = [\"x\"]\n"),
    ]);
    let o = trustlint(d.path(), &["check", "."]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("inclde"), "{}", stderr(&o));
    let o = trustlint(d.path(), &["check", "--config", "missing.toml", "."]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("missing.toml"), "{}", stderr(&o));
}

// ---------------------------------------------------------------- PARSE and robustness

#[test]
fn a_malformed_file_is_a_parse_finding_and_the_others_are_still_checked() {
    let d = tree(&[
        (
            "a-broken.json",
            "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [ ,]\n}\n",
        ),
        ("b-bad.json", BAD_VERSION),
        ("c-good.json", GOOD),
    ]);
    let (c, r) = check_json(d.path(), &["."]);
    assert_eq!(c, 1);
    assert_eq!(
        rule_files(&r),
        vec![
            pair("PARSE", "a-broken.json"),
            pair("POL-VERSION", "b-bad.json")
        ]
    );
    let parse = &findings(&r)[0];
    assert_eq!(parse["severity"], "error");
    assert_eq!(
        (&parse["line"], &parse["column"]),
        (&Value::from(3), &Value::from(18))
    );
    assert_eq!(r["summary"]["files"], 3);
}

#[test]
fn parse_is_reported_even_when_not_selected() {
    let d = tree(&[("broken.json", "{")]);
    let (c, r) = check_json(d.path(), &["--select", "POL-VERSION", "."]);
    assert_eq!(c, 1);
    assert_eq!(rules_of(&r), vec!["PARSE"]);
}

#[test]
fn a_file_over_max_file_size_is_a_parse_finding() {
    let d = tree(&[
        ("trustlint.toml", "max-file-size = 64\n"),
        ("big.json", GOOD),
        (
            "small.json",
            "{\"Version\":\"2024-01-01\",\"Statement\":[]}",
        ),
    ]);
    let (c, r) = check_json(d.path(), &["--select", "POL-VERSION", "."]);
    assert_eq!(c, 1);
    assert_eq!(
        rule_files(&r),
        vec![pair("PARSE", "big.json"), pair("POL-VERSION", "small.json")]
    );
    let f = &findings(&r)[0];
    assert!(f["message"].as_str().unwrap().contains("64"), "{f}");
    assert_eq!(
        (&f["line"], &f["column"]),
        (&Value::from(1), &Value::from(1))
    );
    // The empty span of a file-level finding must still render in every format.
    for format in ["human", "github", "sarif"] {
        let o = trustlint(d.path(), &["check", "--format", format, "."]);
        assert_eq!(code(&o), 1, "{format}: {}", stderr(&o));
        assert!(stdout(&o).contains("big.json"), "{format}: {}", stdout(&o));
    }
}

#[test]
fn deep_nesting_is_a_parse_finding_not_a_crash() {
    let depth = 100_000;
    let text = format!(
        "{{\"Statement\": {}{}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let d = tree(&[("deep.json", &text), ("bad.json", BAD_VERSION)]);
    for format in ["json", "human", "sarif", "github"] {
        let o = trustlint(d.path(), &["check", "--format", format, "."]);
        assert_eq!(code(&o), 1, "{format}: {}", stderr(&o));
    }
    let (_, r) = check_json(d.path(), &["."]);
    assert_eq!(
        rule_files(&r),
        vec![pair("POL-VERSION", "bad.json"), pair("PARSE", "deep.json")]
    );
    let deep = &findings(&r)[1];
    assert!(deep["message"].as_str().unwrap().contains("nest"), "{deep}");
}

#[test]
fn non_utf8_file_is_a_parse_finding() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "latin1.json",
        b"{\"Version\": \"2012-10-17\", \"Sid\": \"caf\xe9\"}",
    );
    let (c, r) = check_json(d.path(), &["."]);
    assert_eq!(c, 1);
    assert_eq!(rules_of(&r), vec!["PARSE"]);
    assert_eq!(findings(&r)[0]["span"]["offset"], 37);
    assert_eq!(findings(&r)[0]["span"]["length"], 1);
    // Every format renders the 1-byte span of the bad byte (it used to split a U+FFFD and panic).
    for format in ["human", "github", "sarif"] {
        let o = trustlint(d.path(), &["check", "--format", format, "."]);
        assert_eq!(code(&o), 1, "{format}: {}", stderr(&o));
        assert!(
            stdout(&o).contains("latin1.json"),
            "{format}: {}",
            stdout(&o)
        );
    }
    let o = trustlint(d.path(), &["check", "--format", "github", "."]);
    assert!(
        stdout(&o).starts_with("::error file=latin1.json,line=1,col=38,endColumn=39,"),
        "{}",
        stdout(&o)
    );
}

// ---------------------------------------------------------------- selection and configuration

#[test]
fn select_and_ignore_filter_findings() {
    let d = tree(&[("a.json", BAD_VERSION), ("b.json", BAD_SHAPE)]);
    let (_, all) = check_json(d.path(), &["."]);
    assert_eq!(
        rule_files(&all),
        vec![
            pair("POL-VERSION", "a.json"),
            pair("POL-STATEMENT-SHAPE", "b.json")
        ]
    );
    let (c, r) = check_json(d.path(), &["--select", "POL-VERSION", "."]);
    assert_eq!((c, rules_of(&r)), (1, vec!["POL-VERSION".to_string()]));
    // Ids are case-insensitive; repeated flags and comma lists both work.
    let (c, r) = check_json(
        d.path(),
        &[
            "--ignore",
            "pol-version",
            "--ignore",
            "POL-STATEMENT-SHAPE",
            ".",
        ],
    );
    assert_eq!((c, rules_of(&r)), (0, Vec::<String>::new()));
    let (_, r) = check_json(
        d.path(),
        &["--ignore", "POL-VERSION,POL-STATEMENT-SHAPE", "."],
    );
    assert!(findings(&r).is_empty());
}

#[test]
fn config_ignore_and_select() {
    let d = tree(&[
        ("a.json", BAD_VERSION),
        ("b.json", BAD_SHAPE),
        ("trustlint.toml", "[rules]\nignore = [\"POL-VERSION\"]\n"),
    ]);
    let (_, r) = check_json(d.path(), &["."]);
    assert_eq!(rules_of(&r), vec!["POL-STATEMENT-SHAPE"]);

    let d = tree(&[
        ("a.json", BAD_VERSION),
        ("b.json", BAD_SHAPE),
        ("trustlint.toml", "[rules]\nselect = [\"POL-VERSION\"]\n"),
    ]);
    let (_, r) = check_json(d.path(), &["."]);
    assert_eq!(rules_of(&r), vec!["POL-VERSION"]);
    // --select on the command line replaces the config's selection.
    let (_, r) = check_json(d.path(), &["--select", "POL-STATEMENT-SHAPE", "."]);
    assert_eq!(rules_of(&r), vec!["POL-STATEMENT-SHAPE"]);
}

#[test]
fn config_is_found_in_a_parent_directory() {
    let d = tree(&[
        ("trustlint.toml", "[rules]\nignore = [\"POL-VERSION\"]\n"),
        ("stacks/prod/a.json", BAD_VERSION),
        ("stacks/prod/b.json", BAD_SHAPE),
    ]);
    let sub = d.path().join("stacks/prod");
    let (_, r) = check_json(&sub, &["."]);
    assert_eq!(rule_files(&r), vec![pair("POL-STATEMENT-SHAPE", "b.json")]);
    // --config wins over discovery.
    write(
        d.path(),
        "other.toml",
        b"[rules]\nignore = [\"POL-STATEMENT-SHAPE\"]\n",
    );
    let (_, r) = check_json(&sub, &["--config", "../../other.toml", "."]);
    assert_eq!(rule_files(&r), vec![pair("POL-VERSION", "a.json")]);
}

#[test]
fn include_and_exclude_globs() {
    let d = tree(&[
        (
            "trustlint.toml",
            "include = [\"policies\"]\nexclude = [\"policies/vendor/**\", \"**/*.draft.json\"]\n",
        ),
        ("policies/a.json", BAD_VERSION),
        ("policies/team/b.json", BAD_VERSION),
        ("policies/team/c.draft.json", BAD_VERSION),
        ("policies/vendor/d.json", BAD_VERSION),
        ("elsewhere/e.json", BAD_VERSION),
    ]);
    let (_, r) = check_json(d.path(), &["."]);
    let files: Vec<String> = rule_files(&r).into_iter().map(|(_, f)| f).collect();
    assert_eq!(files, vec!["policies/a.json", "policies/team/b.json"]);
    // Globs are relative to the config file's folder, also when run from a subfolder.
    let (_, r) = check_json(&d.path().join("policies"), &["."]);
    let files: Vec<String> = rule_files(&r).into_iter().map(|(_, f)| f).collect();
    assert_eq!(files, vec!["a.json", "team/b.json"]);
}

#[test]
fn a_file_named_explicitly_honours_exclude_unless_no_force_exclude() {
    let d = tree(&[
        ("trustlint.toml", "exclude = [\"vendor\"]\n"),
        ("vendor/x.json", BAD_VERSION),
    ]);
    let (_, r) = check_json(d.path(), &["."]);
    assert!(findings(&r).is_empty(), "{r}");
    // A hook names every changed file: `exclude` still applies (ruff's --force-exclude).
    let (c, r) = check_json(d.path(), &["vendor/x.json"]);
    assert!(findings(&r).is_empty(), "{r}");
    assert_eq!((c, r["summary"]["files"].clone()), (0, Value::from(0)));
    let o = trustlint(d.path(), &["check", "-v", "vendor/x.json"]);
    assert!(
        stderr(&o).contains("skipped vendor/x.json: matches `exclude`"),
        "{}",
        stderr(&o)
    );
    let (_, r) = check_json(d.path(), &["--no-force-exclude", "vendor/x.json"]);
    assert_eq!(rule_files(&r), vec![pair("POL-VERSION", "vendor/x.json")]);
}

#[test]
fn per_path_ignores() {
    let d = tree(&[
        (
            "trustlint.toml",
            "[rules.per-path-ignores]\n\"legacy/**\" = [\"POL-VERSION\"]\n",
        ),
        ("legacy/old.json", LEGACY),
        ("legacy/shape.json", BAD_SHAPE),
        ("new/old.json", LEGACY),
    ]);
    let (_, r) = check_json(d.path(), &["."]);
    assert_eq!(
        rule_files(&r),
        vec![
            pair("POL-STATEMENT-SHAPE", "legacy/shape.json"),
            pair("POL-VERSION", "new/old.json")
        ]
    );
}

#[test]
fn documents_kind_override() {
    // By content this is a resource policy (a Principal, but the Resource is not "*"); as a key
    // policy its NotResource is a shape error.
    let key = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Deny",
      "Principal": { "AWS": "arn:aws:iam::111111111111:root" },
      "Action": "kms:Decrypt",
      "NotResource": "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  ]
}
"#;
    let d = tree(&[("keys/main.json", key)]);
    let (_, r) = check_json(d.path(), &["--select", "POL-STATEMENT-SHAPE", "."]);
    assert!(findings(&r).is_empty(), "{r}");
    write(
        d.path(),
        "trustlint.toml",
        b"[[documents]]\npath = \"keys/*.json\"\nkind = \"key-policy\"\n",
    );
    let (c, r) = check_json(d.path(), &["--select", "POL-STATEMENT-SHAPE", "."]);
    assert_eq!(c, 1);
    assert_eq!(
        rule_files(&r),
        vec![pair("POL-STATEMENT-SHAPE", "keys/main.json")]
    );
    assert!(
        findings(&r)[0]["message"]
            .as_str()
            .unwrap()
            .contains("NotResource"),
        "{r}"
    );
    // An unknown kind is a usage error.
    write(
        d.path(),
        "trustlint.toml",
        b"[[documents]]\npath = \"keys/*.json\"\nkind = \"kms\"\n",
    );
    let o = trustlint(d.path(), &["check", "."]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("kms"), "{}", stderr(&o));
}

// ---------------------------------------------------------------- discovery

#[test]
fn skipped_directories_are_not_visited() {
    let d = tree(&[
        ("node_modules/pkg/policy.json", BAD_VERSION),
        (".git/policy.json", BAD_VERSION),
        (".terraform/policy.json", BAD_VERSION),
        ("src/node_modules/policy.json", BAD_VERSION),
        ("src/policy.json", BAD_VERSION),
        ("src/notes.txt", BAD_VERSION),
    ]);
    let (_, r) = check_json(d.path(), &["."]);
    assert_eq!(rule_files(&r), vec![pair("POL-VERSION", "src/policy.json")]);
    assert_eq!(r["summary"]["files"], 1);
}

#[test]
fn verbose_lists_skipped_files_on_stderr_and_keeps_json_clean() {
    let d = tree(&[
        ("package.json", "{\"name\": \"x\", \"version\": \"1.0.0\"}"),
        ("tsconfig.json", "{\"compilerOptions\": {}}"),
        ("list.json", "[1, 2]"),
        ("bad.json", BAD_VERSION),
    ]);
    let o = trustlint(d.path(), &["check", "--format", "json", "--verbose", "."]);
    assert_eq!(code(&o), 1);
    let r: Value = serde_json::from_slice(&o.stdout).expect("stdout is only the JSON report");
    assert_eq!(rule_files(&r), vec![pair("POL-VERSION", "bad.json")]);
    let err = stderr(&o);
    for f in ["package.json", "tsconfig.json", "list.json"] {
        assert!(
            err.lines()
                .any(|l| l.contains("skipped") && l.contains(f) && l.len() > f.len() + 12),
            "no reason for {f}: {err}"
        );
    }
    assert!(!err.contains("skipped bad.json"), "{err}");
    // Without --verbose, skipping is silent.
    let o = trustlint(d.path(), &["check", "--format", "json", "."]);
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
}

// ---------------------------------------------------------------- output

#[test]
fn output_file_receives_the_report() {
    let d = tree(&[("bad.json", BAD_VERSION)]);
    let o = trustlint(
        d.path(),
        &[
            "check",
            "--format",
            "json",
            "--output",
            "out/report.json",
            ".",
        ],
    );
    // The output folder does not exist: that is an error, not a panic.
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    std::fs::create_dir(d.path().join("out")).unwrap();
    let o = trustlint(
        d.path(),
        &[
            "check",
            "--format",
            "json",
            "--output",
            "out/report.json",
            ".",
        ],
    );
    assert_eq!(code(&o), 1, "exit code still reflects the findings");
    assert!(o.stdout.is_empty(), "{}", stdout(&o));
    let text = std::fs::read_to_string(d.path().join("out/report.json")).unwrap();
    let r: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(rules_of(&r), vec!["POL-VERSION"]);
    // The report is the one stdout would have shown.
    let (_, on_stdout) = check_json(d.path(), &["."]);
    assert_eq!(r, on_stdout);
    // The output file is not itself checked on the next run.
    let (_, again) = check_json(d.path(), &["."]);
    assert_eq!(rule_files(&again), vec![pair("POL-VERSION", "bad.json")]);
}

#[test]
fn github_format_lines() {
    let d = tree(&[("p/bad.json", BAD_VERSION), ("p/legacy.json", LEGACY)]);
    let o = trustlint(d.path(), &["check", "--format", "github", "p"]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with("::error file=p/bad.json,line=2,col=14,"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains(",title=POL-VERSION::"), "{}", lines[0]);
    assert!(lines[0].contains("2024-01-01"), "{}", lines[0]);
    assert!(
        lines[1].starts_with("::warning file=p/legacy.json,line=2,col=14,"),
        "{}",
        lines[1]
    );
    // Messages never break the one-line format: newlines are escaped.
    assert!(lines.iter().all(|l| l.starts_with("::")));
    assert!(lines[0].contains("%0Ahelp: "), "{}", lines[0]);
}

#[test]
fn human_format_shows_rule_location_and_summary() {
    let d = tree(&[("bad.json", BAD_VERSION)]);
    let o = trustlint(d.path(), &["check", "."]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(out.contains("POL-VERSION"), "{out}");
    assert!(out.contains("bad.json:2:14"), "{out}");
    assert!(out.contains("1 error(s)"), "{out}");
    // Not a terminal: no ANSI colours.
    assert!(!out.contains('\u{1b}'), "{out}");
}

#[test]
fn json_output_follows_the_contract() {
    let d = tree(&[
        ("b.json", BAD_VERSION),
        ("a.json", BAD_SHAPE),
        ("c.json", "{\n  \"Version\": \"2024-01-01\",\n  \"Statement\": {\"Effect\": \"allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}\n}\n"),
        ("d.json", LEGACY),
    ]);
    let (c, r) = check_json(d.path(), &["."]);
    assert_eq!(c, 1);
    let top: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(top, vec!["version", "findings", "summary"]);
    assert_eq!(r["version"], 1);
    let fs = findings(&r);
    for f in fs {
        let keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
        for k in [
            "rule", "severity", "message", "file", "line", "column", "span", "related",
        ] {
            assert!(keys.contains(&k), "missing {k} in {f}");
        }
        for k in &keys {
            assert!(
                [
                    "rule", "severity", "message", "file", "line", "column", "span", "resource",
                    "help", "related"
                ]
                .contains(k),
                "unexpected key {k} in {f}"
            );
        }
        assert!(["error", "warning", "info"].contains(&f["severity"].as_str().unwrap()));
        assert!(f["line"].as_u64().unwrap() >= 1 && f["column"].as_u64().unwrap() >= 1);
        assert!(f["span"]["offset"].is_u64() && f["span"]["length"].is_u64());
        assert!(f["related"].is_array());
        // The span is in bytes: it addresses the offending text in the file.
        let text = std::fs::read(d.path().join(f["file"].as_str().unwrap())).unwrap();
        let off = f["span"]["offset"].as_u64().unwrap() as usize;
        let len = f["span"]["length"].as_u64().unwrap() as usize;
        assert!(off + len <= text.len(), "{f}");
        // Line and column agree with the byte offset (ASCII files: column = byte in line + 1).
        let line = text[..off].iter().filter(|&&b| b == b'\n').count() + 1;
        let col = off
            - text[..off]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1)
            + 1;
        assert_eq!(
            (
                f["line"].as_u64().unwrap() as usize,
                f["column"].as_u64().unwrap() as usize
            ),
            (line, col),
            "{f}"
        );
    }
    // Sorted by file, then offset, then rule.
    let keys: Vec<(String, u64, String)> = fs
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["span"]["offset"].as_u64().unwrap(),
                f["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(keys[0].0, "a.json");
    // The exact span of a POL-VERSION finding: the Version string, quotes included.
    let b = fs.iter().find(|f| f["file"] == "b.json").unwrap();
    assert_eq!(
        (&b["line"], &b["column"]),
        (&Value::from(2), &Value::from(14))
    );
    assert_eq!(b["span"]["offset"], BAD_VERSION.find("\"2024").unwrap());
    assert_eq!(b["span"]["length"], 12);
    assert!(b["help"].is_string());
    // Summary counts.
    let count = |s: &str| fs.iter().filter(|f| f["severity"] == s).count();
    assert_eq!(r["summary"]["files"], 4);
    assert_eq!(r["summary"]["errors"], count("error"));
    assert_eq!(r["summary"]["warnings"], count("warning"));
    assert_eq!(r["summary"]["infos"], count("info"));
    assert!(count("error") >= 3);
}

#[test]
fn columns_count_characters_after_multibyte_text() {
    // `é` is 2 bytes, `😀` 4 bytes (2 UTF-16 units): the column counts characters.
    let text = "{\n  \"Statement\": [{\"Sid\": \"café😀\", \"Effect\": \"allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}],\n  \"Version\": \"2012-10-17\"\n}\n";
    let d = tree(&[("mb.json", text)]);
    let (_, r) = check_json(d.path(), &["--select", "POL-STATEMENT-SHAPE", "."]);
    let f = &findings(&r)[0];
    let off = text.find("\"allow\"").unwrap();
    assert_eq!(f["span"]["offset"], off);
    let line_start = text[..off].rfind('\n').unwrap() + 1;
    let chars = text[line_start..off].chars().count();
    assert_eq!(chars + 1, 44);
    assert_eq!(
        (&f["line"], &f["column"]),
        (&Value::from(2), &Value::from(44))
    );
    assert_ne!(
        off - line_start + 1,
        44,
        "byte column differs from character column"
    );
    // github annotations use the same column; SARIF uses UTF-16 units (one more for the emoji).
    let o = trustlint(
        d.path(),
        &[
            "check",
            "--format",
            "github",
            "--select",
            "POL-STATEMENT-SHAPE",
            ".",
        ],
    );
    assert!(stdout(&o).contains("line=2,col=44,"), "{}", stdout(&o));
    let o = trustlint(
        d.path(),
        &[
            "check",
            "--format",
            "sarif",
            "--select",
            "POL-STATEMENT-SHAPE",
            ".",
        ],
    );
    let s: Value = serde_json::from_slice(&o.stdout).unwrap();
    let region = &s["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (&region["startLine"], &region["startColumn"]),
        (&Value::from(2), &Value::from(45))
    );
    assert_eq!(region["endColumn"], 45 + 7);
    assert_eq!(region["byteOffset"], off);
}

#[test]
fn bom_is_accepted_and_lines_below_it_are_unaffected() {
    let text = format!("\u{feff}{BAD_VERSION}");
    let d = tree(&[("bom.json", &text)]);
    let (_, r) = check_json(d.path(), &["."]);
    assert_eq!(rules_of(&r), vec!["POL-VERSION"]);
    let f = &findings(&r)[0];
    assert_eq!(
        (&f["line"], &f["column"]),
        (&Value::from(2), &Value::from(14))
    );
    // Spans are file offsets: the 3 BOM bytes count.
    assert_eq!(f["span"]["offset"], 3 + BAD_VERSION.find("\"2024").unwrap());
}

#[test]
fn bom_is_not_a_column_on_the_first_line() {
    let text = "\u{feff}{\"Version\":\"2024-01-01\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::acme-logs/*\"}]}";
    let d = tree(&[("bom1.json", text)]);
    let (_, r) = check_json(d.path(), &["."]);
    let f = &findings(&r)[0];
    // `{"Version":` is 11 characters: the value starts at column 12, as an editor shows it.
    assert_eq!(
        (&f["line"], &f["column"]),
        (&Value::from(1), &Value::from(12))
    );
}

#[test]
fn output_is_deterministic() {
    let mut files: Vec<(String, &str)> = Vec::new();
    for i in 0..40 {
        files.push((
            format!("d{}/p{i:02}.json", i % 7),
            [BAD_VERSION, LEGACY, BAD_SHAPE, GOOD][i % 4],
        ));
    }
    files.push(("broken.json".into(), "{\"Version\": }"));
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    let d = tree(&refs);
    for format in ["json", "sarif", "github", "human"] {
        let a = trustlint(d.path(), &["check", "--format", format, "."]);
        let b = trustlint(d.path(), &["check", "--format", format, "."]);
        assert_eq!(code(&a), 1);
        assert_eq!(a.stdout, b.stdout, "{format} output differs between runs");
        assert!(!a.stdout.is_empty());
    }
}

// ---------------------------------------------------------------- rules and explain

#[test]
fn rules_lists_every_rule() {
    let d = tempfile::tempdir().unwrap();
    let o = trustlint(d.path(), &["rules"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    for r in trustlint::rules::all_rules() {
        assert!(
            out.lines()
                .any(|l| l.starts_with(r.id.as_str()) && l.contains(r.title)),
            "{} missing: {out}",
            r.id
        );
    }
    for id in ["PARSE", "POL-VERSION", "POL-STATEMENT-SHAPE"] {
        assert!(out.contains(id), "{out}");
    }

    let o = trustlint(d.path(), &["rules", "--format", "json"]);
    assert_eq!(code(&o), 0);
    let v: Value = serde_json::from_slice(&o.stdout).expect("rules --format json is JSON");
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), trustlint::rules::all_rules().len());
    for r in list {
        assert!(r["id"].is_string() && r["title"].is_string(), "{r}");
        assert!(
            ["error", "warning", "info"].contains(&r["severity"].as_str().unwrap()),
            "{r}"
        );
    }
    assert!(list.iter().any(|r| r["id"] == "POL-VERSION"));
}

#[test]
fn explain_prints_the_rule_doc() {
    let d = tempfile::tempdir().unwrap();
    let o = trustlint(d.path(), &["explain", "POL-VERSION"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert!(out.starts_with("# POL-VERSION"), "{out}");
    for s in ["## What it checks", "## Why", "## Example", "## Fix"] {
        assert!(out.contains(s), "{out}");
    }
    let o = trustlint(d.path(), &["explain", "pol-version"]);
    assert_eq!(code(&o), 0);

    let o = trustlint(d.path(), &["explain", "NOPE"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("NOPE"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
}

#[test]
fn help_and_version_exit_0_and_no_subcommand_exits_2() {
    let d = tempfile::tempdir().unwrap();
    assert_eq!(code(&trustlint(d.path(), &["--help"])), 0);
    let o = trustlint(d.path(), &["--version"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains(env!("CARGO_PKG_VERSION")));
    assert_eq!(code(&trustlint(d.path(), &[])), 2);
    assert_eq!(code(&trustlint(d.path(), &["frobnicate"])), 2);
}

#[test]
fn parse_cannot_be_ignored() {
    let d = tree(&[(
        "p.json",
        "{\"Version\": \"2012-10-17\", \"Statement\": [,]}",
    )]);
    let o = trustlint(d.path(), &["check", "--ignore", "PARSE", "."]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("PARSE cannot be ignored"),
        "{}",
        stderr(&o)
    );
    write(
        d.path(),
        "trustlint.toml",
        b"[rules]\nignore = [\"PARSE\"]\n",
    );
    let o = trustlint(d.path(), &["check", "."]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("PARSE cannot be ignored"),
        "{}",
        stderr(&o)
    );
}
