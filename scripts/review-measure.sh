#!/usr/bin/env bash
# Measure the review page of a converted batch: its size and its load time in headless Chromium.
# Measured, not asserted (issue #14 asks < 5 MB and < 1 s for the whole dev corpus).
#
# Usage: scripts/review-measure.sh [INPUT_DIR] [ROUNDS]
#   INPUT_DIR default ../shared/dev-corpus/inputs; converted with target/release/muniplan
#             (`cargo build --release -p muniplan` first) into a temporary OUT
#   ROUNDS    default 5 page loads, each in a fresh Chromium profile
# Load time is the page's own `performance.now()` at its load event (navigation start to
# load, scripts run), which the page writes into `data-load-ms` for the browser test; the
# script reads it from `--dump-dom`. Prints the size in bytes and MB, each load and the median.
set -euo pipefail
cd "$(dirname "$0")/.."
INPUT="${1:-../shared/dev-corpus/inputs}"
ROUNDS="${2:-5}"
BIN="${CARGO_TARGET_DIR:-target}/release/muniplan"
[ -d "$INPUT" ] || { echo "review-measure: no input folder $INPUT" >&2; exit 2; }
[ -x "$BIN" ] || { echo "review-measure: build $BIN first (cargo build --release -p muniplan)" >&2; exit 2; }
CHROMIUM="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[ -n "$CHROMIUM" ] || { echo "review-measure: no chromium on PATH" >&2; exit 2; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$BIN" convert "$INPUT" -o "$WORK/out" --quiet 2>/dev/null || true
"$BIN" review "$WORK/out" -o "$WORK/review.html" >/dev/null 2>&1
BYTES=$(stat -c %s "$WORK/review.html")
DOCS=$(grep -c '<section id="d' "$WORK/review.html" || true)
echo "review page: $DOCS documents, $BYTES bytes ($(awk -v b="$BYTES" 'BEGIN{printf "%.2f", b/1e6}') MB)"
LOADS=()
for i in $(seq 1 "$ROUNDS"); do
  PROFILE="$WORK/profile-$i"
  MS=$("$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$PROFILE" --dump-dom "file://$WORK/review.html" 2>/dev/null \
      | grep -o 'data-load-ms="[0-9]*"' | grep -o '[0-9]*' || true)
  [ -n "$MS" ] || { echo "review-measure: the page did not load (round $i)" >&2; exit 1; }
  LOADS+=("$MS")
done
MEDIAN=$(printf '%s\n' "${LOADS[@]}" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
echo "load in headless Chromium: ${LOADS[*]} ms; median $MEDIAN ms ($ROUNDS rounds)"
