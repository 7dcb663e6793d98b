//! `muniplan normalize` on every example string of issue 13 (dates and deadlines, as-of stamps,
//! labelled values, relative changes, composite cells, placeholders). Each expectation names
//! the fields that carry the reading; `N%増加` is written with a number, and the qualifiers
//! `延べ`, `年間`, `/年` with a value, since the issue names them inside values.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Stdio};

use serde_json::{Value, json};

fn normalize(inputs: &[&str]) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_muniplan"))
        .arg("normalize")
        .args(inputs)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// `actual` has every key of `expected` with the same value (recursively for `items`).
fn check(input: &str, actual: &Value, expected: &Value, failures: &mut Vec<String>) {
    let (Some(a), Some(e)) = (actual.as_object(), expected.as_object()) else {
        failures.push(format!("{input}: not objects"));
        return;
    };
    for (k, ev) in e {
        match (k.as_str(), a.get(k)) {
            ("items", Some(av)) => {
                let (Some(aa), Some(ea)) = (av.as_array(), ev.as_array()) else {
                    failures.push(format!("{input}: items not arrays"));
                    continue;
                };
                if aa.len() != ea.len() {
                    failures.push(format!("{input}: {} items, want {}", aa.len(), ea.len()));
                    continue;
                }
                for (ai, ei) in aa.iter().zip(ea) {
                    check(input, ai, ei, failures);
                }
            }
            (_, Some(av)) if av == ev => {}
            (_, av) => failures.push(format!("{input}: {k} = {av:?}, want {ev}")),
        }
    }
}

