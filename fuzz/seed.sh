#!/usr/bin/env bash
# Fill fuzz/corpus/<target>/ with seeds from the committed fixtures (the corpus itself is not
# committed; crashes found become regression tests in tests/e2e/bad_inputs.rs or the owning
# crate's tests). Usage: fuzz/seed.sh
set -euo pipefail
cd "$(dirname "$0")/.."
C=fuzz/corpus
mkdir -p "$C"/{pdf,cmap,normalize,csv,xlsx}
find fixtures/pdf tests/bad-inputs -name '*.pdf' -exec cp -t "$C/pdf" {} +
cp fixtures/minamialps/*.csv tests/bad-inputs/*.csv "$C/csv" 2>/dev/null || true
printf '\xef\xbb\xbf番号,取組項目,目標,R5年度\r\n1,"窓口の\n効率化",10件,"1,200千円"\r\n2,,△5%%,―\r\n' > "$C/csv/utf8-bom.csv"
printf 'a\tb\tc\n1\t"x""y"\t3\n' > "$C/csv/tabs.csv"
printf '\xff\xfe"\x00a\x00"\x00,\x00b\x00\r\x00\n\x00' > "$C/csv/utf16le.csv"
cp fixtures/minamialps/*.xlsx crates/sheet/tests/data/*.{xlsx,ods,xls} "$C/xlsx"
cp tests/bad-inputs/*.xlsx "$C/xlsx" 2>/dev/null || true
# normalize: one cell per file from the case table (column 2; `\n` is a line break).
python3 - "$C/normalize" <<'PY'
import sys, hashlib
out = sys.argv[1]
for line in open("crates/normalize/tests/cases.tsv", encoding="utf-8"):
    if line.startswith("#"):
        continue
    cols = line.rstrip("\n").split("\t")
    if len(cols) < 2:
        continue
    cell = cols[1].replace("\\n", "\n")
    name = hashlib.sha1(cell.encode()).hexdigest()[:16]
    open(f"{out}/{name}", "w", encoding="utf-8").write(cell)
PY
# cmap: every ToUnicode / embedded CMap stream in the fixture PDFs (inflated).
python3 - "$C/cmap" <<'PY'
import sys, re, zlib, glob, hashlib
out = sys.argv[1]
n = 0
for path in glob.glob("fixtures/pdf/**/*.pdf", recursive=True):
    if "/encrypted/" in path:
        continue
    data = open(path, "rb").read()
    for m in re.finditer(rb"stream\r?\n", data):
        start = m.end()
        end = data.find(b"endstream", start)
        if end < 0:
            continue
        raw = data[start:end]
        for cand in (raw,):
            try:
                body = zlib.decompressobj().decompress(cand)
            except Exception:
                body = cand
            if b"begincmap" in body:
                name = hashlib.sha1(body).hexdigest()[:16]
                open(f"{out}/{name}", "wb").write(body)
                n += 1
print(f"cmap seeds: {n}")
PY
for t in pdf cmap normalize csv xlsx; do echo "$t: $(ls "$C/$t" | wc -l) seeds"; done
