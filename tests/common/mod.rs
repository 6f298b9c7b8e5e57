//! Helpers shared by the integration tests that run the real `trustlint` binary.
//! Each test crate uses only some of them.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// The crate root: fixtures, examples and snapshots are found below it.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `trustlint` binary, run from the crate root.
pub fn trustlint() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_trustlint"));
    cmd.current_dir(root());
    cmd
}

/// Run `check --format json --fail-on info` on a fixture folder; a `trustlint.toml` inside the folder is
/// its configuration (account bindings, document kinds), as it would be in a user's repository.
pub fn check_json(dir: &str) -> (i32, serde_json::Value) {
    let mut args = vec!["check", "--format", "json", "--fail-on", "info"];
    let config = format!("{dir}/trustlint.toml");
    if root().join(&config).is_file() {
        args.extend(["--config", config.as_str()]);
    }
    args.push(dir);
    let out = trustlint().args(&args).output().expect("run trustlint");
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{dir}: output is not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), json)
}

/// The rule id of every finding of a JSON report, in order.
pub fn rule_ids(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

/// Rule ids of the errors and warnings of a report.
pub fn loud_rules(report: &serde_json::Value) -> std::collections::BTreeSet<String> {
    findings(report)
        .filter(|f| f["severity"] != "info")
        .map(|f| f["rule"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// The findings of a report.
pub fn findings(report: &serde_json::Value) -> impl Iterator<Item = &serde_json::Value> {
    report["findings"].as_array().into_iter().flatten()
}

/// The messages of a rule's findings.
pub fn messages<'a>(report: &'a serde_json::Value, rule: &'a str) -> Vec<&'a str> {
    findings(report)
        .filter(|f| f["rule"] == rule)
        .filter_map(|f| f["message"].as_str())
        .collect()
}
