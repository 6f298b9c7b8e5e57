//! The trust graph and the network findings cannot disagree (issue 10, item 5): for every finding the
//! reachability analysis produces (GASG-*, GA-EP-ALB-LISTENER and their UNPROVEN forms) on the network
//! scenarios, the path it is about — accelerator → listener → endpoint group → load balancer
//! (`fronts`), load balancer → its security groups (`protected_by`), and each ingress rule involved
//! (`admits`) — is made of nodes and edges of `trustlint graph --format json` run on the same folder.
//! Every SG-* exposure finding's rule is an `admits` edge of that output too.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

mod common;

use std::collections::HashSet;
use trustlint::config::Config;
use trustlint::graph::{EdgeKind, TrustGraph};
use trustlint::model::Kind;
use trustlint::rules::network::reachability::{AlbEndpoint, RuleFact, Verdict};
use trustlint::rules::network::Ctx;
use trustlint::rules::Finding;
use trustlint::source::{FileId, Span};

/// The folders: the network scenarios, the accelerator scenarios, and the fail/pass fixtures of the
/// rules the reachability analysis drives.
fn folders() -> Vec<String> {
    let mut out = subdirs("fixtures/network");
    out.push("fixtures/scenarios/global-accelerator".into());
    out.push("fixtures/scenarios/global-accelerator-open".into());
    for id in [
        "GASG-ADMIT",
        "GASG-BYPASS-OPEN",
        "GASG-CIP-OFF",
        "GASG-WRONG-VPC",
        "GASG-SELF-MADE",
        "GASG-INTERNET-FACING",
        "GA-EP-ALB-LISTENER",
        "SG-WORLD-INGRESS",
        "SG-ALL-PORTS",
        "SG-ALL-PROTOCOLS",
    ] {
        out.extend(subdirs(&format!("fixtures/rules/{id}")));
    }
    out
}

fn subdirs(parent: &str) -> Vec<String> {
    let rd =
        std::fs::read_dir(common::root().join(parent)).unwrap_or_else(|e| panic!("{parent}: {e}"));
    let mut names: Vec<String> = rd
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| format!("{parent}/{}", e.file_name().to_string_lossy()))
        .collect();
    names.sort();
    names
}

fn config_of(dir: &str) -> (Config, Option<String>) {
    let toml = format!("{dir}/trustlint.toml");
    let path = common::root().join(&toml);
    if path.is_file() {
        (Config::load(&path).expect("fixture config"), Some(toml))
    } else {
        (Config::default(), None)
    }
}

/// `trustlint graph --format json` → (node ids, (from, to, kind) edges).
fn graph_json(
    dir: &str,
    toml: Option<&str>,
) -> (HashSet<String>, HashSet<(String, String, String)>) {
    let mut cmd = common::trustlint();
    cmd.args(["graph", "--format", "json"]);
    if let Some(t) = toml {
        cmd.args(["--config", t]);
    }
    let out = cmd.arg(dir).output().expect("run trustlint graph");
    assert!(out.status.success(), "{dir}: trustlint graph failed");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("graph JSON");
    let s = |x: &serde_json::Value| x.as_str().unwrap_or_default().to_string();
    let nodes = v["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| s(&n["id"]))
        .collect();
    let edges = v["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| (s(&e["from"]), s(&e["to"]), s(&e["kind"])))
        .collect();
    (nodes, edges)
}

/// Where the findings about an endpoint point (see the GASG-* and GA-EP-ALB-LISTENER rule files).
fn places(g: &TrustGraph, e: &AlbEndpoint) -> Vec<(FileId, Span)> {
    let m = &g.model;
    let group_file = m.endpoint_groups[e.path.group].origin.file;
    let lb = &m.load_balancers[e.path.lb];
    let mut v = vec![(group_file, e.id_span(m))];
    for f in e.rules() {
        let r = match f {
            RuleFact::Admits { rule, .. }
            | RuleFact::SelfMade { rule, .. }
            | RuleFact::Bypass { rule, .. }
            | RuleFact::WrongVpc { rule, .. } => rule,
        };
        v.push((r.at.file, r.at.span));
    }
    match e.admission.as_ref().map(|a| &a.verdict) {
        Some(Verdict::Blocked { at, .. }) => v.push((at.file, at.span)),
        Some(Verdict::CipOff { span, .. }) => v.push((group_file, *span)),
        Some(Verdict::Admitted { .. }) => v.push((
            lb.origin.file,
            lb.scheme
                .as_ref()
                .map_or(lb.origin.logical_id_span, |s| s.span),
        )),
        _ => {}
    }
    v
}

struct Checker<'g> {
    dir: String,
    g: &'g TrustGraph,
    nodes: HashSet<String>,
    edges: HashSet<(String, String, String)>,
}

impl Checker<'_> {
    fn id(&self, kind: Kind, i: usize) -> String {
        let n = self
            .g
            .of(kind, i)
            .unwrap_or_else(|| panic!("{}: no graph node for {kind:?} #{i}", self.dir));
        let id = self.g.node(n).id.clone();
        assert!(
            self.nodes.contains(&id),
            "{}: node {id} missing from `trustlint graph`",
            self.dir
        );
        id
    }

    fn edge(&self, from: &str, to: &str, kind: EdgeKind, why: &str) {
        let e = (from.to_string(), to.to_string(), kind.name().to_string());
        assert!(
            self.edges.contains(&e),
            "{}: {why}: edge {from} -[{}]-> {to} missing from `trustlint graph`",
            self.dir,
            kind.name()
        );
    }

    /// The `admits` edge of an ingress rule of group `sg` (written at `rule_span`).
    fn admits(&self, sg: usize, rule_span: Span, why: &str) {
        let sg_id = self.id(Kind::SecurityGroup, sg);
        let n = self.g.of(Kind::SecurityGroup, sg).expect("sg node");
        let sources: Vec<String> = self
            .g
            .admitted_into(n)
            .into_iter()
            .filter(|(_, e)| e.span == Some(rule_span))
            .map(|(s, _)| self.g.node(s).id.clone())
            .collect();
        assert!(
            !sources.is_empty(),
            "{}: {why}: no admits edge for the rule into {sg_id}",
            self.dir
        );
        for s in sources {
            self.edge(&s, &sg_id, EdgeKind::Admits, why);
        }
    }

    fn endpoint_path(&self, e: &AlbEndpoint, why: &str) {
        let p = &e.path;
        let listener = self.id(Kind::GaListener, p.listener);
        let group = self.id(Kind::EndpointGroup, p.group);
        let lb = self.id(Kind::LoadBalancer, p.lb);
        if let Some(a) = p.accelerator {
            let acc = self.id(Kind::Accelerator, a);
            self.edge(&acc, &listener, EdgeKind::Fronts, why);
        }
        self.edge(&listener, &group, EdgeKind::Fronts, why);
        self.edge(&group, &lb, EdgeKind::Fronts, why);
        for &sg in &p.security_groups {
            let sg_id = self.id(Kind::SecurityGroup, sg);
            self.edge(&lb, &sg_id, EdgeKind::ProtectedBy, why);
        }
        for f in e.rules() {
            let r = match f {
                RuleFact::Admits { rule, .. }
                | RuleFact::SelfMade { rule, .. }
                | RuleFact::Bypass { rule, .. }
                | RuleFact::WrongVpc { rule, .. } => rule,
            };
            assert!(
                p.security_groups.contains(&r.sg),
                "{}: {why}: a rule of a group that does not protect the load balancer",
                self.dir
            );
            self.admits(r.sg, r.rule_span, why);
        }
    }
}

