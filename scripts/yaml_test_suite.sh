#!/bin/sh
# Run the YAML frontend over every case of the official YAML test suite (MIT,
# https://github.com/yaml/yaml-test-suite, branch `data`). Divergences must be listed in
# tests/data/yaml-suite/known-divergences.tsv with their reason.
#   scripts/yaml_test_suite.sh [path to a checkout of the data branch]
set -eu
dir="${1:-}"
if [ -z "$dir" ]; then
    dir="$(mktemp -d)"
    git clone --quiet --depth 1 --branch data https://github.com/yaml/yaml-test-suite "$dir"
fi
YAML_TEST_SUITE_DIR="$dir" cargo test --locked --test yaml_suite whole_suite -- --nocapture
