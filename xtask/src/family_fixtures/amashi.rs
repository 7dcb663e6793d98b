//! あま市 (seed 000): 第３次あま市行政改革大綱 個別取組項目 (令和５（2023）年度の進捗), drawn
//! from the family's content (`xtask/families/amashi.json`).
//!
//! One sheet per 基本方針 (the initiative's heading), A4 landscape. Two header rows are the
//! print titles, repeated on every page: 基本方針N | 担当課（とりまとめ） | 区分 | 計画期間, then
//! 個別取組項目 | the year labels. Each item starts a new page (manual break), so a sheet's grid
//! runs over several pages under its repeated header. An item: （N） spanning the item | title,
//! 取組内容 (label and text), 関係課 (label and value) | 担当課 spanning the item | the 区分 rows
//! 計画 (five years), then per target 目標項目 (name across the years) / 目標数値 (five values)
//! / 取組結果 (the first year only; an item without targets shows one empty block), then 取組状況
//! and 達成度 in the first year's column; the 達成度 legend is loose text under the grid.
//! Full-width digits (`年間６回`) and half-width katakana (`ｺﾐｭﾆﾃｨ`) are kept as the seed has
//! them, as strings; half-width counts (`35件`) are numbers formatted `0"件"` ([`v`]).

use anyhow::Context;

use super::Doc;
use super::content::{Family, Initiative, Series};
use super::expect;
use super::grid::{Sheet, Style, t, v};

const LEGEND: &str = "達成度：　A.順調に進んだ　　B.概ね順調に進んだ　　C.あまり順調に進まなかった";

/// The single printed text of a one-cell row of `kind` (取組状況, 達成度).
fn first<'a>(it: &'a Initiative, kind: &str) -> &'a str {
    it.series
        .iter()
        .find(|s| s.kind == kind)
        .map_or("", |s| s.at(0))
}

fn write_item(sh: &mut Sheet, it: &Initiative, years: usize, top: u32) -> anyhow::Result<u32> {
    use Style::*;
    let targets: Vec<(&Series, Option<&Series>)> = it
        .series
        .iter()
        .filter(|s| s.kind == "target")
        .map(|tg| {
            let result = it
                .series
                .iter()
                .find(|s| s.kind == "actual" && s.indicator == tg.indicator);
            (tg, result)
        })
        .collect();
    let blocks = targets.len().max(1) as u32;
    let n = 3 + 3 * blocks;
    let cols = years as u16;
    let no = it.printed_id.as_deref().unwrap_or(&it.id);
    sh.span(top, 0, n, 1, t(no), Center);
    sh.put(top, 1, t(it.text("個別取組項目")?), Text);
    sh.put(top + 1, 1, t("取組内容"), Label);
    sh.span(top + 2, 1, n - 4, 1, t(it.text("取組内容")?), Text);
    sh.put(top + n - 2, 1, t("関係課"), Label);
    sh.put(top + n - 1, 1, t(it.text("関係課")?), Center);
    sh.span(top, 2, n, 1, t(it.text("担当課")?), Center);
    sh.put(top, 3, t("計画"), Label);
    let plan = it
        .series
        .iter()
        .find(|s| s.kind == "plan")
        .with_context(|| format!("item {}: no 計画 row", it.id))?;
    for i in 0..years {
        sh.put(top, 4 + i as u16, t(plan.at(i)), Center);
    }
    let mut r = top + 1;
    for k in 0..blocks as usize {
        let (name, values, result) = match targets.get(k) {
            Some((tg, res)) => (tg.printed_name().unwrap_or(""), Some(*tg), *res),
            None => ("", None, None),
        };
        sh.put(r, 3, t("目標項目"), Label);
        sh.span(r, 4, 1, cols, t(name), Center);
        sh.put(r + 1, 3, t("目標数値"), Label);
        for i in 0..years {
            sh.put(
                r + 1,
                4 + i as u16,
                v(values.map_or("", |s| s.at(i))),
                Center,
            );
        }
        sh.put(r + 2, 3, t("取組結果"), Label);
        sh.put(r + 2, 4, v(result.map_or("", |s| s.at(0))), Center);
        for col in 5..4 + cols {
            sh.put(r + 2, col, t(""), Center);
        }
        r += 3;
    }
    sh.put(r, 3, t("取組\n状況"), Label);
    sh.put(r, 4, t(first(it, "status")), Text);
    sh.put(r + 1, 3, t("達成度"), Label);
    sh.put(r + 1, 4, t(first(it, "grade")), Center);
    for col in 5..4 + cols {
        sh.put(r, col, t(""), Center);
        sh.put(r + 1, col, t(""), Center);
    }
    Ok(top + n)
}

fn policy_sheet(f: &Family, name: &str, items: &[&Initiative]) -> anyhow::Result<Sheet> {
    use Style::*;
    let widths = [7.0, 30.0, 11.0, 8.0, 17.0, 17.0, 17.0, 17.0, 17.0];
    let mut sh = Sheet::new(name, &widths, true, 9.0);
    sh.span(0, 0, 1, 2, t(name), Label);
    sh.span(0, 2, 2, 1, t("担当課\n（とりまとめ）"), Label);
    sh.span(0, 3, 2, 1, t("区分"), Label);
    sh.span(0, 4, 1, 5, t("計画期間"), Label);
    sh.span(1, 0, 1, 2, t("個別取組項目"), Label);
    for (i, y) in f.years.iter().enumerate() {
        sh.put(1, 4 + i as u16, t(&y.label), Head);
    }
    sh.repeat_rows = Some((0, 1));
    sh.header = Some("第３次あま市行政改革大綱　個別取組項目".to_string());
    let mut row = 2;
    for (k, it) in items.iter().enumerate() {
        if k > 0 {
            sh.breaks.push(row);
        }
        row = write_item(&mut sh, it, f.years.len(), row)?;
    }
    sh.span(row, 0, 1, 9, t(LEGEND), Loose);
    Ok(sh)
}

/// The あま市 fixture document: one sheet per 基本方針 heading, in the content's order.
pub fn doc(f: &Family) -> anyhow::Result<Doc> {
    let mut groups: Vec<(&str, Vec<&Initiative>)> = Vec::new();
    for it in &f.initiatives {
        let policy = it.headings.first().map_or("", String::as_str);
        match groups.last_mut() {
            Some((name, items)) if *name == policy => items.push(it),
            _ => groups.push((policy, vec![it])),
        }
    }
    Ok(Doc {
        dir: "amashi",
        stem: "amashi_kobetsu_torikumi",
        title: "第３次あま市行政改革大綱 個別取組項目",
        author: "あま市",
        sheets: groups
            .iter()
            .map(|(name, items)| policy_sheet(f, name, items))
            .collect::<anyhow::Result<_>>()?,
        seed: "000_4c76c1aafd70e08d.txt",
        own: vec![],
        chromium: None,
        expected: expect::stated(f)?,
        chromium_expected: Vec::new(),
    })
}
