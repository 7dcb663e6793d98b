#!/usr/bin/env python3
"""Make another edition of a report from an input in the repository: the same file with texts
replaced (a later report year, a revised target), for examples and tests of `muniplan dataset`.

Usage: scripts/make-report-variant.py IN OUT [--prepend LINE] OLD=>NEW ...
  IN      an .xlsx/.xlsm/.ods workbook (every XML part is rewritten) or a .csv/.tsv (UTF-8,
          with or without BOM, or CP932; written as UTF-8)
  LINE    (CSV only) a line put before the first, e.g. a title with the report year
  OLD=>NEW  a text replaced everywhere; each OLD must occur (else exit 1, nothing written)"""
import sys
import zipfile
from xml.sax.saxutils import escape


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    src, dst, rest = argv[1], argv[2], argv[3:]
    prepend = None
    if rest[:1] == ["--prepend"]:
        if len(rest) < 2:
            print(__doc__, file=sys.stderr)
            return 2
        prepend, rest = rest[1], rest[2:]
    pairs = []
    for r in rest:
        if "=>" not in r:
            print(f"make-report-variant: {r!r} is not OLD=>NEW", file=sys.stderr)
            return 2
        pairs.append(tuple(r.split("=>", 1)))
    found = {old: 0 for old, _ in pairs}
    lower = src.lower()
    if lower.endswith((".xlsx", ".xlsm", ".ods")):
        if prepend is not None:
            print("make-report-variant: --prepend is for CSV files", file=sys.stderr)
            return 2
        parts = []
        with zipfile.ZipFile(src) as z:
            for info in z.infolist():
                data = z.read(info)
                if info.filename.endswith(".xml"):
                    text = data.decode("utf-8")
                    for old, new in pairs:
                        found[old] += text.count(escape(old))
                        text = text.replace(escape(old), escape(new))
                    data = text.encode("utf-8")
                parts.append((info, data))
        out = None
    elif lower.endswith((".csv", ".tsv")):
        raw = open(src, "rb").read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp932")
        for old, new in pairs:
            found[old] += text.count(old)
            text = text.replace(old, new)
        if prepend is not None:
            text = prepend + "\n" + text
        out = text.encode("utf-8")
    else:
        print(f"make-report-variant: {src}: not a workbook or CSV", file=sys.stderr)
        return 2
    missing = [old for old, n in found.items() if n == 0]
    if missing:
        print(f"make-report-variant: not in {src}: {missing}", file=sys.stderr)
        return 1
    if out is None:
        with zipfile.ZipFile(dst, "w") as z:
            for info, data in parts:
                z.writestr(info, data)
    else:
        open(dst, "wb").write(out)
    print(f"{dst}: " + ", ".join(f"{old} => {new} ({found[old]}×)" for old, new in pairs)
          + (f"; first line {prepend}" if prepend else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
