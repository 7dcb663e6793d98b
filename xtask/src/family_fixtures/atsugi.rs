//! 厚木市 (seed 004): 第7次厚木市行政改革大綱 令和5年度の取組状況 (行政改革調査委員会 資料),
//! drawn from the family's content (`xtask/families/atsugi.json`).
//!
//! Two sheets:
//! - `取組結果`: the wide landscape achievement table of 重点目標 Ⅲ (five 取組), three header
//!   rows repeated on every printed page (分類 | 計画名 | 担当課 | 取組内容 | 計画と取組状況 over
//!   令和3–5年度 × 計画/取組状況 | 成果指標 | 目標と実績 over 令和3–5年度 | 達成率 | 達成 |
//!   未達成の理由 | 今後の対応策); each 成果指標 takes a 目標 row and a 実績 row; the item
//!   cells span all its rows; 達成率/達成 per indicator or once for the item, as the seed has
//!   them. A manual page break before the fourth 取組 (the third in the Chromium print) makes
//!   the table continue on a second page under its repeated header rows. The extraction glued and shifted cells (a plan missing, a status in the plan's
//!   place); they are put back where the table means them, and a cell the seed does not
//!   print stays empty.
//! - `未達成項目`: the 令和5年度目標未達成項目 list, one table per 重点目標: 分類 (spanning its
//!   rows) | 指標名 | `目標` over `実績（達成率）` cells (`90%` / `84.4% (93.8%)`), with
//!   未達成の理由 / 今後の対応策 rows. As in the seed, 重点目標1's table breaks to a new page
//!   before (1)-ウ, its header row repeated as print title. 重点目標2 is in the content but not
//!   printed (its reasons add enough distinct kanji to push the PDF over its size budget).
//!
//! Fiscal years (stated in the content): the achievement table's year columns are 令和3年度 …
//! 令和5年度 (2021 … 2023). Its 達成率 and 達成 columns have no year header; they grade the
//! report year, 令和5年度 (the sheet header and the seed's title say 令和5年度の取組状況, the
//! committee met on 令和6年3月14日, which lies in FY2023; and the one 達成率 that is not 100% is
//! 50.0% = R5's 3件 of 6件), so the content states them in the 令和5年度 column. The 未達成項目
//! list is titled `3 令和5年度目標未達成項目（令和6年3月現在）`: its cells are 令和5年度's too.
//! A list row that restates a row of the main table is marked `restated` (one fact, one
//! observation: the main table's).

use anyhow::Context;

use super::Doc;
use super::content::{Family, Initiative, Series};
use super::expect;
use super::grid::{Sheet, Style, t, v};

const TAISAKU: &str = "今後の対応策";
const RIYU: &str = "未達成の理由";

/// The seed's list starts a new page (repeating its header) before this 分類.
const PAGE_BEFORE: &str = "(1)-ウ 技術職員の更なる専門性向上";

/// 取組 in the Chromium print (its font subset is about three times LibreOffice's).
const CHROMIUM_ITEMS: usize = 3;

/// The achievement table's heading (its items' heading; the list's items are under their
/// 重点目標).
const MAIN: &str = "Ⅲ 市民協働により公共サービスを向上させる";

fn is_main(it: &Initiative) -> bool {
    it.headings.first().is_some_and(|h| h == MAIN)
}

/// The row of `kind` (and `label`, when given) for `indicator` (None: the item's own).
fn find<'a>(
    it: &'a Initiative,
    kind: &str,
    label: Option<&str>,
    indicator: Option<&str>,
) -> Option<&'a Series> {
    it.series.iter().find(|s| {
        s.kind == kind
            && s.indicator.as_deref() == indicator
            && label.is_none_or(|l| s.label.as_deref() == Some(l))
    })
}

/// 達成率, 達成, 未達成の理由, 今後の対応策 for `indicator` (None: printed once for the item), in
/// the report year's column; None when the content states no such block.
fn result<'a>(it: &'a Initiative, indicator: Option<&str>, col: usize) -> Option<[&'a str; 4]> {
    let rate = find(it, "achievement_rate", None, indicator)?;
    let at = |kind, label| find(it, kind, label, indicator).map_or("", |s| s.at(col));
    Some([
        rate.at(col),
        at("grade", None),
        at("remark", Some(RIYU)),
        at("remark", Some(TAISAKU)),
    ])
}

