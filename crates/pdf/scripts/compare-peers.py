#!/usr/bin/env python3
"""Compare muniplan's PDF text with poppler (pdftotext) and MuPDF (mutool draw -F txt).

Usage: compare-peers.py READER_BINARY FILE.pdf...   (READER_BINARY = target/.../examples/pdf_lines)

For each file prints, against each peer, the character agreement of Japanese text
(hiragana, katakana, CJK ideographs, CJK punctuation and full-width forms), whitespace ignored:
  bag  = multiset intersection / max(len(ours), len(peer))   (order-independent)
  seq  = difflib ratio on the character sequences             (order-sensitive)
and the better peer's figures. Cross-check tool only; never used at run time.
"""
import collections, difflib, subprocess, sys

def jp(c):
    o = ord(c)
    return (0x3000 <= o <= 0x30FF or 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF
            or 0xFE30 <= o <= 0xFE4F or 0xFF00 <= o <= 0xFFEF or 0x20000 <= o <= 0x3FFFF)

def run(cmd):
    r = subprocess.run(cmd, capture_output=True)
    return r.stdout.decode("utf-8", "replace")

def chars(t):
    return [c for c in t if jp(c)]

def scores(a, b):
    ca, cb = collections.Counter(a), collections.Counter(b)
    inter = sum((ca & cb).values())
    bag = inter / max(len(a), len(b), 1)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return bag, sm.ratio()

reader = sys.argv[1]
for f in sys.argv[2:]:
    ours = chars(run([reader, f]))
    peers = {
        "poppler": chars(run(["pdftotext", f, "-"])),
        "mupdf": chars(run(["mutool", "draw", "-q", "-F", "txt", "-o", "-", f])),
    }
    best = None
    for name, p in peers.items():
        bag, seq = scores(ours, p)
        print(f"{f}: vs {name}: {len(ours)} / {len(p)} Japanese chars, bag {bag:.4f}, seq {seq:.4f}")
        if best is None or bag > best[1]:
            best = (name, bag, seq)
    print(f"{f}: best peer {best[0]}: bag agreement {best[1]*100:.2f}%, sequence {best[2]*100:.2f}%")
