//! `scan_fiscal_years` on header strings copied from the seeds (file named in each case).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use muniplan_normalize::{normalize_text, scan_fiscal_years};

#[track_caller]
fn check(raw: &str, want: &[i32]) {
    let found = scan_fiscal_years(raw);
    let years: Vec<i32> = found.iter().map(|m| m.year).collect();
    assert_eq!(years, want, "{raw:?}");
    let text = normalize_text(raw);
    for m in &found {
        let span = text
            .get(m.start..m.end)
            .expect("byte range on char boundaries");
        assert!(!span.is_empty(), "{raw:?}: empty span");
    }
}

#[test]
fn seed_000() {
    check("令和５（2023）年度", &[2023]);
    check(
        "個別取組項目の計画期間は、令和５(2023)年度から令和９(2027)年度",
        &[2023, 2027],
    );
    check(
        "第３次定員適正化計画（令和５年度～令和９年度）における定員の目標数値",
        &[2023, 2027],
    );
    check("過年度収納率", &[]);
    check("現年度収納率", &[]);
    check("令和６年３月１１日", &[]);
}

#[test]
fn seed_001() {
    check("R4 R5 R6 R7 R8", &[2022, 2023, 2024, 2025, 2026]);
    check("【令和6年度の取組状況】", &[2024]);
    check(
        "この能美市行政経営プログラム2022 ▶ 2026実施計画書（以下「実施計画」という。）",
        &[],
    );
    check(
        "また、取組項目・取組内容・目標値等についても、毎年度点検を行う中で、見直し",
        &[],
    );
    check("（R3）", &[2021]);
}

#[test]
fn seed_002() {
    check(
        "年度\t令和8年度\t令和9年度\t令和10年度\t令和11年度\t令和12年度",
        &[2026, 2027, 2028, 2029, 2030],
    );
    check("令和8年度から令和12年度までの5年間とする。", &[2026, 2030]);
    check("未利用財産数：18件（R7年現在）", &[]);
    check(
        "6年度から試験日程の前倒し、R7年度から従来の筆記試験",
        &[2025],
    );
}

#[test]
fn seed_003() {
    check(
        "年度 令和2年度 令和3年度 令和4年度 令和5年度 令和6年度",
        &[2020, 2021, 2022, 2023, 2024],
    );
    check("令和2年12月までに令和3年度組織の方向性を確定", &[2021]);
    check("N年度決算分をN+2年6月に公表", &[]);
    check("令和元年度決算分を令和3年3月に公表", &[2019]);
    check(
        "計画期間：平成27年度～令和元年度）とその実施計画につ",
        &[2015, 2019],
    );
    check("HPアクセス数 456,456件 (R2.1.15現在)", &[]);
}

#[test]
fn seed_004() {
    check(
        "令和3年度から6年度までを計画期間とする第7次厚木市行政改革大綱第1期実施計画では",
        &[2021, 2024],
    );
    check("令和 6 年度～令和 8 年度", &[2024, 2026]);
    check(
        "\tR3\tR4\tR5\tR6\tR7\tR8\tR9\t~\tR14",
        &[2021, 2022, 2023, 2024, 2025, 2026, 2027, 2032],
    );
    check("令和 6 年 3 月 行政経営課", &[]);
    check("令和5年度第2回厚木市行政改革調査委員会 次第", &[2023]);
}

#[test]
fn synthetic() {
    check("R4目標", &[2022]);
    check("令和3年度目標値", &[2021]);
    check("Ｒ５実績", &[2023]);
    check("平成32年度", &[2020]);
    assert_eq!(
        scan_fiscal_years("平成32年度")[0].diagnostics[0].code,
        "era-year-after-end"
    );
    let m = scan_fiscal_years("令和５（2024）年度");
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].diagnostics[0].code, "era-western-mismatch");
    assert!(m[0].diagnostics[0].message.contains("2024"));
    check("OCR5 FY", &[]);
    check("令和8年度(2026)", &[2026]);
}
