//! The replication tutorial scenarios (parts A, B, C, cross-region C, and a same-account variant) under
//! `fixtures/replication/`: every `correct` folder is silent (no error, no warning), every broken variant
//! — one defect away from its correct twin — yields exactly the rule ids listed in
//! `fixtures/replication/expected.json` (regenerate both with `fixtures/replication/tools/gen_fixtures.py`).
//! Also: results do not depend on file order, and the human output of a handful is a reviewed snapshot.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

mod common;

use common::{root, trustlint};

fn run(dir: &Path, format: &str, config: Option<&Path>) -> String {
    let mut cmd = trustlint();
    cmd.args(["check", "--format", format, "--fail-on", "info"])
        .arg(dir);
    if let Some(c) = config {
        cmd.arg("--config").arg(c);
    }
    let out = cmd.output().expect("run trustlint");
    assert!(
        matches!(out.status.code(), Some(0) | Some(1)),
        "{}: exit {:?}\n{}",
        dir.display(),
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn findings(dir: &Path, config: Option<&Path>) -> Vec<serde_json::Value> {
    let v: serde_json::Value =
        serde_json::from_str(&run(dir, "json", config)).expect("JSON report");
    v["findings"].as_array().cloned().unwrap_or_default()
}

fn manifest() -> serde_json::Map<String, serde_json::Value> {
    let text = std::fs::read_to_string(root().join("fixtures/replication/expected.json"))
        .expect("fixtures/replication/expected.json");
    serde_json::from_str(&text).expect("manifest JSON")
}

/// Ids of errors and warnings, plus infos the variant is about.
fn ids(fs: &[serde_json::Value], expected: &BTreeSet<String>) -> BTreeSet<String> {
    fs.iter()
        .filter(|f| f["severity"] != "info" || expected.contains(f["rule"].as_str().unwrap_or("")))
        .map(|f| f["rule"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn every_variant_yields_exactly_its_rules() {
    let mut problems = Vec::new();
    let m = manifest();
    assert!(m.len() >= 60, "manifest has {} entries", m.len());
    let mut yaml = 0;
    for (k, v) in &m {
        let expected: BTreeSet<String> = v["expected"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|x| x.as_str().unwrap_or("").to_string())
                    .collect()
            })
            .unwrap_or_default();
        let dir = root().join("fixtures/replication").join(k);
        if std::fs::read_dir(&dir)
            .unwrap()
            .any(|e| e.unwrap().path().extension().is_some_and(|x| x == "yaml"))
        {
            yaml += 1;
        }
        let fs = findings(&dir, None);
        let got = ids(&fs, &expected);
        if got != expected {
            problems.push(format!("{k}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        yaml * 3 >= m.len(),
        "only {yaml} of {} fixtures are YAML",
        m.len()
    );
}

#[test]
fn tutorial_scenarios_are_silent() {
    for (dir, config) in [
        ("fixtures/scenarios/replication-plain", None),
        ("fixtures/scenarios/replication-delete-markers", None),
        ("fixtures/scenarios/replication-sse-kms", None),
        (
            "fixtures/scenarios/replication-cross-region",
            Some("fixtures/scenarios/replication-cross-region/trustlint.toml"),
        ),
    ] {
        let fs = findings(Path::new(dir), config.map(Path::new));
        let loud: Vec<_> = fs.iter().filter(|f| f["severity"] != "info").collect();
        assert!(loud.is_empty(), "{dir}: {loud:#?}");
    }
}

/// Copy a fixture folder so the files sort in the opposite order (the destination account first).
fn reversed_copy(src: &Path, dst: &Path) {
    let mut names: Vec<PathBuf> = std::fs::read_dir(src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let n = names.len();
    for (i, p) in names.iter().enumerate() {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        std::fs::copy(p, dst.join(format!("{}-{name}", n - i))).unwrap();
    }
}

/// A finding without its file position: (rule, severity, message, file name, line, column, related).
fn normalized(fs: &[serde_json::Value]) -> BTreeSet<String> {
    fs.iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap_or("");
            let base = Path::new(file).file_name().unwrap().to_string_lossy();
            let base = base
                .split_once('-')
                .filter(|(n, _)| n.parse::<u32>().is_ok())
                .map_or(base.to_string(), |(_, b)| b.to_string());
            let related: Vec<String> = f["related"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|r| format!("{}:{}:{}", r["line"], r["column"], r["message"]))
                        .collect()
                })
                .unwrap_or_default();
            // Stack names come from file names: drop the ordering prefix.
            let mut message = f["message"].as_str().unwrap_or("").to_string();
            for i in 1..10 {
                message = message.replace(&format!("stack {i}-"), "stack ");
            }
            format!(
                "{} {} {message} {base}:{}:{} {:?}",
                f["rule"], f["severity"], f["line"], f["column"], related
            )
        })
        .collect()
}

#[test]
fn results_do_not_depend_on_file_order() {
    let m = manifest();
    let mut checked = 0;
    for k in m.keys() {
        let src = root().join("fixtures/replication").join(k);
        if std::fs::read_dir(&src).unwrap().count() < 2 {
            continue;
        }
        let tmp = tempfile::tempdir().unwrap();
        reversed_copy(&src, tmp.path());
        let a = normalized(&findings(&src, None));
        let b = normalized(&findings(tmp.path(), None));
        assert_eq!(
            a, b,
            "{k}: findings differ when the files are read in the other order"
        );
        checked += 1;
    }
    assert!(checked > 40);
}

macro_rules! human {
    ($name:ident, $dir:literal) => {
        #[test]
        fn $name() {
            let out = run(
                &root().join(concat!("fixtures/replication/", $dir)),
                "human",
                None,
            );
            let out = out.replace(env!("CARGO_MANIFEST_DIR"), "<root>");
            insta::assert_snapshot!(concat!("human_", stringify!($name)), out);
        }
    };
}

human!(no_destination_policy, "a-plain/no-destination-policy");
human!(destination_deny_vpce, "a-plain/destination-deny-vpce");
human!(trust_wrong_service, "a-plain/trust-wrong-service");
human!(dmr_on_tag_rule, "b-delete-markers/dmr-on-tag-rule");
human!(destination_key_policy, "c-sse-kms/destination-key-policy");
human!(
    replica_viaservice_source_region,
    "xc-cross-region/replica-viaservice-source-region"
);
human!(
    source_account_unknown,
    "b-delete-markers/source-account-unknown"
);
