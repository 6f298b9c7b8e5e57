//! The real `pre-commit` tool (installed from PyPI into a virtual environment in a temporary
//! directory) runs the hook that `.pre-commit-hooks.yaml` defines over a temporary git repository, as
//! `git commit` does for a user. The hook's own settings (files, types, require_serial, …) are taken
//! from `.pre-commit-hooks.yaml`; only `entry` and `language` are swapped for the binary under test,
//! because `language: rust` would compile the whole crate inside the test.
//!
//! Scenarios (issue 13): a commit of many files that pre-commit would shard across processes; a
//! commit that changes only one half of a cross-account pair; YAML templates; JSON with comments that
//! is not a policy. Broken commits must fail the hook, fixed commits must pass.
//!
//! Skipped, with a message, when PyPI cannot be reached (no `pre-commit` to drive).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const KEY_GRANT: &str = "\"AWS\": \"arn:aws:iam::111111111111:role/service-role/s3crr_role_for_tutorial-kms-source\"\n              },\n              \"Action\": [ \"kms:Encrypt\", \"kms:GenerateDataKey\" ],";

/// `pre-commit` in a fresh virtual environment under `dir`, or why it could not be installed.
fn install_pre_commit(dir: &Path) -> Result<PathBuf, String> {
    let venv = dir.join("venv");
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let out = Command::new(&python)
        .args(["-m", "venv"])
        .arg(&venv)
        .output()
        .map_err(|e| format!("cannot run {python}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{python} -m venv failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let out = Command::new(venv.join("bin/pip"))
        .args([
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--timeout",
            "30",
            "pre-commit",
        ])
        .output()
        .map_err(|e| format!("cannot run pip: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "pip install pre-commit failed (is PyPI reachable?): {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(venv.join("bin/pre-commit"))
}

/// The hook of `.pre-commit-hooks.yaml` as a `repo: local` hook running the binary under test.
fn local_hook_config() -> String {
    let manifest = std::fs::read_to_string(common::root().join(".pre-commit-hooks.yaml")).unwrap();
    // The hook entry itself, not the usage example in the header comment.
    let hook = &manifest[manifest.find("\n- id: trustlint").expect("hook id") + 1..];
    let bin = env!("CARGO_BIN_EXE_trustlint");
    let mut swapped = (false, false);
    let lines: Vec<String> = hook
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("entry:") {
                swapped.0 = true;
                format!("  entry: {bin} check")
            } else if l.trim_start().starts_with("language:") {
                swapped.1 = true;
                "  language: system".to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    assert_eq!(swapped, (true, true), "entry and language in the manifest");
    let body: String = lines.iter().map(|l| format!("      {l}\n")).collect();
    format!("repos:\n  - repo: local\n    hooks:\n{body}")
}

struct Repo {
    dir: PathBuf,
    home: PathBuf,
    pre_commit: PathBuf,
}

impl Repo {
    fn cmd(&self, program: &Path) -> Command {
        let mut c = Command::new(program);
        // `entry: trustlint check` of the README's local hook finds the binary under test first.
        let bin_dir = Path::new(env!("CARGO_BIN_EXE_trustlint")).parent().unwrap();
        let path = std::env::join_paths(std::iter::once(bin_dir.to_path_buf()).chain(
            std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
        ))
        .unwrap();
        c.current_dir(&self.dir)
            .env("PATH", path)
            .env("HOME", &self.home)
            .env("PRE_COMMIT_HOME", self.home.join("pre-commit-cache"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE");
        c
    }

    fn git(&self, args: &[&str]) -> Output {
        self.cmd(Path::new("git")).args(args).output().expect("git")
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// `git add -- files` then `git commit` (the hook runs); (success, everything printed).
    fn commit(&self, files: &[&str], message: &str) -> (bool, String) {
        let mut add = vec!["add", "--"];
        add.extend_from_slice(files);
        assert!(self.git(&add).status.success());
        let o = self.git(&["commit", "-q", "-m", message]);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        (o.status.success(), text)
    }
}

/// The README's ```yaml block that contains `marker`.
fn readme_block(marker: &str) -> String {
    let text = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    text.split("```yaml\n")
        .skip(1)
        .map(|b| b[..b.find("```").unwrap()].to_string())
        .find(|b| b.contains(marker))
        .unwrap_or_else(|| panic!("README has a yaml block with {marker}"))
}

fn fixture(rel: &str) -> String {
    std::fs::read_to_string(common::root().join(rel)).unwrap()
}

/// The destination template with its key policy granting another principal than the source role.
fn broken_destination(good: &str) -> String {
    assert!(
        good.contains(KEY_GRANT),
        "fixture changed: key grant not found"
    );
    good.replace(
        KEY_GRANT,
        &KEY_GRANT.replace(
            "111111111111:role/service-role/s3crr_role_for_tutorial-kms-source",
            "222222222222:role/key-admin",
        ),
    )
}

const LOGS_YAML: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Description: Log bucket readable by the analytics role.
Resources:
  LogBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "acme-logs-${AWS::AccountId}"
  LogBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref LogBucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: EFFECT
            Principal:
              AWS: !Sub "arn:aws:iam::${AWS::AccountId}:role/analytics"
            Action: s3:GetObject
            Resource: !Sub "${LogBucket.Arn}/*"
"#;

fn policy(bucket: &str) -> String {
    format!(
        "{{\"Version\": \"2012-10-17\", \"Statement\": [{{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::{bucket}/*\"}}]}}\n"
    )
}

#[test]
fn real_pre_commit_fails_broken_commits_and_passes_fixed_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let pre_commit = match install_pre_commit(tmp.path()) {
        Ok(p) => p,
        Err(why) => {
            eprintln!("SKIPPED real_pre_commit_fails_broken_commits_and_passes_fixed_ones: {why}");
            return;
        }
    };
    let repo = Repo {
        dir: tmp.path().join("repo"),
        home: tmp.path().join("home"),
        pre_commit,
    };
    std::fs::create_dir_all(&repo.dir).unwrap();
    std::fs::create_dir_all(&repo.home).unwrap();
    assert!(repo.git(&["init", "-q", "-b", "main"]).status.success());
    repo.write(".pre-commit-config.yaml", &local_hook_config());
    repo.write("trustlint.toml", "exclude = [\"tsconfig.json\"]\n");
    assert!(repo.git(&["add", "-A"]).status.success());
    assert!(repo
        .git(&["commit", "-q", "--no-verify", "-m", "set-up"])
        .status
        .success());
    let o = repo.cmd(&repo.pre_commit).arg("install").output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let source = fixture("fixtures/scenarios/replication-sse-kms/source.json");
    let good_dst = fixture("fixtures/scenarios/replication-sse-kms/destination.json");
    let bad_dst = broken_destination(&good_dst);

    // 1. Many files in one commit: with sharding, source.json and destination.json could land in
    //    different processes and the cross-account requirement would become two UNPROVENs.
    let mut files = vec!["source.json", "destination.json"];
    let extra: Vec<String> = (0..8).map(|i| format!("policies/p{i}.json")).collect();
    for (i, f) in extra.iter().enumerate() {
        repo.write(f, &policy(&format!("acme-bucket-{i}")));
        files.push(f);
    }
    repo.write("source.json", &source);
    repo.write("destination.json", &bad_dst);
    let (ok, out) = repo.commit(&files, "replication with a broken key policy");
    assert!(!ok, "the broken pair must fail the hook:\n{out}");
    assert!(out.contains("KMS-DST-KEYPOLICY-XACCT"), "{out}");
    repo.write("destination.json", &good_dst);
    let (ok, out) = repo.commit(&files, "replication");
    assert!(ok, "the fixed pair must pass:\n{out}");
    assert!(out.contains("Passed"), "the hook ran: {out}");

    // 2. A commit changing only the destination half: the source half is read from the project.
    repo.write("destination.json", &bad_dst);
    let (ok, out) = repo.commit(&["destination.json"], "tighten the key policy");
    assert!(
        !ok,
        "changing one half must be checked against the other:\n{out}"
    );
    assert!(out.contains("KMS-DST-KEYPOLICY-XACCT"), "{out}");
    let fixed = good_dst.replacen("\"Description\": \"", "\"Description\": \"Reviewed. ", 1);
    repo.write("destination.json", &fixed);
    let (ok, out) = repo.commit(&["destination.json"], "key policy reviewed");
    assert!(ok, "{out}");

    // 3. YAML templates are passed to the hook.
    repo.write("logs.yaml", &LOGS_YAML.replace("EFFECT", "allow"));
    let (ok, out) = repo.commit(&["logs.yaml"], "log bucket");
    assert!(!ok, "a broken YAML template must fail the hook:\n{out}");
    assert!(out.contains("POL-STATEMENT-SHAPE"), "{out}");
    repo.write("logs.yaml", &LOGS_YAML.replace("EFFECT", "Allow"));
    let (ok, out) = repo.commit(&["logs.yaml"], "log bucket");
    assert!(ok, "{out}");
    assert!(
        out.contains("Passed"),
        "the hook ran on the YAML file: {out}"
    );

    // 4. JSON with comments that is no policy: excluded in trustlint.toml, or skipped as JSONC.
    repo.write(
        "tsconfig.json",
        "{\n  // strict mode\n  \"compilerOptions\": { \"strict\": true, },\n}\n",
    );
    repo.write(
        ".vscode/settings.json",
        "{\n  /* editor */ \"editor.tabSize\": 2,\n}\n",
    );
    let (ok, out) = repo.commit(&["tsconfig.json", ".vscode/settings.json"], "editor");
    assert!(
        ok,
        "non-policy JSON with comments must not fail the hook:\n{out}"
    );
    assert!(!out.contains("PARSE"), "{out}");

    // 5. The README's snippets: the remote one and the manifest validate; the local one, pasted as
    //    is, fails a broken commit and passes the fix.
    let validate = |args: &[&str]| {
        let o = repo.cmd(&repo.pre_commit).args(args).output().unwrap();
        assert!(
            o.status.success(),
            "pre-commit {args:?}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
    };
    let manifest = common::root().join(".pre-commit-hooks.yaml");
    validate(&["validate-manifest", manifest.to_str().unwrap()]);
    repo.write(
        "remote.yaml",
        &readme_block("repo: https://github.com/trustlint/trustlint"),
    );
    validate(&["validate-config", "remote.yaml"]);
    std::fs::remove_file(repo.dir.join("remote.yaml")).unwrap();
    repo.write(".pre-commit-config.yaml", &readme_block("repo: local"));
    let (ok, out) = repo.commit(&[".pre-commit-config.yaml"], "the README's local hook");
    assert!(ok, "{out}");
    repo.write("destination.json", &bad_dst);
    let (ok, out) = repo.commit(&["destination.json"], "break the pair again");
    assert!(
        !ok,
        "the README's local hook must fail the broken pair:\n{out}"
    );
    assert!(out.contains("KMS-DST-KEYPOLICY-XACCT"), "{out}");
    repo.write("destination.json", &good_dst);
    let (ok, out) = repo.commit(&["destination.json"], "fixed");
    assert!(ok, "{out}");
}
