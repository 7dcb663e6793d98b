#!/usr/bin/env bash
# Benchmark muniplan's PDF reader against poppler's `pdftotext -bbox-layout` on the same PDFs.
#
# Usage: scripts/bench-pdf.sh [ROUNDS] [PDF...]
#   Default PDFs: every fixtures/pdf/**/*.pdf (no password needed) plus ../shared/corpus PDFs
#   when present. Both tools run once per file per round (one process per file, like a batch
#   would spawn them); muniplan's side is the `pdf_lines` example of crates/pdf (open, every
#   page interpreted, lines grouped and printed), built in release mode.
# Prints the total wall time of each and the ratio muniplan / pdftotext (target ≤ 1.0), then
# the time table reconstruction adds to reading (layout_bench; target ≤ 50%).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-5}"
shift || true
command -v pdftotext >/dev/null || { echo "bench-pdf: pdftotext not found (apt-get install poppler-utils)" >&2; exit 2; }
TARGET="${CARGO_TARGET_DIR:-target}"
cargo build -q --release -p muniplan-pdf --example pdf_lines
BIN="$TARGET/release/examples/pdf_lines"
if [ "$#" -gt 0 ]; then
  FILES=("$@")
else
  mapfile -t FILES < <(find fixtures/pdf -name '*.pdf' | sort; \
    [ -d ../shared/corpus ] && find ../shared/corpus -name '*.pdf' ! -path '*encryption*' | sort)
fi
# Keep only files both tools open without a password.
OK=()
for f in "${FILES[@]}"; do
  if "$BIN" "$f" >/dev/null 2>&1 && pdftotext -q -bbox-layout "$f" /dev/null 2>/dev/null; then OK+=("$f"); fi
done
echo "bench-pdf: ${#OK[@]} PDFs, $ROUNDS rounds"
now() { date +%s.%N; }
t0=$(now)
for _ in $(seq "$ROUNDS"); do for f in "${OK[@]}"; do "$BIN" "$f" >/dev/null 2>&1; done; done
t1=$(now)
for _ in $(seq "$ROUNDS"); do for f in "${OK[@]}"; do pdftotext -q -bbox-layout "$f" /dev/null; done; done
t2=$(now)
t3=$(now)
for _ in $(seq "$ROUNDS"); do "$BIN" "${OK[@]}" >/dev/null 2>&1; done
t4=$(now)
python3 - "$t0" "$t1" "$t2" "$t3" "$t4" <<'PY'
import sys
t0, t1, t2, t3, t4 = map(float, sys.argv[1:])
m, p, one = t1 - t0, t2 - t1, t4 - t3
print(f"muniplan (one process per file): {m:.3f} s")
print(f"pdftotext -bbox-layout (one process per file): {p:.3f} s")
print(f"ratio muniplan / pdftotext: {m / p:.3f} (target <= 1.0)")
print(f"muniplan, all files in one process: {one:.3f} s (ratio {one / p:.3f})")
PY

# Table reconstruction (issue 5): the layout stage timed against reading alone, in one process
# per run, on the same files (target: tables add at most 50% to reading time).
cargo build -q --release -p muniplan-layout --example layout_bench
echo "table reconstruction vs reading (medians, all files):"
"$TARGET/release/examples/layout_bench" --iters "$ROUNDS" "${OK[@]}" | awk 'NR == 1 || /^total/'
