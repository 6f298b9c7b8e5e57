#!/usr/bin/env bash
# Benchmark `trustlint check` on a generated corpus, against parliament when it is installed.
#
#   bash benches/bench.sh
#
# Environment (all optional):
#   BENCH_FILES=5000          corpus size
#   BENCH_SMALL=1000          smaller corpus for the files scaling check
#   BENCH_STMTS="100 2000"    statement counts for the one-huge-policy scaling check
#   BENCH_RUNS=3              runs per measurement; the best (minimum) wall time is reported
#   BENCH_DIR=target/bench-corpus   where corpora are written (under target/, so git ignores it)
#   BENCH_SEED=42             generator seed
#   BENCH_INSTALL=1           `pip install parliament` first if it is not on PATH
#   BENCH_PARLIAMENT=0        skip parliament even if installed
#   BENCH_PARLIAMENT_PER_FILE=20   also time parliament one process per file on this many files
#                             and extrapolate to the corpus (0 to skip)
#   TRUSTLINT_BIN=path        time this binary instead of building target/release/trustlint
#
# Only wall-clock of the whole process is measured (startup, discovery, reading, checking, rendering
# JSON to /dev/null). Exits non-zero only when a tool fails (exit code other than 0/1, or a crash);
# timings are reported, never asserted.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

FILES="${BENCH_FILES:-5000}"
SMALL="${BENCH_SMALL:-1000}"
STMTS="${BENCH_STMTS:-100 2000}"
RUNS="${BENCH_RUNS:-3}"
DIR="${BENCH_DIR:-$ROOT/target/bench-corpus}"
SEED="${BENCH_SEED:-42}"
PER_FILE="${BENCH_PARLIAMENT_PER_FILE:-20}"

die() { echo "bench: $*" >&2; exit 1; }

# ---------------------------------------------------------------- build
if [[ -n "${TRUSTLINT_BIN:-}" ]]; then
    BIN="$TRUSTLINT_BIN"
else
    echo "== cargo build --release" >&2
    cargo build --release --quiet || die "cargo build --release failed"
    BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/trustlint"
fi
[[ -x "$BIN" ]] || die "no binary at $BIN"

# ---------------------------------------------------------------- corpora
gen() { python3 "$ROOT/benches/gen_corpus.py" "$@" --seed "$SEED" >/dev/null 2>&1 || die "gen_corpus.py $* failed"; }
echo "== generating corpora in $DIR" >&2
gen "$DIR/n$FILES" -n "$FILES"
gen "$DIR/n$SMALL" -n "$SMALL"
for k in 1 $STMTS; do gen "$DIR/s$k" --statements "$k"; done

bytes_of() { python3 -c 'import os,sys; print(sum(os.path.getsize(os.path.join(sys.argv[1],f)) for f in os.listdir(sys.argv[1])))' "$1"; }

# ---------------------------------------------------------------- timing
now() { date +%s.%N; }
# best_of LABEL CMD... : runs CMD $RUNS times (stdout to /dev/null, stderr kept in a file) and prints
# "WALL CPU" for the run with the smallest wall time, in seconds; CPU is user+sys of CMD and its
# children (from bash's `times`), which stays meaningful when other processes compete for the cores.
# Exit codes 0 and 1 ("findings") are success; anything else, or a Python traceback on stderr, is a
# tool failure.
ERR="$(mktemp)"
TIMES="$(mktemp)"
trap 'rm -f "$ERR" "$TIMES"' EXIT
# `times` must run in this shell (not in a $(...) subshell) to see its children's times.
times_secs() { awk 'NR == 2 {
    n = split($0, f, " "); s = 0
    for (i = 1; i <= n; i++) { split(f[i], m, "m"); sub("s", "", m[2]); s += m[1] * 60 + m[2] }
    printf "%.4f", s }' "$TIMES"; }
