#!/usr/bin/env python3
"""Check the typed Parquet files with DuckDB against their JSON Lines twins.

For each folder given: OUT/observations.parquet (a `convert` output) and/or
DATASET/dataset.parquet (a `dataset` output), whichever are there. Each must have
`value` DECIMAL, `municipality_code` VARCHAR, `fiscal_year` SMALLINT, as many rows as the
.jsonl beside it, and a sum of values equal to the exact decimal sum of the .jsonl.
Usage: scripts/check-parquet-duckdb.py FOLDER...   (skips, exit 0, when duckdb is not installed)"""
import json, os, sys
from decimal import Decimal
try:
    import duckdb
except ImportError:
    print("skipped: the duckdb Python package is not installed (pip install duckdb)")
    sys.exit(0)
if len(sys.argv) < 2:
    print(__doc__)
    sys.exit(2)


def check(con, parquet, jsonl):
    rows = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [parquet]).fetchall()
    types = {r[0]: r[1] for r in rows}
    (pq_sum, pq_n) = con.execute("SELECT sum(value), count(*) FROM read_parquet(?)", [parquet]).fetchone()
    js_sum, js_n = Decimal(0), 0
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            js_n += 1
            v = json.loads(line, parse_float=Decimal, parse_int=Decimal)["value"]
            if v is not None:
                js_sum += v
    print(f"{parquet}: value {types['value']}, municipality_code {types['municipality_code']}, fiscal_year {types['fiscal_year']}")
    print(f"  rows parquet {pq_n} jsonl {js_n}; sum parquet {pq_sum} jsonl {js_sum}")
    return (types["value"].startswith("DECIMAL") and types["municipality_code"] == "VARCHAR"
            and types["fiscal_year"] == "SMALLINT" and pq_n == js_n
            and Decimal(pq_sum if pq_sum is not None else 0) == js_sum)


con = duckdb.connect()
ok, seen = True, 0
for folder in sys.argv[1:]:
    for stem in ("observations", "dataset"):
        parquet = os.path.join(folder, f"{stem}.parquet")
        if os.path.exists(parquet):
            seen += 1
            ok = check(con, parquet, os.path.join(folder, f"{stem}.jsonl")) and ok
if seen == 0:
    print("no observations.parquet or dataset.parquet in " + " ".join(sys.argv[1:]))
    ok = False
print("OK" if ok else "MISMATCH")
sys.exit(0 if ok else 1)
