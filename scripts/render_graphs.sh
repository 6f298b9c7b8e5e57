#!/usr/bin/env bash
# Render the README's trust-graph pictures from the shipped examples and fixtures (needs Graphviz `dot`,
# Debian package graphviz). Findings are overlaid: a failing requirement is a red dashed edge labelled
# with its rule id. Usage: scripts/render_graphs.sh [path/to/trustlint]
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-target/release/trustlint}"
[ -x "$bin" ] || cargo build --release --locked --bin trustlint
render() { # source-dir output.svg
  "$bin" graph "$1" --format dot | dot -Tsvg -o "$2"
  echo "wrote $2 from $1"
}
render fixtures/rules/KMS-DST-KEYPOLICY-XACCT/fail docs/graph-replication-kms.svg
render examples/global-accelerator docs/graph-global-accelerator.svg
