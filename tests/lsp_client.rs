//! `trustlint lsp` with a real LSP client: runs tests/e2e/test_lsp_client.py under pytest-lsp when a
//! Python with `pytest_lsp` is found — `$TRUSTLINT_E2E_PYTHON`, else `target/e2e-venv` (which
//! `.ci/run` creates) — and skips with a message otherwise.
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

fn python() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("TRUSTLINT_E2E_PYTHON").map(PathBuf::from),
        Some(common::root().join("target/e2e-venv/bin/python")),
    ];
    candidates.into_iter().flatten().find(|p| {
        Command::new(p)
            .args(["-c", "import pytest_lsp"])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

#[test]
fn real_client_sees_the_cross_file_diagnostic_and_applies_the_quick_fix() {
    let Some(py) = python() else {
        eprintln!(
            "SKIPPED lsp_client: no Python with pytest-lsp (set TRUSTLINT_E2E_PYTHON, or run \
             `python3 -m venv target/e2e-venv && target/e2e-venv/bin/pip install pytest-lsp==1.0.1`)"
        );
        return;
    };
    let root = common::root();
    let out = Command::new(&py)
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider", "-c"])
        .arg(root.join("tests/e2e/pytest.ini"))
        .arg(root.join("tests/e2e/test_lsp_client.py"))
        .env("TRUSTLINT_BIN", env!("CARGO_BIN_EXE_trustlint"))
        .env("TRUSTLINT_EXAMPLES", root.join("examples"))
        .output()
        .expect("run pytest");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "pytest-lsp run failed:\n{text}");
    assert!(text.contains("1 passed"), "{text}");
}
