#!/usr/bin/env bash
# The nightly rerun: `muniplan convert` over 1,000+ inputs, then again with nothing changed,
# then again with one input's bytes changed (issue 16).
#
# Usage: scripts/bench-rerun.sh [COPIES]   (default 24 copies of the fixture set: 1,272 files)
#
# Inputs are real copies (not symlinks) of every committed fixture (PDF, xlsx, xls, ods, csv),
# each under a name of its own, in a temporary folder. One run of each, wall clock, default
# --jobs (one per core). Prints the full run, the unchanged rerun, their ratio (target ≤ 5%),
# and how many files the one-changed-input rerun converted (target: exactly 1).
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES="${1:-24}"
TARGET="${CARGO_TARGET_DIR:-target}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "== building the release binary" >&2
cargo build -q --release -p muniplan
MUNIPLAN="$TARGET/release/muniplan"

mapfile -t FIXTURES < <(find fixtures -type f \( -name '*.pdf' -o -name '*.xlsx' -o -name '*.xls' \
  -o -name '*.ods' -o -name '*.csv' \) ! -path '*/golden/*' | sort)
mkdir -p "$WORK/in"
for c in $(seq -w 1 "$COPIES"); do
  for f in "${FIXTURES[@]}"; do
    base="$(basename "$f")"
    cp "$f" "$WORK/in/c${c}_${base}"
  done
done
N="$(find "$WORK/in" -type f | wc -l)"

now() { date +%s.%N; }
run() { "$MUNIPLAN" convert "$WORK/in" -o "$WORK/out" --quiet -v "$@" 2>"$WORK/log" || [ $? -eq 1 ]; }
converted() { grep -o '[0-9]* converted now' "$WORK/log" | grep -o '^[0-9]*'; }

t0="$(now)"; run; t1="$(now)"
full_converted="$(converted)"
t2="$(now)"; run; t3="$(now)"
rerun_converted="$(converted)"
# One input's bytes change (a byte appended to the first file; it may convert or fail alike).
first="$(find "$WORK/in" -type f | sort | sed -n 1p)"
printf ' ' >>"$first"
t4="$(now)"; run; t5="$(now)"
one_converted="$(converted)"

awk -v n="$N" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v e="$t4" -v f="$t5" \
    -v fc="$full_converted" -v rc="$rerun_converted" -v oc="$one_converted" 'BEGIN {
  full = b - a; rerun = d - c; one = f - e;
  printf "inputs: %d files\n", n;
  printf "full run:                 %8.3f s (%s converted)\n", full, fc;
  printf "rerun, nothing changed:   %8.3f s (%s converted) = %.2f%% of the full run (target <= 5%%)\n", rerun, rc, 100 * rerun / full;
  printf "rerun, one input changed: %8.3f s (%s converted; target: exactly 1)\n", one, oc;
}'
