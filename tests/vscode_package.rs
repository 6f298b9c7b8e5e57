//! editors/vscode builds into a VS Code extension package with `vsce package`, when vsce is
//! installed — `$TRUSTLINT_VSCE`, else `target/vsce/node_modules/.bin/vsce` (which `.ci/run`
//! installs) — and npm can fetch the extension's dependency; skipped with a message otherwise.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

mod common;

use std::path::PathBuf;
use std::process::Command;

fn vsce() -> Option<PathBuf> {
    [
        std::env::var_os("TRUSTLINT_VSCE").map(PathBuf::from),
        Some(common::root().join("target/vsce/node_modules/.bin/vsce")),
    ]
    .into_iter()
    .flatten()
    .find(|p| p.is_file())
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

#[test]
fn vscode_extension_packages_with_vsce() {
    let Some(vsce) = vsce() else {
        eprintln!(
            "SKIPPED vscode_package: no vsce (set TRUSTLINT_VSCE, or `npm install --prefix target/vsce @vscode/vsce`)"
        );
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let ext = tmp.path().join("vscode");
    copy_dir(&common::root().join("editors/vscode"), &ext);
    let npm = Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--omit=dev"])
        .current_dir(&ext)
        .output();
    if !npm.as_ref().is_ok_and(|o| o.status.success()) {
        eprintln!(
            "SKIPPED vscode_package: npm could not install the extension's dependencies: {npm:?}"
        );
        return;
    }
    let vsix = tmp.path().join("trustlint.vsix");
    let out = Command::new(&vsce)
        .args(["package", "--skip-license", "-o"])
        .arg(&vsix)
        .current_dir(&ext)
        .output()
        .expect("run vsce");
    assert!(out.status.success(), "vsce package failed: {out:?}");
    // A VSIX is a zip holding the manifest and the entry point under `extension/`.
    let bytes = std::fs::read(&vsix).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip archive");
    let has = |name: &str| bytes.windows(name.len()).any(|w| w == name.as_bytes());
    assert!(has("extension/package.json"));
    assert!(has("extension/extension.js"));
    assert!(has(
        "extension/node_modules/vscode-languageclient/package.json"
    ));
}
