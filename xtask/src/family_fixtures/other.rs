//! A layout that is none of the five seed families (synthetic): one flat list table with the
//! columns 取組項目 | 指標 | 基準値（R3） | R4目標 | R4実績 | R5目標 | R5実績 | 達成状況, one row
//! per initiative, the fiscal year and the kind (目標/実績) living in the column header only.
//! The rows are built from seed 001's (能美市) strings: its titles, indicators, baselines and
//! R4/R5 targets and actuals (the stacked `累計` prefixes and `以内` kept only where the value
//! cell carries them on one line); the header labels, the title and the 達成状況 judgements are
//! the fixture's own.

use super::Doc;
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
        expected: Vec::new(),
        chromium_expected: Vec::new(),
    }
}