#[test]
fn every_example_of_issue_13_reads_as_stated() {
    let cases: Vec<(&str, Value)> = vec![
        // 1. Calendar dates and deadlines.
        ("9月", json!({"kind": "months", "months": [9]})),
        ("4月～6月", json!({"kind": "months", "months": [4, 5, 6]})),
        (
            "（5月、8月、11月）",
            json!({"kind": "months", "months": [5, 8, 11]}),
        ),
        (
            "令和3年10月（第2版）",
            json!({"kind": "calendar_date", "date": "2021-10", "fiscal_year": 2021, "annotation": "第2版"}),
        ),
        (
            "令和8年3月までに",
            json!({"kind": "calendar_date", "date": "2026-03", "fiscal_year": 2025, "by": true}),
        ),
        (
            "令和9年度までに",
            json!({"kind": "fiscal_year", "fiscal_year": 2027, "by": true}),
        ),
        (
            "（令和5年4月1日現在）",
            json!({"kind": "calendar_date", "date": "2023-04-01", "fiscal_year": 2023, "as_of": "2023-04-01"}),
        ),
        (
            "(R6.3月現在)",
            json!({"kind": "calendar_date", "date": "2024-03", "fiscal_year": 2023, "as_of": "2024-03"}),
        ),
        (
            "（R6年現在）",
            json!({"kind": "calendar_date", "date": "2024", "as_of": "2024"}),
        ),
        (
            "R5.4.1時点",
            json!({"kind": "calendar_date", "date": "2023-04-01", "fiscal_year": 2023, "as_of": "2023-04-01"}),
        ),
        // 3. Labelled values.
        (
            "回答発送まで 5日",
            json!({"kind": "quantity", "value": 5, "unit": "日", "label": "回答発送まで"}),
        ),
        (
            "受付から 3日",
            json!({"kind": "quantity", "value": 3, "unit": "日", "label": "受付から"}),
        ),
        (
            "令和5年度実績 31.2%",
            json!({"kind": "quantity", "value": 31.2, "unit": "%", "fiscal_year": 2023, "label": "実績"}),
        ),
        (
            "87.3%（R3）",
            json!({"kind": "quantity", "value": 87.3, "unit": "%", "fiscal_year": 2021}),
        ),
        (
            "…回数 120回（R5年度）",
            json!({"kind": "quantity", "value": 120, "unit": "回", "fiscal_year": 2023}),
        ),
        (
            "平均 12.5日",
            json!({"kind": "quantity", "value": 12.5, "unit": "日", "average": true}),
        ),
        (
            "年度平均で9.8日",
            json!({"kind": "quantity", "value": 9.8, "unit": "日", "average": true}),
        ),
        (
            "延べ1,200人",
            json!({"kind": "quantity", "value": 1200, "unit": "人", "gross": true}),
        ),
        (
            "年間120回",
            json!({"kind": "quantity", "value": 120, "unit": "回", "per_year": true}),
        ),
        (
            "550時間/年",
            json!({"kind": "quantity", "value": 550, "unit": "時間", "per_year": true}),
        ),
        (
            "215施設（休止中含む）",
            json!({"kind": "quantity", "value": 215, "unit": "施設", "annotation": "休止中含む"}),
        ),
        // 4. Relative changes.
        (
            "3%増加",
            json!({"kind": "quantity", "direction": "increase", "change_percent": 3, "relative_to": "previous_year"}),
        ),
        (
            "5%削減",
            json!({"kind": "quantity", "direction": "decrease", "change_percent": -5, "relative_to": "previous_year"}),
        ),
        (
            "前年度の1,024件",
            json!({"kind": "quantity", "value": 1024, "unit": "件", "relative_to": "previous_year"}),
        ),
        (
            "令和2年度に比べ…8.1ポイント増加",
            json!({"kind": "quantity", "value": 8.1, "unit": "ポイント", "direction": "increase", "relative_to": "fiscal_year", "relative_to_year": 2020}),
        ),
        // 5. Composite cells.
        (
            "80% 76.5% (95.6%)",
            json!({"kind": "multi", "items": [
            {"role": "target", "value": 80, "unit": "%"},
            {"role": "actual", "value": 76.5, "unit": "%"},
            {"role": "rate", "value": 95.6, "unit": "%"}]}),
        ),
        (
            "120,000千円 98,400千円 (82.0%)",
            json!({"kind": "multi", "items": [
            {"role": "target", "value": 120000000, "unit": "円", "display_unit": "千円"},
            {"role": "actual", "value": 98400000, "unit": "円", "display_unit": "千円"},
            {"role": "rate", "value": 82, "unit": "%"}]}),
        ),
        (
            "91.7%（22/24）",
            json!({"kind": "quantity", "value": 91.7, "unit": "%", "fraction": [22, 24]}),
        ),
        (
            "1,120件（目標の7割）",
            json!({"kind": "quantity", "value": 1120, "unit": "件", "share_of_target_percent": 70}),
        ),
        (
            "（令和2年度48.1%→令和5年度57.9%）",
            json!({"kind": "multi", "items": [
            {"role": "from", "value": 48.1, "unit": "%", "fiscal_year": 2020},
            {"role": "to", "value": 57.9, "unit": "%", "fiscal_year": 2023}]}),
        ),
        (
            "実施 (14)",
            json!({"kind": "multi", "items": [
            {"kind": "text", "text": "実施"},
            {"role": "cumulative", "value": 14, "cumulative": true}]}),
        ),
        (
            "－ R5実施",
            json!({"kind": "multi", "items": [
            {"kind": "missing"},
            {"kind": "text", "text": "実施", "fiscal_year": 2023}]}),
        ),
        (
            "令和2年12月までに令和3年度組織の方向性を確定",
            json!({"kind": "text", "date": "2020-12", "fiscal_year": 2020, "by": true}),
        ),
        (
            "45団体（うち新規3）",
            json!({"kind": "multi", "items": [
            {"role": "total", "value": 45, "unit": "団体"},
            {"role": "of_which", "label": "新規", "value": 3, "unit": "団体"}]}),
        ),
        // 6. Pending and placeholders.
        ("未", json!({"kind": "missing", "pending": true})),
        ("未定", json!({"kind": "missing", "pending": true})),
        ("集計中", json!({"kind": "missing", "pending": true})),
        ("調査中", json!({"kind": "missing", "pending": true})),
        ("—", json!({"kind": "missing"})),
        (
            "新年度集計のため未定",
            json!({"kind": "missing", "pending": true, "reason": "新年度集計のため未定"}),
        ),
    ];
    let inputs: Vec<&str> = cases.iter().map(|(i, _)| *i).collect();
    let out = normalize(&inputs);
    assert_eq!(out.len(), cases.len());
    let mut failures = Vec::new();
    for ((input, expected), actual) in cases.iter().zip(&out) {
        check(input, actual, expected, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
