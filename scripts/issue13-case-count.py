#!/usr/bin/env python3
"""Rows of crates/normalize/tests/cases.tsv added since a base commit, by issue-13 category.

usage: scripts/issue13-case-count.py [BASE]   (default f583d5a^: the commit before the one that
added the first issue-13 case rows, found with `git log -p --follow` on the table)

A row is new when its (source, input) pair is not in the base table. Its category comes from
the reading the table states for it (first match wins):
  6 pending/placeholders   the reading is `missing`
  5 composite              `multi[…]`, or a rate's fraction / a share of target
  4 relative changes       a change (`chg%=`), a named or previous-year base (`rel=`), `ポイント`
  2 as-of stamps           a stamp date (`as_of=`)
  1 dates and deadlines    a date, months, a fiscal year or range, a deadline (`by`)
  3 labelled values        a label, an average, 延べ, a per-year rate, an annotation, a year with
                           the value
  - other                  anything else (text kept as text: the negative cases)
Sources: `synthetic` rows are made up (marked so); every other source names a seed file, the
issue text (`issue-13`) or a dev-corpus input.
"""
import collections
import subprocess
import sys

PATH = "crates/normalize/tests/cases.tsv"


def rows(text):
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) == 3:
            yield cols


def category(summary):
    s = summary
    if s.startswith("missing"):
        return "6 pending/placeholders"
    if s.startswith("multi[") or "fraction=" in s or "of_target=" in s:
        return "5 composite"
    if "chg%=" in s or "rel=" in s or "ポイント" in s:
        return "4 relative changes"
    if "as_of=" in s:
        return "2 as-of stamps"
    if s.startswith(("date ", "months ", "fy ", "range ")) or " by" in s or "date=" in s:
        return "1 dates and deadlines"
    if any(t in s for t in ("label=", " avg", " gross", " per_year", "note=", " fy=")):
        return "3 labelled values"
    return "- other (kept as text)"


def main():
    base = sys.argv[1] if len(sys.argv) > 1 else "f583d5a^"
    old = subprocess.run(["git", "show", f"{base}:{PATH}"], capture_output=True, text=True,
                         check=True).stdout
    new = open(PATH, encoding="utf-8").read()
    seen = collections.Counter((r[0], r[1]) for r in rows(old))
    by_cat = collections.Counter()
    by_src = collections.Counter()
    for src, inp, summary in rows(new):
        if seen[(src, inp)] > 0:
            seen[(src, inp)] -= 1
            continue
        by_cat[category(summary)] += 1
        kind = "synthetic" if src == "synthetic" else (
            "issue text" if src == "issue-13" else (
                "dev corpus" if src.startswith("dev-corpus/") else "seed"))
        by_src[kind] += 1
    total = sum(by_cat.values())
    print(f"new rows since {base}: {total}")
    for k in sorted(by_cat):
        print(f"  {k}: {by_cat[k]}")
    in_six = sum(v for k, v in by_cat.items() if not k.startswith("-"))
    print(f"  in the six categories: {in_six}")
    print("by source: " + ", ".join(f"{k} {v}" for k, v in sorted(by_src.items())))


if __name__ == "__main__":
    main()
