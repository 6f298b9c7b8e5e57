//! Graphviz renders every DOT that `trustlint graph` writes for the shipped scenarios, examples and an
//! empty folder without a warning (a `shape=shield` once warned on every render). Skipped, with a
//! message, when `dot` is not installed (Debian package graphviz).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

fn dot_available() -> bool {
    Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn graph(dir: &str) -> String {
    let o = common::trustlint()
        .args(["graph", "--format", "dot", dir])
        .output()
        .expect("run trustlint");
    assert_eq!(o.status.code(), Some(0), "{dir}");
    String::from_utf8(o.stdout).unwrap()
}

fn dirs() -> Vec<String> {
    let mut out: Vec<String> = ["fixtures/scenarios", "examples"]
        .iter()
        .flat_map(|parent| {
            std::fs::read_dir(common::root().join(parent))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.is_dir())
                .map(|p| {
                    p.strip_prefix(common::root())
                        .unwrap()
                        .to_string_lossy()
                        .into_owned()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    out.push("fixtures/rules/KMS-DST-KEYPOLICY-XACCT/fail".into());
    out.push("fixtures/rules/GASG-BYPASS-OPEN/fail".into());
    out.sort();
    out
}

#[test]
fn every_dot_renders_without_warnings() {
    if !dot_available() {
        eprintln!("SKIPPED every_dot_renders_without_warnings: Graphviz `dot` is not installed (apt-get install graphviz)");
        return;
    }
    for dir in dirs() {
        let text = graph(&dir);
        let mut child = Command::new("dot")
            .arg("-Tsvg")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        let o = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success() && err.trim().is_empty(), "{dir}: {err}");
        assert!(o.stdout.starts_with(b"<?xml"), "{dir}");
    }
}

#[test]
fn failing_requirement_is_a_red_dashed_edge_with_the_rule_id_and_a_legend() {
    let dot = graph("fixtures/rules/KMS-DST-KEYPOLICY-XACCT/fail");
    let edge = dot
        .lines()
        .find(|l| l.contains("label=\"KMS-DST-KEYPOLICY-XACCT\""))
        .unwrap_or_else(|| panic!("no overlay:\n{dot}"));
    assert!(edge.contains("\"bucket:source/SourceBucket\" -> \"key:destination/DestinationKey\""));
    assert!(
        edge.contains("color=red") && edge.contains("style=dashed"),
        "{edge}"
    );
    assert!(dot.contains("subgraph cluster_legend"));
    assert!(dot.contains("failing requirement (error)"));
    assert!(!dot.contains("shape=shield"));
    // The fixed pair has no such edge.
    let ok = graph("fixtures/rules/KMS-DST-KEYPOLICY-XACCT/pass");
    assert!(!ok.contains("KMS-DST-KEYPOLICY-XACCT"));
}

#[test]
fn internet_bypass_differs_from_the_intended_path() {
    let dot = graph("fixtures/rules/GASG-BYPASS-OPEN/fail");
    let internet: Vec<&str> = dot
        .lines()
        .filter(|l| l.contains("\"cidr:0.0.0.0/0\" ->"))
        .collect();
    assert!(!internet.is_empty(), "{dot}");
    assert!(
        internet.iter().all(|l| l.contains("color=red, style=bold")),
        "{internet:?}"
    );
    assert!(dot.contains("admits from the internet (bypass)"));
    // The finding sits in an ingress resource (no node of its own): the group it opens is marked.
    let dot = graph("examples/global-accelerator");
    let marked = dot
        .lines()
        .find(|l| l.contains("xlabel=\"GASG-BYPASS-OPEN\""))
        .unwrap_or_else(|| panic!("no mark:\n{dot}"));
    assert!(
        marked.contains("security_group:") && marked.contains("color=red"),
        "{marked}"
    );
}

#[test]
fn an_empty_graph_says_why() {
    let o = common::trustlint()
        .args(["graph", "--format", "dot", "examples/policies"])
        .output()
        .unwrap();
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("no resources to draw"), "{text}");
    assert!(String::from_utf8_lossy(&o.stderr).contains("no resources to draw"));
}
