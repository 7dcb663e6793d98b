#!/usr/bin/env bash
# Regenerate docs/review.png, the README's picture of the review page: a fixture PDF (its page
# drawn with every observation's box outlined) and the coverage test's broken CSV (flagged, its
# unexplained cells in red), converted with target/release/muniplan and shot in headless Chromium.
#
# Usage: scripts/review-screenshot.sh [PNG]   (default docs/review.png)
set -euo pipefail
cd "$(dirname "$0")/.."
PNG="${1:-docs/review.png}"
BIN="${CARGO_TARGET_DIR:-target}/release/muniplan"
[ -x "$BIN" ] || { echo "review-screenshot: build $BIN first (cargo build --release -p muniplan)" >&2; exit 2; }
CHROMIUM="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[ -n "$CHROMIUM" ] || { echo "review-screenshot: no chromium on PATH" >&2; exit 2; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# OUT as the page's title shows it: a relative folder under target/, removed at the end.
OUT="${CARGO_TARGET_DIR:-target}/review-example"
rm -rf "$OUT"
"$BIN" convert fixtures/minamialps/minamialps_excerpt.pdf tests/coverage/mokuhyo_unknown_label.csv \
  -o "$OUT" --quiet 2>/dev/null
"$BIN" review "$OUT" -o "$WORK/review.html" >/dev/null 2>&1
rm -rf "$OUT"
"$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$WORK/profile" --window-size=1300,1500 --virtual-time-budget=5000 \
  --screenshot="$(pwd)/$PNG" "file://$WORK/review.html" >/dev/null 2>&1
echo "review-screenshot: $PNG ($(stat -c %s "$PNG") bytes)"