fn achievement_sheet(f: &Family, break_before: usize) -> anyhow::Result<Sheet> {
    use Style::*;
    let widths = [
        7.0, 9.0, 9.0, 22.0, 16.0, 18.0, 16.0, 18.0, 16.0, 18.0, 16.0, 4.5, 10.0, 10.0, 10.0, 7.0,
        5.0, 16.0, 16.0,
    ];
    let mut sh = Sheet::new("取組結果", &widths, true, 9.0);
    sh.span(0, 0, 1, 19, t(MAIN), Title);
    let h = 1;
    for (col, label) in [
        (0u16, "分類"),
        (1, "計画名"),
        (2, "担当課"),
        (3, "取組内容"),
    ] {
        sh.span(h, col, 3, 1, t(label), Label);
    }
    sh.span(h, 4, 1, 6, t("計画と取組状況"), Label);
    sh.span(h, 10, 3, 1, t("成果指標"), Label);
    sh.span(h, 11, 1, 4, t("目標と実績"), Label);
    for (col, label) in [(15u16, "達成率"), (16, "達成"), (17, RIYU), (18, TAISAKU)] {
        sh.span(h, col, 3, 1, t(label), Label);
    }
    for (i, y) in f.years.iter().enumerate() {
        let i = i as u16;
        sh.span(h + 1, 4 + 2 * i, 1, 2, t(&y.label), Head);
        sh.put(h + 2, 4 + 2 * i, t("計画"), Head);
        sh.put(h + 2, 5 + 2 * i, t("取組状況"), Head);
        sh.span(h + 1, 12 + i, 2, 1, t(&y.label), Head);
    }
    sh.span(h + 1, 11, 2, 1, t(""), Head);
    sh.repeat_rows = Some((0, 3));
    // The seed's 資料1 is headed by its section title, as the other families' sheets are.
    sh.header = Some("資料1　第7次厚木市行政改革大綱 令和5年度の取組状況（見込み）".to_string());
    let report = f.years.len().saturating_sub(1);
    let mut row = 4;
    for (k, it) in f.initiatives.iter().filter(|i| is_main(i)).enumerate() {
        if k == break_before {
            sh.breaks.push(row);
        }
        let targets: Vec<&Series> = it.series.iter().filter(|s| s.kind == "target").collect();
        let n = 2 * targets.len() as u32;
        sh.span(
            row,
            0,
            n,
            1,
            t(it.printed_id.as_deref().unwrap_or(&it.id)),
            Center,
        );
        sh.span(row, 1, n, 1, t(it.text("計画名")?), Text);
        sh.span(row, 2, n, 1, t(it.text("担当課")?), Center);
        sh.span(row, 3, n, 1, t(it.text("取組内容")?), Text);
        let plan = find(it, "plan", None, None).with_context(|| format!("{}: 計画", it.id))?;
        let status =
            find(it, "status", None, None).with_context(|| format!("{}: 取組状況", it.id))?;
        for y in 0..f.years.len() {
            sh.span(row, 4 + 2 * y as u16, n, 1, t(plan.at(y)), Text);
            sh.span(row, 5 + 2 * y as u16, n, 1, t(status.at(y)), Text);
        }
        for (k, target) in targets.iter().enumerate() {
            let r = row + 2 * k as u32;
            let ind = target.indicator.as_deref();
            let actual = find(it, "actual", None, ind)
                .with_context(|| format!("{}: 実績 of {ind:?}", it.id))?;
            sh.span(r, 10, 2, 1, t(target.printed_name().unwrap_or("")), Text);
            sh.put(r, 11, t("目標"), Label);
            sh.put(r + 1, 11, t("実績"), Label);
            for y in 0..f.years.len() {
                sh.put(r, 12 + y as u16, v(target.at(y)), Center);
                sh.put(r + 1, 12 + y as u16, v(actual.at(y)), Center);
            }
            if let Some(res) = result(it, ind, report) {
                write_result(&mut sh, r, 2, res);
            }
        }
        if let Some(res) = result(it, None, report) {
            write_result(&mut sh, row, n, res);
        }
        row += n;
    }
    Ok(sh)
}

fn write_result(sh: &mut Sheet, row: u32, rows: u32, res: [&str; 4]) {
    sh.span(row, 15, rows, 1, v(res[0]), Style::Center);
    sh.span(row, 16, rows, 1, t(res[1]), Style::Center);
    sh.span(row, 17, rows, 1, t(res[2]), Style::Text);
    sh.span(row, 18, rows, 1, t(res[3]), Style::Text);
}

