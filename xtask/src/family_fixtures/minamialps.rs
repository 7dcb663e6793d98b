//! 南アルプス市 (seed 002) excerpt: the first four cards of the 実施計画 as one stacked grid
//! (`fixtures/minamialps/minamialps_excerpt.xlsx` and its LibreOffice PDF).
//!
//! Same conventions as the sheet generator's full workbook (`sheet_fixtures.rs`, whose seed
//! parser is compiled here from its file): column A the labels, values merged across B:F,
//! `現状 | B:C | 課題 | E:F`, 年度 令和8年度…令和12年度, 目標値 numbers with the formats that
//! display the seed's text, empty bordered 実績値. Unlike the full workbook the cards follow
//! each other without blank rows or manual page breaks, so the grid is one table that
//! LibreOffice breaks across pages (the title row repeats as print title).

use crate::sheet_fixtures::seed;

use anyhow::bail;

use super::Doc;
use super::grid::{Sheet, Style, Value, n, t};

/// The seed file.
pub const SEED: &str = "002_83b83b3c34cf7f73.txt";

/// Cards in the excerpt.
const CARDS: usize = 4;

fn target(tg: &seed::Target) -> Value {
    match tg {
        seed::Target::Number {
            value,
            num_format,
            shown,
        } => n(*value, num_format.as_deref().unwrap_or("General"), shown),
        seed::Target::Text(s) => t(s),
    }
}

/// The excerpt document from the seed's text.
pub fn doc(text: &str) -> anyhow::Result<Doc> {
    use Style::*;
    let cards = seed::parse(text)?;
    if cards.len() < CARDS {
        bail!(
            "seed 002 has {} cards, the excerpt needs {CARDS}",
            cards.len()
        );
    }
    let widths = [16.0, 17.0, 17.0, 17.0, 17.0, 17.0];
    let mut sh = Sheet::new("実施計画", &widths, false, 10.0);
    sh.span(0, 0, 1, 6, t("第5次南アルプス市行政改革実施計画"), Title);
    sh.repeat_rows = Some((0, 0));
    sh.header = Some("第5次南アルプス市行政改革実施計画".to_string());
    let mut r = 2;
    for card in cards.iter().take(CARDS) {
        match &card.policy_text {
            Some(p) => {
                sh.put(r, 0, t(&card.policy_label), Band);
                sh.span(r, 1, 1, 5, t(p), Band);
            }
            None => sh.span(r, 0, 1, 6, t(&card.policy_label), Band),
        }
        r += 1;
        for (label, value) in [
            ("項目", &card.item),
            ("主な取組み", &card.initiative),
            ("主管課", &card.department),
        ] {
            sh.put(r, 0, t(label), Label);
            sh.span(r, 1, 1, 5, t(value), Text);
            r += 1;
        }
        sh.put(r, 0, t("現状"), Label);
        sh.span(r, 1, 1, 2, t(&card.current), Text);
        sh.put(r, 3, t("課題"), Label);
        sh.span(r, 4, 1, 2, t(&card.issue), Text);
        r += 1;
        for (label, value) in [
            ("取組み内容", &card.content),
            ("期間内の最終目標", &card.final_goal),
            ("関係計画等", &card.related),
        ] {
            sh.put(r, 0, t(label), Label);
            sh.span(r, 1, 1, 5, t(value), Text);
            r += 1;
        }
        sh.put(r, 0, t("年度"), Label);
        for (i, y) in card.years.iter().enumerate() {
            sh.put(r, 1 + i as u16, t(y), Head);
        }
        r += 1;
        sh.put(r, 0, t("数値の定義"), Label);
        sh.span(r, 1, 1, 5, t(&card.definition), Text);
        r += 1;
        sh.put(r, 0, t("目標値"), Label);
        for (i, tg) in card.targets.iter().enumerate() {
            sh.put(r, 1 + i as u16, target(tg), Center);
        }
        r += 1;
        sh.put(r, 0, t("実績値"), Label);
        for i in 0..5u16 {
            sh.put(r, 1 + i, t(""), Center);
        }
        r += 1;
    }
    Ok(Doc {
        dir: "minamialps",
        stem: "minamialps_excerpt",
        title: "第5次南アルプス市行政改革実施計画",
        author: "南アルプス市",
        sheets: vec![sh],
        seed: SEED,
        own: vec![],
        chromium: None,
        expected: Vec::new(),
        chromium_expected: Vec::new(),
    })
}
