#!/usr/bin/env bash
# muniplan against the tools users would pick instead, in one go (`just bench`).
#
# Usage: scripts/bench.sh [ROUNDS]        (default 3 rounds per timing; best round is kept)
#
#   1. PDF text per page: muniplan's reader (`pdf_lines` example: open, every page, lines)
#      vs `pdftotext -bbox-layout` (poppler) and PyMuPDF (`page.get_text("words")`).
#   2. PDF tables: `muniplan convert` (reader + layout + recognition + output) vs pdfplumber
#      `page.extract_tables()` on the same PDFs.
#   3. xlsx: `muniplan convert` vs openpyxl (`load_workbook(data_only=True)`, every cell read).
#   4. Batch scaling: the fixture set repeated 8 times, `--jobs 1` vs `--jobs 2`.
#   5. Peak RSS (`/usr/bin/time -v`) of a batch of 1,000 files vs 10 (fixtures repeated as
#      symlinks in a temporary folder).
# Peers: poppler-utils from Debian (apt-get install poppler-utils) and PyMuPDF, pdfplumber,
# openpyxl from PyPI, installed here into a venv under target/bench-venv. Never needed by tests.
# All muniplan binaries are release builds. Files: the committed fixtures (PDF and xlsx) plus
# ../shared/corpus PDFs when present. Each tool runs in ONE process over all files (startup is
# paid once), single-threaded, except in 4 and 5.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}"
TARGET="${CARGO_TARGET_DIR:-target}"
VENV=target/bench-venv
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

command -v pdftotext >/dev/null || { echo "bench: pdftotext not found (apt-get install poppler-utils)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time not found (apt-get install time)" >&2; exit 2; }
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -c 'import fitz, pdfplumber, openpyxl' 2>/dev/null \
  || "$VENV/bin/pip" install -q pymupdf pdfplumber openpyxl
PY="$VENV/bin/python"

echo "== building release binaries" >&2
cargo build -q --release -p muniplan
cargo build -q --release -p muniplan-pdf --example pdf_lines
MUNIPLAN="$TARGET/release/muniplan"
PDF_LINES="$TARGET/release/examples/pdf_lines"

# --- inputs -------------------------------------------------------------------------------
mapfile -t CANDIDATES < <(find fixtures -name '*.pdf' ! -path '*/encrypted/*' | sort; \
  [ -d ../shared/corpus ] && find ../shared/corpus -name '*.pdf' ! -path '*encrypt*' | sort)
PDFS=()
for f in "${CANDIDATES[@]}"; do
  # Only files every tool opens without a password.
  if "$PDF_LINES" "$f" >/dev/null 2>&1 && pdftotext -q -bbox-layout "$f" /dev/null 2>/dev/null \
     && "$PY" -c 'import fitz,sys; fitz.open(sys.argv[1])' "$f" 2>/dev/null; then
    PDFS+=("$f")
  fi
done
mapfile -t XLSX < <(find fixtures crates/sheet/tests/data -name '*.xlsx' | sort)
PAGES=0
for f in "${PDFS[@]}"; do
  n=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')
  PAGES=$((PAGES + ${n:-0}))
done
echo "bench: ${#PDFS[@]} PDFs ($PAGES pages), ${#XLSX[@]} xlsx, $ROUNDS rounds (best kept)"

# best_of CMD...: the shortest wall time (seconds) of ROUNDS runs.
best_of() {
  local best="" t0 t1 t
  for _ in $(seq "$ROUNDS"); do
    t0=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s.%N)
    t=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  echo "$best"
}

pdftotext_all() { for f in "$@"; do pdftotext -q -bbox-layout "$f" /dev/null; done; }

cat > "$WORK/peers.py" <<'PY'
import sys
kind, files = sys.argv[1], sys.argv[2:]
if kind == "pymupdf":
    import fitz
    for f in files:
        with fitz.open(f) as doc:
            for page in doc:
                page.get_text("words")
elif kind == "pdfplumber":
    import pdfplumber
    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_tables()
elif kind == "openpyxl":
    import openpyxl
    for f in files:
        wb = openpyxl.load_workbook(f, data_only=True)
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                for v in row:
                    pass
PY

echo "== 1. PDF text per page" >&2
T_MUNI_TEXT=$(best_of "$PDF_LINES" "${PDFS[@]}")
T_POPPLER=$(best_of pdftotext_all "${PDFS[@]}")
T_MUNI_TEXT_PROC=$(best_of bash -c 'for f in "$@"; do "'"$PDF_LINES"'" "$f"; done' _ "${PDFS[@]}")
T_PYMUPDF=$(best_of "$PY" "$WORK/peers.py" pymupdf "${PDFS[@]}")

