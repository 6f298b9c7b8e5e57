#!/usr/bin/env bash
# Seed every target's corpus from the repository's fixtures and examples (run from fuzz/).
set -euo pipefail
cd "$(dirname "$0")"
for t in json_parser yaml_parser policy cloudformation terraform simulate pipeline; do
  mkdir -p "corpus/$t"
done
i=0
while IFS= read -r -d '' f; do
  i=$((i + 1))
  case "$f" in
    *.yaml|*.yml|*.template) targets="yaml_parser cloudformation" ;;
    *) targets="json_parser policy cloudformation terraform simulate" ;;
  esac
  for t in $targets; do cp "$f" "corpus/$t/seed-$i"; done
  { basename "$f"; cat "$f"; } > "corpus/pipeline/seed-$i"
done < <(find ../fixtures ../examples ../tests/eval_corpus -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' -o -name '*.template' \) -print0)
echo "seeded $i files"