fn list_sheet(f: &Family) -> anyhow::Result<Sheet> {
    use Style::*;
    let widths = [16.0, 11.0, 44.0, 18.0];
    let mut sh = Sheet::new("未達成項目", &widths, false, 9.0);
    sh.span(
        0,
        0,
        1,
        4,
        t("3 令和5年度目標未達成項目（令和6年3月現在）"),
        Title,
    );
    let mut sections: Vec<(&str, Vec<&Initiative>)> = Vec::new();
    for it in &f.initiatives {
        if is_main(it) || it.omitted.is_some() {
            continue;
        }
        let heading = it.headings.first().map_or("", String::as_str);
        match sections.last_mut() {
            Some((h, groups)) if *h == heading => groups.push(it),
            _ => sections.push((heading, vec![it])),
        }
    }
    let report = f.years.len().saturating_sub(1);
    let mut row = 1;
    for (k, (heading, groups)) in sections.into_iter().enumerate() {
        if k > 0 {
            row += 1;
        }
        sh.span(row, 0, 1, 4, t(heading), Loose);
        row += 1;
        sh.put(row, 0, t("分類"), Label);
        sh.span(row, 1, 1, 2, t("指標名"), Label);
        sh.put(row, 3, t("目標\n実績（達成率）"), Label);
        if k == 0 {
            sh.repeat_rows = Some((row, row));
        }
        row += 1;
        for group in groups {
            let class = group.text("分類")?;
            if k == 0 && class == PAGE_BEFORE {
                sh.breaks.push(row);
            }
            sh.span(row, 0, group.series.len() as u32, 1, t(class), Text);
            for s in &group.series {
                if s.kind == "remark" {
                    sh.put(row, 1, t(s.label.as_deref().unwrap_or("")), Center);
                    sh.put(row, 2, t(s.undated.as_deref().unwrap_or("")), Text);
                    sh.put(row, 3, t(""), Center);
                } else {
                    sh.span(row, 1, 1, 2, t(s.printed_name().unwrap_or("")), Text);
                    sh.put(row, 3, t(s.at(report)), Center);
                }
                row += 1;
            }
        }
    }
    Ok(sh)
}

/// The 厚木市 fixture document: both sheets in the xlsx and its LibreOffice export, the
/// achievement table's first three 取組 in the Chromium print.
pub fn doc(f: &Family) -> anyhow::Result<Doc> {
    let chromium = f.part_where(0, CHROMIUM_ITEMS, is_main);
    Ok(Doc {
        dir: "atsugi",
        stem: "atsugi_torikumi_kekka",
        title: "第7次厚木市行政改革大綱 令和5年度の取組状況（見込み）",
        author: "厚木市",
        sheets: vec![achievement_sheet(f, 3)?, list_sheet(f)?],
        seed: "004_254d333cb187ca33.txt",
        own: vec![],
        chromium: Some(vec![achievement_sheet(&chromium, 2)?]),
        expected: expect::stated(f)?,
        chromium_expected: expect::stated(&chromium)?,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::super::content;
    use super::*;

    fn family() -> Family {
        content::load(&content::root(), "atsugi").unwrap()
    }

    /// Characters the text policy would change, or that make a line break go.
    fn foldable(c: char) -> bool {
        matches!(c as u32, 0xFF01..=0xFF5E | 0x3000 | 0xFF61..=0xFF9F | 0x2160..=0x217F)
            || c == ' '
            || c == '\t'
    }

    /// The 計画/取組状況 rows read as printed: they hold no full-width ASCII, no spaces, no
    /// half-width kana, and each line break comes before a `①…` bullet, which keeps it
    /// (NORMALIZATION.md §7 step 3).
    #[test]
    fn texts_read_as_printed_need_no_folding() {
        let f = family();
        let mut checked = 0;
        for s in f.initiatives.iter().flat_map(|i| &i.series) {
            if !s.as_printed {
                continue;
            }
            for k in 0..f.years.len() {
                let p = s.at(k);
                assert!(!p.chars().any(foldable), "{p}");
                for line in p.split('\n').skip(1) {
                    assert!(line.starts_with(|c| ('①'..='⑳').contains(&c)), "{p}");
                }
                checked += 1;
            }
        }
        assert!(checked >= 10);
    }

    #[test]
    fn indicator_names_are_normalized() {
        let f = family();
        let printed = f.initiatives.iter().filter(|i| i.omitted.is_none());
        for s in printed.flat_map(|i| &i.series) {
            if let Some(name) = &s.indicator {
                assert!(!name.chars().any(foldable), "{name}");
            }
        }
    }

    #[test]
    fn the_chromium_print_states_the_first_three_items_and_no_list_row() {
        let doc = doc(&family()).unwrap();
        let ids: std::collections::BTreeSet<String> =
            doc.chromium_expected.into_iter().map(|e| e.id).collect();
        assert_eq!(
            ids.into_iter().collect::<Vec<_>>(),
            ["III-(1)-ア", "III-(2)-ア", "III-(2)-イ"]
        );
        // The list's rows that restate the main table add nothing; the others are there.
        let list: Vec<_> = doc
            .expected
            .iter()
            .filter(|e| e.id.starts_with('('))
            .collect();
        assert!(!list.is_empty());
        assert!(
            !list.iter().any(|e| e.id == "(1)-ア"
                && e.indicator.as_deref() == Some("市民協働提案事業の実施件数"))
        );
    }
}