const REACH_RULES: &[&str] = &[
    "GASG-ADMIT",
    "GASG-BYPASS-OPEN",
    "GASG-CIP-OFF",
    "GASG-WRONG-VPC",
    "GASG-SELF-MADE",
    "GASG-INTERNET-FACING",
    "GA-EP-ALB-LISTENER",
];
const EXPOSURE_RULES: &[&str] = &[
    "SG-ALL-PROTOCOLS",
    "SG-IPV6-FORGOTTEN",
    "SG-WORLD-INGRESS",
    "SG-BROAD-CIDR",
    "SG-ALL-PORTS",
];

#[test]
fn every_network_finding_path_is_in_the_graph_export() {
    let mut checked: HashSet<&'static str> = HashSet::new();
    let mut paths = 0;
    for dir in folders() {
        let (cfg, toml) = config_of(&dir);
        let (g, report) = trustlint::graph(&[common::root().join(&dir)], &cfg).expect("graph");
        let (nodes, edges) = graph_json(&dir, toml.as_deref());
        let ck = Checker {
            dir: dir.clone(),
            g: &g,
            nodes,
            edges,
        };
        let cx = Ctx::new(&g, &report.sources, &cfg);
        let reach = cx.reach();
        let network: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| {
                REACH_RULES.contains(&f.rule.as_str())
                    || EXPOSURE_RULES.contains(&f.rule.as_str())
                    || f.rule == "UNPROVEN"
            })
            .collect();
        for f in network {
            let why = format!("{} at {:?}", f.rule, f.span);
            if EXPOSURE_RULES.contains(&f.rule.as_str()) {
                let x = cx
                    .exposures()
                    .iter()
                    .find(|x| {
                        let sg = &g.model.security_groups[x.sg];
                        f.file
                            == x.rule
                                .standalone
                                .as_ref()
                                .map_or(sg.origin.file, |o| o.file)
                            && x.rule.span.start <= f.span.start
                            && f.span.end <= x.rule.span.end
                    })
                    .unwrap_or_else(|| panic!("{dir}: {why}: no exposed rule behind it"));
                ck.id(Kind::SecurityGroup, x.sg);
                ck.admits(x.sg, x.rule.span, &why);
            } else {
                let behind: Vec<&AlbEndpoint> = reach
                    .endpoints
                    .iter()
                    .filter(|e| places(&g, e).contains(&(f.file, f.span)))
                    .collect();
                if f.rule == "UNPROVEN" && behind.is_empty() {
                    continue; // an UNPROVEN of another analysis
                }
                assert!(
                    !behind.is_empty(),
                    "{dir}: {why}: no endpoint path behind it"
                );
                for e in behind {
                    ck.endpoint_path(e, &why);
                    paths += 1;
                }
            }
            checked.insert(f.rule.as_str());
        }
    }
    // Not vacuous: each reachability rule and the exposure rules were met and their paths checked.
    for id in REACH_RULES.iter().chain(&[
        "SG-WORLD-INGRESS",
        "SG-ALL-PORTS",
        "SG-ALL-PROTOCOLS",
        "UNPROVEN",
    ]) {
        assert!(checked.contains(id), "no {id} finding was checked");
    }
    assert!(paths >= 20, "only {paths} endpoint paths checked");
}
