#!/usr/bin/env python3
"""Check OUT/observations.parquet with DuckDB: value is DECIMAL, municipality_code VARCHAR,
and the sum of values equals the exact decimal sum of OUT/observations.jsonl.
Usage: scripts/check-parquet-duckdb.py OUT   (skips, exit 0, when duckdb is not installed)"""
import json, sys
from decimal import Decimal
try:
    import duckdb
except ImportError:
    print("skipped: the duckdb Python package is not installed (pip install duckdb)")
    sys.exit(0)
out = sys.argv[1]
con = duckdb.connect()
rows = con.execute(f"DESCRIBE SELECT * FROM read_parquet('{out}/observations.parquet')").fetchall()
types = {r[0]: r[1] for r in rows}
(pq_sum, pq_n) = con.execute(f"SELECT sum(value), count(*) FROM read_parquet('{out}/observations.parquet')").fetchone()
js_sum, js_n = Decimal(0), 0
with open(f"{out}/observations.jsonl", encoding="utf-8") as f:
    for line in f:
        js_n += 1
        v = json.loads(line, parse_float=Decimal, parse_int=Decimal)["value"]
        if v is not None:
            js_sum += v
print(f"value: {types['value']}, municipality_code: {types['municipality_code']}, fiscal_year: {types['fiscal_year']}")
print(f"rows parquet {pq_n} jsonl {js_n}; sum parquet {pq_sum} jsonl {js_sum}")
ok = types["value"].startswith("DECIMAL") and types["municipality_code"] == "VARCHAR" and pq_n == js_n and Decimal(pq_sum) == js_sum
print("OK" if ok else "MISMATCH")
sys.exit(0 if ok else 1)
