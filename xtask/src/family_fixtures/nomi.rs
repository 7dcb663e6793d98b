//! 能美市 (seed 001): 能美市行政経営プログラム2022▶2026 実施計画書, 令和6年度の取組状況, drawn
//! from the family's content (`xtask/families/nomi.json`).
//!
//! One sheet, all 16 items stacked in one ruled grid, two items per printed page (manual
//! breaks), so the grid runs over eight pages. Each item: a band row with the heading
//! `No.N【category】title（課）` merged across the grid (for No.5 and No.12 the department is on
//! a second line, as the seed has it apart from the title); the header row 年度 | R4…R8 |
//! 取組内容 | 指標等 | 基準値等 | 目標値等; 目標 over two rows (the plan row 実施/検討/継続 and the
//! target row); 実績; then 【令和6年度の取組状況】 and 【令和7年度の取組内容】 merged across.
//! Lines the extraction wrapped are joined; explicit stacked values (`累計` over `250件`,
//! `90.5%` over `以内`, `（R3）` over `26件`) keep their line break and stay strings; plain
//! values are numbers with a format (`38.1%` = 0.381 `0.0%`, `407百万円` = 407
//! `0"百万円"`, `8.0日` = 8 `0.0"日"`).

use anyhow::Context;

use super::Doc;
use super::content::{Family, Initiative, Series};
use super::expect;
use super::grid::{Sheet, Style, t, v};

/// Items in the first document (of 16): ten keep its PDF within the size budget (every
/// distinct kanji adds to the embedded font subset); the other six are a second document.
const ITEMS: usize = 10;

/// Items in the Chromium print (its font subset is about three times LibreOffice's).
const CHROMIUM_ITEMS: usize = 4;

/// Rows one item takes.
const ITEM_ROWS: u32 = 7;

/// The item's row of `kind`, dated (under the year columns) or undated.
fn row<'a>(it: &'a Initiative, kind: &str, dated: bool) -> anyhow::Result<&'a Series> {
    it.series
        .iter()
        .find(|s| s.kind == kind && s.undated.is_none() == dated)
        .with_context(|| format!("item {}: no {kind} row", it.id))
}

fn write_item(sh: &mut Sheet, f: &Family, it: &Initiative, top: u32) -> anyhow::Result<()> {
    use Style::*;
    let undated = |kind| -> anyhow::Result<&str> {
        Ok(row(it, kind, false)?.undated.as_deref().unwrap_or(""))
    };
    let (plan, target, actual) = (
        row(it, "plan", true)?,
        row(it, "target", true)?,
        row(it, "actual", true)?,
    );
    sh.span(top, 0, 1, 10, t(it.headings.concat().as_str()), Band);
    let h = top + 1;
    sh.put(h, 0, t("年度"), Label);
    for (i, y) in f.years.iter().enumerate() {
        sh.put(h, 1 + i as u16, t(&y.label), Head);
    }
    for (i, l) in ["取組内容", "指標等", "基準値等", "目標値等"]
        .iter()
        .enumerate()
    {
        sh.put(h, 6 + i as u16, t(l), Label);
    }
    let g = top + 2;
    sh.span(g, 0, 2, 1, t("目標"), Label);
    for i in 0..f.years.len() {
        let col = 1 + i as u16;
        sh.put(g, col, t(plan.at(i)), Center);
        sh.put(g + 1, col, v(target.at(i)), Center);
        sh.put(g + 2, col, v(actual.at(i)), Center);
    }
    sh.put(g + 2, 0, t("実績"), Label);
    sh.span(g, 6, 3, 1, t(it.text("取組内容")?), Text);
    sh.span(g, 7, 3, 1, t(target.printed_name().unwrap_or("")), Text);
    sh.span(g, 8, 3, 1, v(undated("baseline")?), Center);
    sh.span(g, 9, 3, 1, v(undated("final_target")?), Center);
    sh.span(top + 5, 0, 1, 10, t(undated("status")?), Text);
    sh.span(top + 6, 0, 1, 10, t(undated("plan")?), Text);
    Ok(())
}

/// The sheet with the content's items, two per printed page.
fn sheet(f: &Family) -> anyhow::Result<Sheet> {
    let widths = [7.0, 10.0, 10.0, 10.0, 10.0, 10.0, 21.0, 12.0, 10.0, 10.0];
    let mut sh = Sheet::new("実施計画", &widths, false, 9.0);
    sh.span(
        0,
        0,
        1,
        10,
        t("Ⅱ　具体的な取組項目及び令和６年度の取組状況"),
        Style::Title,
    );
    sh.repeat_rows = Some((0, 0));
    sh.header = Some("能美市行政経営プログラム2022 ▶ 2026実施計画書".to_string());
    let first = 2;
    for (k, it) in f.initiatives.iter().enumerate() {
        let top = first + ITEM_ROWS * k as u32;
        if k > 0 && k % 2 == 0 {
            sh.breaks.push(top);
        }
        write_item(&mut sh, f, it, top)?;
    }
    Ok(sh)
}

/// The 能美市 fixture document: ten items in the xlsx and its LibreOffice export, the first
/// four (two pages) in the Chromium print.
pub fn doc(f: &Family) -> anyhow::Result<Doc> {
    let (main, chromium) = (f.part(0, ITEMS), f.part(0, CHROMIUM_ITEMS));
    Ok(Doc {
        dir: "nomi",
        stem: "nomi_jisshikeikaku",
        title: "能美市行政経営プログラム2022▶2026 実施計画書",
        author: "能美市",
        sheets: vec![sheet(&main)?],
        seed: "001_cde6d70d41f1791f.txt",
        own: vec![],
        chromium: Some(vec![sheet(&chromium)?]),
        expected: expect::stated(&main)?,
        chromium_expected: expect::stated(&chromium)?,
    })
}

/// The remaining items No.11–No.16 as a second workbook and LibreOffice export (three pages),
/// so that every item of the seed is in some fixture.
pub fn doc_rest(f: &Family) -> anyhow::Result<Doc> {
    let rest = f.part(ITEMS, usize::MAX);
    Ok(Doc {
        dir: "nomi",
        stem: "nomi_jisshikeikaku_no11-16",
        title: "能美市行政経営プログラム2022▶2026 実施計画書",
        author: "能美市",
        sheets: vec![sheet(&rest)?],
        seed: "001_cde6d70d41f1791f.txt",
        own: vec![],
        chromium: None,
        expected: expect::stated(&rest)?,
        chromium_expected: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::super::content;
    use super::super::expect::Expect;
    use super::*;

    #[test]
    fn the_documents_split_the_items() {
        let f = content::load(&content::root(), "nomi").unwrap();
        let ids = |list: &[Expect]| -> Vec<String> {
            let mut ids: Vec<String> = list.iter().map(|e| e.id.clone()).collect();
            ids.dedup();
            ids
        };
        let (doc, rest) = (doc(&f).unwrap(), doc_rest(&f).unwrap());
        assert_eq!(ids(&doc.expected).len(), 10);
        assert_eq!(
            ids(&doc.chromium_expected),
            ["No.1", "No.2", "No.3", "No.4"]
        );
        assert_eq!(
            ids(&rest.expected).first().map(String::as_str),
            Some("No.11")
        );
    }
}