echo "== 2. PDF tables" >&2
T_MUNI_CONVERT_PDF=$(best_of "$MUNIPLAN" convert "${PDFS[@]}" -o "$WORK/out-pdf" --quiet --jobs 1)
T_PDFPLUMBER=$(best_of "$PY" "$WORK/peers.py" pdfplumber "${PDFS[@]}")

echo "== 3. xlsx" >&2
T_MUNI_XLSX=$(best_of "$MUNIPLAN" convert "${XLSX[@]}" -o "$WORK/out-xlsx" --quiet --jobs 1)
T_OPENPYXL=$(best_of "$PY" "$WORK/peers.py" openpyxl "${XLSX[@]}")

echo "== 4. batch scaling" >&2
mkdir -p "$WORK/batch"
i=0
for r in $(seq 8); do
  for f in "${PDFS[@]}" "${XLSX[@]}"; do
    i=$((i + 1)); ln -s "$PWD/$f" "$WORK/batch/$i-$(basename "$f")"
  done
done
BATCH_N=$i
T_J1=$(best_of "$MUNIPLAN" convert "$WORK/batch" -o "$WORK/out-j1" --quiet --jobs 1)
T_J2=$(best_of "$MUNIPLAN" convert "$WORK/batch" -o "$WORK/out-j2" --quiet --jobs 2)

echo "== 5. peak RSS, 10 vs 1000 files" >&2
# Ten files spread over the whole set (PDFs and workbooks); the 1,000-file batch is the same
# ten repeated 100 times, so the two batches differ only in length.
ALL=("${PDFS[@]}" "${XLSX[@]}")
TEN=()
for k in $(seq 0 9); do TEN+=("${ALL[$(( k * ${#ALL[@]} / 10 ))]}"); done
for n in 10 1000; do
  mkdir -p "$WORK/rss$n"
  for i in $(seq "$n"); do
    f="${TEN[$(( (i - 1) % 10 ))]}"
    ln -s "$PWD/$f" "$WORK/rss$n/$i-$(basename "$f")"
  done
done
rss() {
  /usr/bin/time -v "$MUNIPLAN" convert "$1" -o "$2" --quiet 2>&1 >/dev/null \
    | awk -F': ' '/Maximum resident set size/ {print $2}'
}
RSS10=$(rss "$WORK/rss10" "$WORK/out-rss10")
RSS1000=$(rss "$WORK/rss1000" "$WORK/out-rss1000")

"$PY" - <<PY
pages = $PAGES
rows = [
    ("pdf text: muniplan reader, one process", $T_MUNI_TEXT),
    ("pdf text: muniplan reader, one process per file", $T_MUNI_TEXT_PROC),
    ("pdf text: pdftotext -bbox-layout, one process per file", $T_POPPLER),
    ("pdf text: PyMuPDF get_text('words')", $T_PYMUPDF),
    ("pdf tables: muniplan convert --jobs 1", $T_MUNI_CONVERT_PDF),
    ("pdf tables: pdfplumber extract_tables", $T_PDFPLUMBER),
    ("xlsx: muniplan convert --jobs 1", $T_MUNI_XLSX),
    ("xlsx: openpyxl load_workbook + every cell", $T_OPENPYXL),
    ("batch $BATCH_N files: --jobs 1", $T_J1),
    ("batch $BATCH_N files: --jobs 2", $T_J2),
]
for name, t in rows:
    print(f"{name:58s} {t:8.3f} s")
print(f"per page: muniplan {1000*$T_MUNI_TEXT/pages:.2f} ms, pdftotext {1000*$T_POPPLER/pages:.2f} ms, PyMuPDF {1000*$T_PYMUPDF/pages:.2f} ms ({pages} pages)")
print(f"ratio muniplan / pdftotext (one process each file, both): {$T_MUNI_TEXT_PROC/$T_POPPLER:.3f}  (target <= 1.0)")
print(f"ratio muniplan / pdftotext (muniplan in one process):     {$T_MUNI_TEXT/$T_POPPLER:.3f}")
print(f"ratio muniplan / PyMuPDF:                                  {$T_MUNI_TEXT/$T_PYMUPDF:.3f}")
print(f"speed-up muniplan convert vs pdfplumber extract_tables:    {$T_PDFPLUMBER/$T_MUNI_CONVERT_PDF:.1f}x  (target >= 30x)")
print(f"speed-up muniplan convert vs openpyxl:                     {$T_OPENPYXL/$T_MUNI_XLSX:.1f}x  (target >= 10x)")
print(f"batch speed-up 2 threads vs 1:                             {$T_J1/$T_J2:.2f}x  (target >= 1.8x)")
print(f"peak RSS: 10 files {$RSS10/1024:.1f} MiB, 1000 files {$RSS1000/1024:.1f} MiB, ratio {$RSS1000/$RSS10:.2f}  (target <= 2.0)")
PY
