//! A layout that is none of the five seed families (synthetic): one flat list table with the
//! columns 取組項目 | 指標 | 基準値（R3） | R4目標 | R4実績 | R5目標 | R5実績 | 達成状況, one row
//! per initiative, the fiscal year and the kind (目標/実績) living in the column header only.
//! The rows are built from seed 001's (能美市) strings: its titles, indicators, baselines and
//! R4/R5 targets and actuals (the stacked `累計` prefixes and `以内` kept only where the value
//! cell carries them on one line); the header labels, the title and the 達成状況 judgements are
//! the fixture's own.

use super::Doc;
use super::expect::{Expect, Reading};
use super::grid::{Sheet, Style, t, v};

/// 取組項目, 指標, 基準値（R3）, R4目標, R4実績, R5目標, R5実績, 達成状況.
const ROWS: [[&str; 8]; 11] = [
    [
        "電子申請手続きの拡大",
        "電子申請手続き可能件数",
        "26件",
        "250件",
        "171件",
        "300件",
        "284件",
        "未達成",
    ],
    [
        "マイナンバーカードの交付及び利用促進",
        "マイナンバーカードの交付枚数",
        "17,926枚",
        "40,000枚",
        "35,603枚",
        "44,000枚",
        "41,298枚",
        "未達成",
    ],
    [
        "ＡＩ・ＲＰＡ等先端技術の積極的活用",
        "ＡＩ・ＲＰＡ等先端技術を活用した業務件数",
        "3件",
        "4件",
        "5件",
        "6件",
        "6件",
        "達成",
    ],
    [
        "債権管理の一元化",
        "未収債権額",
        "434百万円",
        "407百万円",
        "398百万円",
        "380百万円",
        "426百万円",
        "未達成",
    ],
    [
        "収納率の向上",
        "過年度収納率",
        "37.7%",
        "38.1%",
        "25.3%",
        "38.6%",
        "23.4%",
        "未達成",
    ],
    [
        "ふるさと納税の推進",
        "ふるさと納税額",
        "65百万円",
        "85百万円",
        "116.6百万円",
        "130百万円",
        "140.7百万円",
        "達成",
    ],
    [
        "経常的な費用の抑制",
        "経常収支比率",
        "90.4％",
        "90.5%以内",
        "88.4%",
        "90.6%以内",
        "90.4%",
        "達成",
    ],
    [
        "起債借入額の抑制及び平準化",
        "実質公債費比率",
        "5.6％",
        "5.6%以内",
        "3.7%",
        "5.6%以内",
        "3.6%",
        "達成",
    ],
    [
        "年次有給休暇取得の促進",
        "年次有給休暇取得率（平均取得日数）",
        "7.7日",
        "8.0日",
        "10.0日",
        "10.0日",
        "11.0日",
        "達成",
    ],
    [
        "男性の育児休業取得促進",
        "男性の育児休業取得率（年間取得５日間以上）",
        "0％",
        "20.0%",
        "20.0%",
        "23.0%",
        "50.0%",
        "達成",
    ],
    [
        "行政職における女性管理職の登用を推進",
        "行政職における女性管理職の割合",
        "30.2%",
        "31.0%",
        "35.0%",
        "35.0%",
        "33.3%",
        "未達成",
    ],
];

const HEADER: [&str; 8] = [
    "取組項目",
    "指標",
    "基準値（R3）",
    "R4目標",
    "R4実績",
    "R5目標",
    "R5実績",
    "達成状況",
];

const TITLE: &str = "行政改革取組項目一覧（令和5年度実績）";

/// What the value columns of [`HEADER`] (from 基準値（R3） on) make of their cells: the kind
/// and the fiscal year their header gives (R3 → 2021, R4 → 2022, R5 → 2023).
///
/// 達成状況 has no year in its header (an ambiguous call): the title dates the whole list
/// (令和5年度実績, the report year) and every judgement in the column is the R5 one (row 4
/// 未収債権額 met R4 with 398 of 407 but missed R5 with 426 of 380: 未達成; row 11 met R4 with
/// 35.0% of 31.0%, missed R5 with 33.3% of 35.0%: 未達成), so a researcher reads the column as
/// the FY2023 grade; null would leave a tidy record that cannot tell R4's from R5's result.
/// Like every value of the row it judges the row's indicator (as 厚木市's ○/× per 成果指標 row).
const COLUMNS: [(&str, Option<i32>); 6] = [
    ("baseline", Some(2021)),
    ("target", Some(2022)),
    ("actual", Some(2022)),
    ("target", Some(2023)),
    ("actual", Some(2023)),
    ("grade", Some(2023)),
];

