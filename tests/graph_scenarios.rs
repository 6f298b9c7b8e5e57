//! `trustlint graph --format json` on every scenario of `fixtures/scenarios/`, as reviewed insta
//! snapshots (run the real binary), plus structural checks that survive snapshot updates.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

mod common;

fn graph(dir: &str, format: &str) -> String {
    let mut cmd = common::trustlint();
    cmd.args(["graph", "--format", format, dir]);
    let toml = common::root().join(dir).join("trustlint.toml");
    if toml.exists() {
        cmd.arg("--config").arg(toml);
    }
    let out = cmd.output().expect("run trustlint");
    assert!(
        out.status.success(),
        "{dir}: exit {:?}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn json(dir: &str) -> serde_json::Value {
    serde_json::from_str(&graph(dir, "json")).expect("JSON graph")
}

fn has_edge(g: &serde_json::Value, from: &str, to: &str, kind: &str) -> bool {
    g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["from"] == from && e["to"] == to && e["kind"] == kind)
}

macro_rules! scenario {
    ($name:ident, $dir:literal) => {
        #[test]
        fn $name() {
            let g = json(concat!("fixtures/scenarios/", $dir));
            insta::assert_json_snapshot!(concat!("graph_", $dir), g);
        }
    };
}

scenario!(replication_plain, "replication-plain");
scenario!(replication_delete_markers, "replication-delete-markers");
scenario!(replication_sse_kms, "replication-sse-kms");
scenario!(replication_cross_region, "replication-cross-region");
scenario!(global_accelerator, "global-accelerator");
scenario!(global_accelerator_open, "global-accelerator-open");

#[test]
fn replication_edges_cross_accounts() {
    let g = json("fixtures/scenarios/replication-sse-kms");
    assert!(has_edge(
        &g,
        "bucket:source/SourceBucket",
        "bucket:destination/DestinationBucket",
        "replicates_to"
    ));
    assert!(has_edge(
        &g,
        "bucket:source/SourceBucket",
        "key:source/SourceKey",
        "encrypts_with"
    ));
    assert!(has_edge(
        &g,
        "bucket:destination/DestinationBucket",
        "key:destination/DestinationKey",
        "encrypts_with"
    ));
    assert!(has_edge(
        &g,
        "role:source/ReplicationRole",
        "key:destination/DestinationKey",
        "grants"
    ));
    assert!(has_edge(
        &g,
        "service:s3.amazonaws.com",
        "role:source/ReplicationRole",
        "trusts"
    ));
}

#[test]
fn accelerator_chain_reaches_security_groups() {
    let g = json("fixtures/scenarios/global-accelerator");
    assert!(has_edge(
        &g,
        "accelerator:accelerator/Accelerator",
        "listener:accelerator/Listener",
        "fronts"
    ));
    for region in ["us-east-1", "eu-west-1"] {
        let eg = if region == "us-east-1" {
            "EndpointGroupUsEast1"
        } else {
            "EndpointGroupEuWest1"
        };
        let eg = format!("endpoint_group:accelerator/{eg}");
        let lb = format!("load_balancer:app-{region}/LoadBalancer");
        let sg = format!("security_group:app-{region}/AlbSecurityGroup");
        assert!(has_edge(&g, "listener:accelerator/Listener", &eg, "fronts"));
        assert!(has_edge(&g, &eg, &lb, "fronts"));
        assert!(has_edge(&g, &lb, &sg, "protected_by"));
    }
    assert!(!g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["id"] == "cidr:0.0.0.0/0"));
    let open = json("fixtures/scenarios/global-accelerator-open");
    assert!(has_edge(
        &open,
        "cidr:0.0.0.0/0",
        "security_group:app-eu-west-1/AlbSecurityGroup",
        "admits"
    ));
}

#[test]
fn dot_and_mermaid_cluster_accounts() {
    let dot = graph("fixtures/scenarios/replication-sse-kms", "dot");
    assert!(dot.starts_with("digraph trustlint {"));
    assert!(dot.contains("subgraph cluster_0 {") && dot.contains("label=\"account 111111111111\""));
    assert!(dot.contains("label=\"replicates_to (rule ReplicateEncrypted)\""));
    let mmd = graph("fixtures/scenarios/replication-sse-kms", "mermaid");
    assert!(mmd.starts_with("flowchart LR\n"));
    assert!(mmd.contains("subgraph a1[\"account 222222222222\"]"));
    assert!(mmd.contains("-->|\"replicates_to (rule ReplicateEncrypted)\"|"));
    // Deterministic: same output twice.
    assert_eq!(dot, graph("fixtures/scenarios/replication-sse-kms", "dot"));
}
