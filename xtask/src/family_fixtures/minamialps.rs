//! 南アルプス市 (seed 002) excerpt: the first four cards of the 実施計画 as one stacked grid
//! (`fixtures/minamialps/minamialps_excerpt.xlsx` and its LibreOffice PDF), drawn from the
//! family's content (`xtask/families/minamialps.json`).
//!
//! Same conventions as the sheet generator's full workbook (`sheet_fixtures.rs`): column A the
//! labels, values merged across B:F, `現状 | B:C | 課題 | E:F`, 年度 令和8年度…令和12年度,
//! 目標値 numbers with the formats that display the seed's text (the seed parser's, as the
//! full workbook stores them), empty bordered 実績値. Unlike the full workbook the cards follow
//! each other without blank rows or manual page breaks, so the grid is one table that
//! LibreOffice breaks across pages (the title row repeats as print title).

use anyhow::Context;

use crate::sheet_fixtures::seed;

use super::Doc;
use super::content::Family;
use super::expect;
use super::grid::{Sheet, Style, Value, n, t};

/// A 目標値 cell as the city's sheet stores it (a number with its format, or text).
fn target(raw: &str) -> Value {
    match seed::Target::from_seed(raw) {
        seed::Target::Number {
            value,
            num_format,
            shown,
        } => n(value, num_format.as_deref().unwrap_or("General"), &shown),
        seed::Target::Text(s) => t(&s),
    }
}

/// The excerpt document from the family's content: per card the policy band (label and text
/// in two cells when the seed has them apart), 項目 / 主な取組み / 主管課, 現状 | 課題,
/// 取組み内容, 期間内の最終目標 (the undated final target), 関係計画等, 年度, 数値の定義 (the
/// indicator as printed), 目標値, 実績値.
pub fn doc(f: &Family) -> anyhow::Result<Doc> {
    use Style::*;
    let widths = [16.0, 17.0, 17.0, 17.0, 17.0, 17.0];
    let mut sh = Sheet::new("実施計画", &widths, false, 10.0);
    sh.span(0, 0, 1, 6, t(&f.title), Title);
    sh.repeat_rows = Some((0, 0));
    sh.header = Some(f.title.clone());
    let mut r = 2;
    for card in &f.initiatives {
        let targets = card
            .series
            .iter()
            .find(|s| s.kind == "target")
            .with_context(|| format!("card {}: no 目標値 row", card.id))?;
        let last = card
            .series
            .iter()
            .find(|s| s.kind == "final_target")
            .and_then(|s| s.undated.as_deref())
            .unwrap_or("");
        match card.headings.as_slice() {
            [label, text] => {
                sh.put(r, 0, t(label), Band);
                sh.span(r, 1, 1, 5, t(text), Band);
            }
            headings => sh.span(r, 0, 1, 6, t(&headings.concat()), Band),
        }
        r += 1;
        for label in ["項目", "主な取組み", "主管課"] {
            sh.put(r, 0, t(label), Label);
            sh.span(r, 1, 1, 5, t(card.text(label)?), Text);
            r += 1;
        }
        sh.put(r, 0, t("現状"), Label);
        sh.span(r, 1, 1, 2, t(card.text("現状")?), Text);
        sh.put(r, 3, t("課題"), Label);
        sh.span(r, 4, 1, 2, t(card.text("課題")?), Text);
        r += 1;
        for (label, value) in [
            ("取組み内容", card.text("取組み内容")?),
            ("期間内の最終目標", last),
            ("関係計画等", card.text("関係計画等")?),
        ] {
            sh.put(r, 0, t(label), Label);
            sh.span(r, 1, 1, 5, t(value), Text);
            r += 1;
        }
        sh.put(r, 0, t("年度"), Label);
        for (i, y) in f.years.iter().enumerate() {
            sh.put(r, 1 + i as u16, t(&y.label), Head);
        }
        r += 1;
        sh.put(r, 0, t("数値の定義"), Label);
        sh.span(r, 1, 1, 5, t(targets.printed_name().unwrap_or("")), Text);
        r += 1;
        sh.put(r, 0, t("目標値"), Label);
        for i in 0..f.years.len() {
            sh.put(r, 1 + i as u16, target(targets.at(i)), Center);
        }
        r += 1;
        sh.put(r, 0, t("実績値"), Label);
        for i in 0..f.years.len() {
            sh.put(r, 1 + i as u16, t(""), Center);
        }
        r += 1;
    }
    Ok(Doc {
        dir: "minamialps",
        stem: "minamialps_excerpt",
        title: "第5次南アルプス市行政改革実施計画",
        author: "南アルプス市",
        sheets: vec![sh],
        seed: "002_83b83b3c34cf7f73.txt",
        own: vec![],
        chromium: None,
        expected: expect::stated(f)?,
        chromium_expected: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::super::content;
    use super::*;

    #[test]
    fn bare_numbers_under_oku_en_are_yen() {
        let f = content::load(&content::root(), "minamialps").unwrap();
        let list = expect::stated(&f).unwrap();
        let oku = list.iter().find(|e| e.raw == "45").unwrap();
        assert_eq!(oku.reading.value, Some("4500000000"));
        assert_eq!(oku.reading.unit, Some("円"));
        assert_eq!(oku.reading.display_unit, Some("億円"));
        assert_eq!(oku.fiscal_year, Some(2026));
        // The 目標値 cell is stored as the city's sheet does: a number, not text.
        assert!(matches!(target("45"), Value::Number { .. }));
        assert!(matches!(target("98.60%"), Value::Number { .. }));
    }
}