/// How each printed value reads, by hand (the units are in the cells; 百万円 ×1,000,000 → 円;
/// `以内` at_most; the stacked `累計` of seed 001 is not printed here, so nothing is cumulative).
fn reading(raw: &str) -> Reading {
    let n = Reading::number;
    let money = |value| Reading::number(value, "円").display("百万円");
    match raw {
        // 1 電子申請手続き可能件数
        "26件" => n("26", "件"),
        "250件" => n("250", "件"),
        "171件" => n("171", "件"),
        "300件" => n("300", "件"),
        "284件" => n("284", "件"),
        // 2 マイナンバーカードの交付枚数
        "17,926枚" => n("17926", "枚"),
        "40,000枚" => n("40000", "枚"),
        "35,603枚" => n("35603", "枚"),
        "44,000枚" => n("44000", "枚"),
        "41,298枚" => n("41298", "枚"),
        // 3 AI・RPA等先端技術を活用した業務件数
        "3件" => n("3", "件"),
        "4件" => n("4", "件"),
        "5件" => n("5", "件"),
        "6件" => n("6", "件"),
        // 4 未収債権額 (no 削減 printed: no direction)
        "434百万円" => money("434000000"),
        "407百万円" => money("407000000"),
        "398百万円" => money("398000000"),
        "380百万円" => money("380000000"),
        "426百万円" => money("426000000"),
        // 5 過年度収納率
        "37.7%" => n("37.7", "%"),
        "38.1%" => n("38.1", "%"),
        "25.3%" => n("25.3", "%"),
        "38.6%" => n("38.6", "%"),
        "23.4%" => n("23.4", "%"),
        // 6 ふるさと納税額
        "65百万円" => money("65000000"),
        "85百万円" => money("85000000"),
        "116.6百万円" => money("116600000"),
        "130百万円" => money("130000000"),
        "140.7百万円" => money("140700000"),
        // 7 経常収支比率 (full-width ％ is the same unit)
        "90.4％" | "90.4%" => n("90.4", "%"),
        "90.5%以内" => n("90.5", "%").bound("at_most"),
        "88.4%" => n("88.4", "%"),
        "90.6%以内" => n("90.6", "%").bound("at_most"),
        // 8 実質公債費比率
        "5.6％" => n("5.6", "%"),
        "5.6%以内" => n("5.6", "%").bound("at_most"),
        "3.7%" => n("3.7", "%"),
        "3.6%" => n("3.6", "%"),
        // 9 年次有給休暇取得率（平均取得日数）: days, trailing zeros dropped
        "7.7日" => n("7.7", "日"),
        "8.0日" => n("8", "日"),
        "10.0日" => n("10", "日"),
        "11.0日" => n("11", "日"),
        // 10 男性の育児休業取得率: 0％ is a value, not a placeholder
        "0％" => n("0", "%"),
        "20.0%" => n("20", "%"),
        "23.0%" => n("23", "%"),
        "50.0%" => n("50", "%"),
        // 11 行政職における女性管理職の割合
        "30.2%" => n("30.2", "%"),
        "31.0%" => n("31", "%"),
        "35.0%" => n("35", "%"),
        "33.3%" => n("33.3", "%"),
        // 達成状況
        "達成" => Reading::text("達成"),
        "未達成" => Reading::text("未達成"),
        // Not read by hand: a value that is not a decimal, so the comparison fails loudly.
        _ => Reading {
            value: Some("unread"),
            ..Reading::default()
        },
    }
}

/// Full-width ASCII (U+FF01–FF5E) to half-width, the text policy for the indicator names
/// here (their only non-ASCII-width characters are `ＡＩ・ＲＰＡ`, `（）` and `５`).
fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// Every value the list prints: rows in order, value columns left to right. The list prints
/// no id column: initiatives are numbered in document order (`1` … `11`).
fn expected() -> Vec<Expect> {
    let mut out = Vec::new();
    for (i, row) in ROWS.iter().enumerate() {
        let indicator = fold_width(row[1]);
        for ((kind, fiscal_year), raw) in COLUMNS.iter().zip(row.iter().skip(2)) {
            out.push(Expect {
                id: (i + 1).to_string(),
                indicator: Some(indicator.clone()),
                kind,
                fiscal_year: *fiscal_year,
                raw: (*raw).to_owned(),
                reading: reading(raw),
            });
        }
    }
    out
}

/// The synthetic list fixture document.
pub fn doc() -> Doc {
    let widths = [26.0, 26.0, 11.0, 11.0, 11.0, 11.0, 11.0, 9.0];
    let mut sh = Sheet::new("一覧", &widths, true, 10.0);
    sh.span(0, 0, 1, 8, t(TITLE), Style::Title);
    for (i, h) in HEADER.iter().enumerate() {
        sh.put(1, i as u16, t(h), Style::Label);
    }
    sh.repeat_rows = Some((1, 1));
    for (r, row) in ROWS.iter().enumerate() {
        let r = 2 + r as u32;
        for (c, cell) in row.iter().enumerate() {
            let style = if c < 2 { Style::Text } else { Style::Center };
            sh.put(r, c as u16, v(cell), style);
        }
    }
    let mut own = HEADER.to_vec();
    own.push(TITLE);
    Doc {
        dir: "other",
        stem: "other_torikumi_ichiran",
        title: TITLE,
        author: "muniplan fixtures (synthetic)",
        sheets: vec![sh],
        seed: "001_cde6d70d41f1791f.txt",
        own,
        chromium: None,
        expected: expected(),
        chromium_expected: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn every_printed_value_is_read_by_hand() {
        let list = expected();
        assert_eq!(list.len(), ROWS.len() * COLUMNS.len());
        for e in &list {
            assert_ne!(e.reading.value, Some("unread"), "{}", e.raw);
        }
    }

    #[test]
    fn indicator_names_fold_full_width_ascii_only() {
        assert_eq!(
            fold_width("男性の育児休業取得率（年間取得５日間以上）"),
            "男性の育児休業取得率(年間取得5日間以上)"
        );
        assert_eq!(
            fold_width("ＡＩ・ＲＰＡ等先端技術を活用した業務件数"),
            "AI・RPA等先端技術を活用した業務件数"
        );
    }
}
