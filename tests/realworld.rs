//! The judged real-world corpus (tests/realworld, see its PROVENANCE.md): public files nobody here
//! wrote, every error and warning judged in tests/realworld/judgements.tsv.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

mod common;

use std::collections::BTreeSet;

/// (rule, file under tests/realworld/, line) of every error and warning.
fn reported(json: &serde_json::Value) -> BTreeSet<(String, String, u64)> {
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["severity"] != "info")
        .map(|f| {
            let file = f["file"].as_str().unwrap().replace('\\', "/");
            let file = file
                .split_once("tests/realworld/")
                .map_or(file.as_str(), |(_, p)| p)
                .to_string();
            (
                f["rule"].as_str().unwrap().to_string(),
                file,
                f["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn realworld() {
    let (_, json) = common::check_json("tests/realworld");
    let text = std::fs::read_to_string(common::root().join("tests/realworld/judgements.tsv"))
        .expect("judgements.tsv");
    let mut judged = BTreeSet::new();
    let mut problems = Vec::new();
    let got = reported(&json);
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let [rule, file, at, verdict, ..] = cols.as_slice() else {
            panic!("bad judgement line: {line}");
        };
        let key = (
            rule.to_string(),
            file.to_string(),
            at.parse::<u64>().unwrap(),
        );
        match *verdict {
            "true" if !got.contains(&key) => problems.push(format!("true positive gone: {line}")),
            "false" if got.contains(&key) => problems.push(format!("false positive back: {line}")),
            "true" | "false" | "debatable" => {}
            v => panic!("unknown verdict {v}"),
        }
        judged.insert(key);
    }
    for k in got.difference(&judged) {
        problems.push(format!("not judged: {}\t{}\t{}", k.0, k.1, k.2));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    insta::assert_json_snapshot!("realworld", json);
}
