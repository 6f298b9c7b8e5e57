//! The README's set-up snippets against the files they rely on. GitHub Actions and Docker cannot run
//! here (no GitHub, no container registry), so these are structural checks: the YAML parses, the
//! permissions, install and upload steps that a pasted workflow needs are there, every `inputs.X` the
//! action uses is declared, the Dockerfile copies what the build needs. The pre-commit snippets are run
//! for real by tests/pre_commit_hook.rs.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

mod common;

use trustlint::source::{yaml, Node, Value};

fn readme() -> String {
    std::fs::read_to_string(common::root().join("README.md")).unwrap()
}

/// The fenced ```lang blocks of the README whose text contains `marker`.
fn blocks(lang: &str, marker: &str) -> Vec<String> {
    let text = readme();
    let fence = format!("```{lang}\n");
    let mut out = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find(&fence) {
        let body = &rest[at + fence.len()..];
        let end = body.find("```").expect("closed fence");
        if body[..end].contains(marker) {
            out.push(body[..end].to_string());
        }
        rest = &body[end + 3..];
    }
    out
}

fn parse(text: &str) -> Node {
    let mut docs = yaml::parse(text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    assert_eq!(docs.len(), 1);
    docs.remove(0)
}

fn str_at<'a>(n: &'a Node, path: &[&str]) -> Option<&'a str> {
    let mut cur = n;
    for k in path {
        cur = cur.get(k)?;
    }
    cur.as_str()
}

fn steps(n: &Node) -> Vec<&Node> {
    n.as_array().map(|a| a.iter().collect()).unwrap_or_default()
}

#[test]
fn github_actions_workflow_snippet_has_permissions_and_the_action() {
    let blocks = blocks("yaml", ".github/workflows/trustlint.yml");
    assert_eq!(blocks.len(), 1);
    let wf = parse(&blocks[0]);
    assert_eq!(
        str_at(&wf, &["permissions", "security-events"]),
        Some("write")
    );
    assert_eq!(str_at(&wf, &["permissions", "contents"]), Some("read"));
    let job = wf.get("jobs").unwrap().get("trustlint").unwrap();
    let uses: Vec<&str> = steps(job.get("steps").unwrap())
        .into_iter()
        .filter_map(|s| str_at(s, &["uses"]))
        .collect();
    assert!(uses[0].starts_with("actions/checkout@"), "{uses:?}");
    assert!(uses[1].starts_with("trustlint/trustlint@"), "{uses:?}");
}

#[test]
fn manual_workflow_steps_install_and_upload_even_with_findings() {
    let blocks = blocks("yaml", "upload-sarif");
    let manual = blocks
        .iter()
        .find(|b| b.contains("cargo install"))
        .expect("manual steps");
    let list = parse(manual);
    let steps = steps(&list);
    let run = |s: &Node| str_at(s, &["run"]).unwrap_or("").to_string();
    let install = steps
        .iter()
        .position(|s| run(s).contains("cargo install --locked"));
    let sarif = steps.iter().position(|s| run(s).contains("--format sarif"));
    let upload = steps
        .iter()
        .position(|s| str_at(s, &["uses"]).is_some_and(|u| u.contains("upload-sarif")));
    let (install, sarif, upload) = (install.unwrap(), sarif.unwrap(), upload.unwrap());
    assert!(install < sarif && sarif < upload);
    // `trustlint check` exits 1 on findings: the steps after it must still run.
    assert_eq!(str_at(steps[sarif], &["if"]), Some("always()"));
    assert_eq!(str_at(steps[upload], &["if"]), Some("always()"));
}

#[test]
fn action_installs_runs_and_uploads_even_with_findings() {
    let text = std::fs::read_to_string(common::root().join("action.yml")).unwrap();
    let action = parse(&text);
    assert_eq!(str_at(&action, &["runs", "using"]), Some("composite"));
    let steps = steps(action.get("runs").unwrap().get("steps").unwrap());
    let run = |s: &Node| str_at(s, &["run"]).unwrap_or("").to_string();
    assert!(run(steps[0]).contains("cargo install --locked"));
    assert!(run(steps[1]).contains("trustlint check") && run(steps[1]).contains("exit 0"));
    let upload = steps
        .iter()
        .find(|s| str_at(s, &["uses"]).is_some_and(|u| u.contains("upload-sarif")))
        .expect("upload step");
    assert!(str_at(upload, &["if"]).unwrap().contains("always()"));
    let last = steps.last().unwrap();
    assert!(run(last).contains("exit"), "the job fails after the upload");
    // Every `inputs.X` used is declared.
    let declared = action.get("inputs").unwrap().as_object().unwrap();
    for part in text.split("inputs.").skip(1) {
        let name: String = part
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        assert!(
            declared.iter().any(|m| m.key == name),
            "undeclared input `{name}`"
        );
    }
    assert!(
        text.contains("security-events: write"),
        "permissions documented"
    );
}

#[test]
fn pre_commit_snippets_match_the_hook() {
    let manifest = std::fs::read_to_string(common::root().join(".pre-commit-hooks.yaml")).unwrap();
    let hooks = parse(&manifest);
    let hook = &hooks.as_array().unwrap()[0];
    assert_eq!(str_at(hook, &["id"]), Some("trustlint"));
    assert_eq!(
        hook.get("require_serial")
            .map(|n| n.value == Value::Bool(true)),
        Some(true)
    );
    let files = str_at(hook, &["files"]).unwrap();
    for ext in ["json", "ya?ml", "template"] {
        assert!(files.contains(ext), "{files}");
    }
    let remote = blocks("yaml", "repo: https://github.com/trustlint/trustlint");
    assert_eq!(remote.len(), 1);
    let cfg = parse(&remote[0]);
    let repo = &cfg.get("repos").unwrap().as_array().unwrap()[0];
    assert!(str_at(repo, &["rev"]).is_some_and(|r| !r.is_empty()));
    let local = blocks("yaml", "repo: local");
    assert_eq!(local.len(), 1);
    let cfg = parse(&local[0]);
    let h = &cfg.get("repos").unwrap().as_array().unwrap()[0]
        .get("hooks")
        .unwrap()
        .as_array()
        .unwrap()[0];
    assert_eq!(str_at(h, &["files"]), Some(files), "same files as the hook");
    assert_eq!(
        h.get("require_serial")
            .map(|n| n.value == Value::Bool(true)),
        Some(true)
    );
}

#[test]
fn install_commands_use_locked_and_the_build_files_exist() {
    let code: Vec<String> = ["sh", "yaml"]
        .iter()
        .flat_map(|lang| blocks(lang, "cargo install"))
        .collect();
    assert!(!code.is_empty());
    for line in code
        .iter()
        .flat_map(|b| b.lines())
        .filter(|l| l.contains("cargo install"))
    {
        assert!(line.contains("--locked"), "{line}");
    }
    let pyproject = std::fs::read_to_string(common::root().join("pyproject.toml")).unwrap();
    assert!(pyproject.contains("bindings = \"bin\""));
    let docker = std::fs::read_to_string(common::root().join("Dockerfile")).unwrap();
    assert!(docker.contains("--locked"));
    for line in docker
        .lines()
        .filter(|l| l.starts_with("COPY ") && !l.contains("--from"))
    {
        let parts: Vec<&str> = line.split_whitespace().collect();
        for src in &parts[1..parts.len() - 1] {
            assert!(common::root().join(src).exists(), "Dockerfile copies {src}");
        }
    }
}
