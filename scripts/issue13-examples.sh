#!/usr/bin/env bash
# Every example string of issue #13 through `muniplan normalize`, one compact line each:
# the input, then the reading's fields (kind, value, unit, fiscal_year, date, by, as_of, roles…).
# `N%増加/減少/削減`, `延べ`, `年間`, `/年` and the `…まで/より/から` labels are the issue's
# placeholders: they are run with a number or a label put in. The expectations are held by
# crates/cli/tests/normalize_issue13.rs; this script shows the output for a note.
# Usage: scripts/issue13-examples.sh [path/to/muniplan]   (default target/release/muniplan)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-target/release/muniplan}"
examples=(
  # 1. calendar dates and deadlines
  '9月' '4月～6月' '（5月、8月、11月）' '令和3年10月（第2版）' '令和8年3月までに' '令和9年度までに'
  '（令和5年4月1日現在）' '(R6.3月現在)' '（R6年現在）' 'R5.4.1時点'
  # 3. labelled values
  '回答発送まで 5日' '前年度より 5件' '受付から 3日' '目標: 80%' '令和5年度実績 31.2%' '87.3%（R3）'
  '…回数 120回（R5年度）' '平均 12.5日' '年度平均で9.8日' '延べ1,200人' '年間120回' '550時間/年'
  '215施設（休止中含む）'
  # 4. relative changes
  '3%増加' '10%減少' '5%削減' '前年度の1,024件' '令和2年度に比べ…8.1ポイント増加' '8.1ポイント'
  # 5. composite cells
  '80% 76.5% (95.6%)' '120,000千円 98,400千円 (82.0%)' '91.7%（22/24）' '1,120件（目標の7割）'
  '（令和2年度48.1%→令和5年度57.9%）' '実施 (14)' '－ R5実施'
  # 6. pending and placeholders
  '未' '未定' '集計中' '調査中' '—'
  # named in the session brief: a deadline before words (dev corpus D2), a value with an 'of which' part
  '令和2年12月までに令和3年度組織の方向性を確定' '45団体（うち新規3）'
)
"$BIN" normalize "${examples[@]}" | python3 -c '
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    inp = d.pop("input"); d.pop("text", None)
    diags = [x["code"] for x in d.pop("diagnostics", [])]
    if diags:
        d["notes"] = diags
    print(f"{inp}\t{json.dumps(d, ensure_ascii=False)}")
'
