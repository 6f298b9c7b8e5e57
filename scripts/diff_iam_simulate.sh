#!/usr/bin/env bash
# Differential test (not run in CI): evaluate random requests with `trustlint simulate` and with
# @cloud-copilot/iam-simulate (AGPL; installed into /tmp and used only as an external program), and list
# the disagreements.
#   scripts/diff_iam_simulate.sh [COUNT] [SEED]
# Output: a summary on stdout, every disagreement as a request file under /tmp/trustlint-diff/disagree/.
set -euo pipefail
COUNT="${1:-3000}"
SEED="${2:-1}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ORACLE_DIR="${IAM_SIMULATE_DIR:-/tmp/iam-simulate-oracle}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/tmp/target-eval}"

if [ ! -d "$ORACLE_DIR/node_modules/@cloud-copilot/iam-simulate" ]; then
  mkdir -p "$ORACLE_DIR"
  (cd "$ORACLE_DIR" && npm init -y >/dev/null && npm install --no-audit --no-fund @cloud-copilot/iam-simulate >/dev/null)
fi
(cd "$ROOT" && cargo build --release --quiet --bin trustlint)
BIN="$CARGO_TARGET_DIR/release/trustlint"
NODE_PATH="$ORACLE_DIR/node_modules" node "$ROOT/scripts/diff_iam_simulate.mjs" "$BIN" "$COUNT" "$SEED" /tmp/trustlint-diff
