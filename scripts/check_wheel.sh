#!/usr/bin/env bash
# Build the Python wheel that carries the trustlint binary (pyproject.toml, maturin `bindings = "bin"`),
# install it into a fresh virtual environment and run it. Needs PyPI (maturin, nothing else) and a Rust
# toolchain; a release build takes minutes on two cores, so this runs from a script, not `cargo test`.
# Usage: scripts/check_wheel.sh [WORKDIR]   (default: a temporary directory, removed afterwards)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-$(mktemp -d)}"
[ -n "${1:-}" ] || trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/build"
"$work/build/bin/pip" install --quiet --disable-pip-version-check 'maturin>=1.5,<2'
"$work/build/bin/maturin" build --release --out "$work/wheels"
wheel=$(ls "$work"/wheels/trustlint-*.whl)
echo "built $wheel ($(du -h "$wheel" | cut -f1))"
python3 -m venv "$work/run"
start=$(date +%s)
"$work/run/bin/pip" install --quiet --disable-pip-version-check --no-index "$wheel"
echo "installed from the wheel in $(( $(date +%s) - start ))s"
version=$("$work/run/bin/trustlint" --version)
expected="trustlint $(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
[ "$version" = "$expected" ] || { echo "FAIL: got '$version', expected '$expected'"; exit 1; }
# The installed binary really checks: the shipped examples have errors (exit 1).
set +e
"$work/run/bin/trustlint" check examples --format json > "$work/report.json"
code=$?
set -e
[ "$code" = 1 ] || { echo "FAIL: check examples exited $code, expected 1"; exit 1; }
echo "wheel OK: $version"
