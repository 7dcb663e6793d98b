//! 安中市 (seed 003): 第3次安中市行政改革大綱 実施計画 (令和2年度～令和6年度), drawn from the
//! family's content (`xtask/families/annaka.json`).
//!
//! One sheet, six cards, each under its three loose heading lines (`1 市民ニーズの把握と
//! 「総働」`, `(1) …`, `① …`). A card: 担当課 | value | 関係課 | value; 現状と課題; 取組内容;
//! 目標の状態 (two rows) beside 現状の数値 / 目標の数値; 年次計画 (spanning four rows) with
//! 年度 and the year labels, 進捗状況, 年度目標 (one merged value when the content states one
//! for all years), 数値. No manual page breaks: LibreOffice breaks between rows, so a card runs
//! from one page onto the next. The seed's `<p>`/`<ul …>` extractor leftovers are dropped;
//! paragraphs and `・` bullets are line breaks in the content.

use anyhow::Context;

use super::Doc;
use super::content::{Family, Initiative, Series};
use super::expect;
use super::grid::{Sheet, Style, t, v};

/// The row printed under `label` (`現状の数値`, `年度目標` …).
fn row<'a>(c: &'a Initiative, label: &str) -> anyhow::Result<&'a Series> {
    c.series
        .iter()
        .find(|s| s.label.as_deref() == Some(label))
        .with_context(|| format!("card {}: no {label} row", c.id))
}

fn write_card(sh: &mut Sheet, f: &Family, c: &Initiative, top: u32) -> anyhow::Result<u32> {
    use Style::*;
    let mut r = top;
    for h in &c.headings {
        sh.span(r, 0, 1, 7, t(h), Loose);
        r += 1;
    }
    sh.put(r, 0, t("担当課"), Label);
    sh.span(r, 1, 1, 2, t(c.text("担当課")?), Text);
    sh.put(r, 3, t("関係課"), Label);
    sh.span(r, 4, 1, 3, t(c.text("関係課")?), Text);
    r += 1;
    for label in ["現状と課題", "取組内容"] {
        sh.put(r, 0, t(label), Label);
        sh.span(r, 1, 1, 6, t(c.text(label)?), Text);
        r += 1;
    }
    let undated =
        |label| -> anyhow::Result<&str> { Ok(row(c, label)?.undated.as_deref().unwrap_or("")) };
    sh.span(r, 0, 2, 1, t("目標の状態"), Label);
    sh.span(r, 1, 2, 3, t(c.text("目標の状態")?), Text);
    sh.put(r, 4, t("現状の数値"), Label);
    sh.span(r, 5, 1, 2, v(undated("現状の数値")?), Center);
    sh.put(r + 1, 4, t("目標の数値"), Label);
    sh.span(r + 1, 5, 1, 2, v(undated("目標の数値")?), Center);
    r += 2;
    sh.span(r, 0, 4, 1, t("年次計画"), Label);
    sh.put(r, 1, t("年度"), Label);
    sh.put(r + 1, 1, t("進捗状況"), Label);
    sh.put(r + 2, 1, t("年度目標"), Label);
    sh.put(r + 3, 1, t("数値"), Label);
    let (progress, goals, numbers) = (row(c, "進捗状況")?, row(c, "年度目標")?, row(c, "数値")?);
    for (i, y) in f.years.iter().enumerate() {
        let col = 2 + i as u16;
        sh.put(r, col, t(&y.label), Head);
        sh.put(r + 1, col, t(progress.at(i)), Center);
        if goals.all_years.is_none() {
            sh.put(r + 2, col, t(goals.at(i)), Text);
        }
        sh.put(r + 3, col, v(numbers.at(i)), Center);
    }
    if let Some(goal) = &goals.all_years {
        sh.span(r + 2, 2, 1, f.years.len() as u16, t(goal), Text);
    }
    Ok(r + 4)
}

/// The 安中市 fixture document.
pub fn doc(f: &Family) -> anyhow::Result<Doc> {
    let widths = [11.0, 10.0, 14.0, 14.0, 14.0, 14.0, 14.0];
    let mut sh = Sheet::new("実施計画", &widths, false, 9.0);
    sh.span(
        0,
        0,
        1,
        7,
        t("第3次 安中市行政改革大綱 実施計画"),
        Style::Title,
    );
    sh.header = Some("第3次安中市行政改革大綱 実施計画".to_string());
    let mut row = 2;
    for c in &f.initiatives {
        row = write_card(&mut sh, f, c, row)? + 1;
    }
    Ok(Doc {
        dir: "annaka",
        stem: "annaka_jisshikeikaku",
        title: "第3次安中市行政改革大綱 実施計画",
        author: "安中市",
        sheets: vec![sh],
        seed: "003_958463c6e2069eab.txt",
        own: vec![],
        chromium: None,
        expected: expect::stated(f)?,
        chromium_expected: Vec::new(),
    })
}
