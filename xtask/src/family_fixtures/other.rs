//! A layout that is none of the five seed families (synthetic), drawn from its content
//! (`xtask/families/other.json`): one flat list table with the columns 取組項目 | 指標 |
//! 基準値（R3） | R4目標 | R4実績 | R5目標 | R5実績 | 達成状況, one row per initiative, the fiscal
//! year and the kind (目標/実績) living in the column header only. The rows are built from seed
//! 001's (能美市) strings: its titles, indicators, baselines and R4/R5 targets and actuals (the
//! stacked `累計` prefixes and `以内` kept only where the value cell carries them on one line);
//! the header labels, the title and the 達成状況 judgements are the fixture's own. The list
//! prints no id column: initiatives are numbered in document order (`1` … `11`).

use super::Doc;
use super::content::Family;
use super::expect;
use super::grid::{Sheet, Style, t, v};

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

/// The value columns of [`HEADER`] (from 基準値（R3） on): the kind and the fiscal year whose
/// value each one prints.
const COLUMNS: [(&str, i32); 6] = [
    ("baseline", 2021),
    ("target", 2022),
    ("actual", 2022),
    ("target", 2023),
    ("actual", 2023),
    ("grade", 2023),
];

/// The synthetic list fixture document.
pub fn doc(f: &Family) -> anyhow::Result<Doc> {
    let widths = [26.0, 26.0, 11.0, 11.0, 11.0, 11.0, 11.0, 9.0];
    let mut sh = Sheet::new("一覧", &widths, true, 10.0);
    sh.span(0, 0, 1, 8, t(&f.title), Style::Title);
    for (i, h) in HEADER.iter().enumerate() {
        sh.put(1, i as u16, t(h), Style::Label);
    }
    sh.repeat_rows = Some((1, 1));
    for (r, it) in f.initiatives.iter().enumerate() {
        let r = 2 + r as u32;
        let indicator = it
            .series
            .first()
            .and_then(|s| s.printed_name())
            .unwrap_or("");
        sh.put(r, 0, v(it.text("取組項目")?), Style::Text);
        sh.put(r, 1, v(indicator), Style::Text);
        for (c, (kind, year)) in COLUMNS.iter().enumerate() {
            let k = f.years.iter().position(|y| y.fiscal_year == *year);
            let raw = it
                .series
                .iter()
                .find(|s| s.kind == *kind)
                .zip(k)
                .map_or("", |(s, k)| s.at(k));
            sh.put(r, 2 + c as u16, v(raw), Style::Center);
        }
    }
    let mut own = HEADER.to_vec();
    own.push("行政改革取組項目一覧（令和5年度実績）");
    Ok(Doc {
        dir: "other",
        stem: "other_torikumi_ichiran",
        title: "行政改革取組項目一覧（令和5年度実績）",
        author: "muniplan fixtures (synthetic)",
        sheets: vec![sh],
        seed: "001_cde6d70d41f1791f.txt",
        own,
        chromium: None,
        expected: expect::stated(f)?,
        chromium_expected: Vec::new(),
    })
}