best_of() {
    local label="$1"; shift
    local best="" best_cpu="" i t0 t1 c0 c1 rc wall cpu
    for ((i = 0; i < RUNS; i++)); do
        times >"$TIMES"; c0=$(times_secs)
        t0=$(now)
        set +e
        "$@" >/dev/null 2>"$ERR"
        rc=$?
        set -e
        t1=$(now)
        times >"$TIMES"; c1=$(times_secs)
        if [[ $rc -gt 1 ]] || grep -q '^Traceback' "$ERR"; then
            echo "bench: $label failed (exit $rc):" >&2
            tail -20 "$ERR" >&2
            exit 1
        fi
        wall=$(awk -v x="$t0" -v y="$t1" 'BEGIN{printf "%.4f", y-x}')
        cpu=$(awk -v x="$c0" -v y="$c1" 'BEGIN{printf "%.3f", y-x}')
        if [[ -z "$best" ]] || awk -v a="$wall" -v b="$best" 'BEGIN{exit !(a < b)}'; then
            best=$wall
            best_cpu=$cpu
        fi
    done
    echo "$best $best_cpu"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.1f", a/b; else print "inf" }'; }

tl() { "$BIN" check "$@" --format json; }
tl1() { RAYON_NUM_THREADS=1 "$BIN" check "$@" --format json; }

w() { echo "${1% *}"; }   # wall part of "WALL CPU"
c() { echo "${1#* }"; }   # cpu part

echo "== timing (best of $RUNS, whole process)" >&2
B_BIG=$(bytes_of "$DIR/n$FILES")
T_BIG=$(best_of "trustlint $FILES files" tl "$DIR/n$FILES")
T_BIG1=$(best_of "trustlint $FILES files, 1 thread" tl1 "$DIR/n$FILES")
T_SMALL=$(best_of "trustlint $SMALL files" tl "$DIR/n$SMALL")
declare -A T_ST
for k in $STMTS; do T_ST[$k]=$(best_of "trustlint $k statements" tl "$DIR/s$k/huge.json"); done
T_ONE=$(best_of "trustlint 1 file" tl "$DIR/s1/huge.json")

findings_summary() { "$BIN" check "$1" --format json 2>/dev/null | python3 -c '
import collections, json, sys
d = json.load(sys.stdin)
c = collections.Counter(f["rule"] for f in d["findings"])
print(", ".join("%s %d" % kv for kv in sorted(c.items())) or "none")' || true; }

# ---------------------------------------------------------------- parliament
T_PARL=""
T_PARL_FILE=""
if [[ "${BENCH_PARLIAMENT:-1}" != 0 ]]; then
    if ! command -v parliament >/dev/null && [[ "${BENCH_INSTALL:-0}" == 1 ]]; then
        echo "== pip install parliament" >&2
        python3 -m pip install --quiet parliament || die "pip install parliament failed"
    fi
    if command -v parliament >/dev/null; then
        PARL_VERSION=$(parliament --version 2>&1 </dev/null | awk '{print $NF; exit}')
        echo "== parliament --directory (single process, all files)" >&2
        T_PARL=$(best_of "parliament --directory" \
            parliament --directory "$DIR/n$FILES" --include_policy_extension .json --json)
        if [[ "$PER_FILE" -gt 0 ]]; then
            echo "== parliament one process per file, $PER_FILE files (extrapolated)" >&2
            # parliament reads the policy from stdin when --file is not given.
            per_file() { local f; for f in $(ls "$DIR/n$FILES" | head -n "$PER_FILE"); do
                parliament --json <"$DIR/n$FILES/$f" || [[ $? -eq 1 ]] || return 2; done; }
            T_PF=$(RUNS=1 best_of "parliament per file" per_file)
            T_PARL_FILE=$(awk -v t="$(w "$T_PF")" -v n="$PER_FILE" -v N="$FILES" 'BEGIN{printf "%.1f", t/n*N}')
        fi
    else
        echo "== parliament not on PATH (BENCH_INSTALL=1 installs it with pip): skipped" >&2
    fi
fi

# ---------------------------------------------------------------- report
MB=$(awk -v b="$B_BIG" 'BEGIN{printf "%.1f", b/1048576}')
row() { printf '  %-46s %9ss wall %8ss cpu%s\n' "$1" "$(w "$2")" "$(c "$2")" "${3:-}"; }
echo
echo "trustlint benchmark  $(date -u +%Y-%m-%d)  $(nproc) cores  $(uname -m)  load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
if [[ -n "${TRUSTLINT_BIN:-}" ]]; then
    echo "  git: tree at $(git log --oneline -1 2>/dev/null || echo '?'); binary given by TRUSTLINT_BIN (may be another build)"
else
    echo "  git: $(git log --oneline -1 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (+ uncommitted changes in src/)')"
fi
echo "  binary: $BIN"
echo "  corpus: $FILES files, $MB MiB (seed $SEED)"
echo "  trustlint findings on it: $(findings_summary "$DIR/n$FILES")"
echo
row "trustlint, $FILES files" "$T_BIG" \
    "   $(awk -v n="$FILES" -v t="$(w "$T_BIG")" 'BEGIN{printf "%.0f", n/t}') files/s, $(awk -v b="$B_BIG" -v t="$(w "$T_BIG")" 'BEGIN{printf "%.1f", b/1048576/t}') MiB/s"
row "trustlint, $FILES files, RAYON_NUM_THREADS=1" "$T_BIG1" \
    "   $(awk -v n="$FILES" -v t="$(w "$T_BIG1")" 'BEGIN{printf "%.0f", n/t}') files/s"
row "trustlint, 1 one-statement file (startup)" "$T_ONE"
echo
echo "  scaling (whole-process times; startup included)"
row "trustlint, $SMALL files" "$T_SMALL" \
    "   x$(ratio "$(w "$T_BIG")" "$(w "$T_SMALL")") wall, x$(ratio "$(c "$T_BIG")" "$(c "$T_SMALL")") cpu for x$(ratio "$FILES" "$SMALL") files"
prev=""
for k in $STMTS; do
    extra=""
    if [[ -n "$prev" ]]; then
        extra="   x$(ratio "$(w "${T_ST[$k]}")" "$(w "${T_ST[$prev]}")") wall, x$(ratio "$(c "${T_ST[$k]}")" "$(c "${T_ST[$prev]}")") cpu for x$(ratio "$k" "$prev") statements"
    fi
    row "trustlint, one policy of $k statements" "${T_ST[$k]}" "$extra"
    prev=$k
done
echo
if [[ -n "$T_PARL" ]]; then
    row "parliament $PARL_VERSION --directory, $FILES files" "$T_PARL"
    [[ -n "$T_PARL_FILE" ]] && printf '  %-46s %9ss wall  (extrapolated from %s files)\n' \
        "parliament, one process per file" "$T_PARL_FILE" "$PER_FILE"
    echo
    echo "  parliament --directory / trustlint, wall:              x$(ratio "$(w "$T_PARL")" "$(w "$T_BIG")")   (target: >= x100)"
    echo "  parliament --directory / trustlint, cpu:               x$(ratio "$(c "$T_PARL")" "$(c "$T_BIG")")"
    echo "  parliament --directory / trustlint 1 thread, wall:     x$(ratio "$(w "$T_PARL")" "$(w "$T_BIG1")")"
else
    echo "  parliament: not run"
fi
