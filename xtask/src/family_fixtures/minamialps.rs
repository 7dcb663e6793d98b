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
use super::expect::{Expect, Reading};
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

/// 数値の定義 as printed in the seed's first four cards → the indicator name as the text policy
/// normalizes it (full-width brackets to ASCII; the `（億円）` stays part of the name).
const INDICATORS: [(&str, &str); 4] = [
    (
        "市税収納率(現年度分+過年度分)",
        "市税収納率(現年度分+過年度分)",
    ),
    (
        "年度内に口座振替及び電子納付により収納できた件数(市税のみ)",
        "年度内に口座振替及び電子納付により収納できた件数(市税のみ)",
    ),
    (
        "土地、施設の売却および貸付の件数",
        "土地、施設の売却および貸付の件数",
    ),
    ("寄附金額（億円）", "寄附金額(億円)"),
];

/// A 目標値 cell read by hand, keyed by its card's 数値の定義 (raw) and its displayed text.
/// Percentages drop trailing zeros (98.60% → 98.6); 寄附金額（億円） gives the bare numbers their
/// unit: 45 → 4,500,000,000 円 shown in 億円.
fn target_reading(indicator: &str, raw: &str) -> Option<Reading> {
    let pct = |v| Reading::number(v, "%");
    let ken = |v| Reading::number(v, "件");
    let oku = |v| Reading::number(v, "円").display("億円");
    Some(match (indicator, raw) {
        ("市税収納率(現年度分+過年度分)", "98.60%") => pct("98.6"),
        ("市税収納率(現年度分+過年度分)", "98.65%") => pct("98.65"),
        ("市税収納率(現年度分+過年度分)", "98.70%") => pct("98.7"),
        ("市税収納率(現年度分+過年度分)", "98.75%") => pct("98.75"),
        ("市税収納率(現年度分+過年度分)", "98.80%") => pct("98.8"),
        ("年度内に口座振替及び電子納付により収納できた件数(市税のみ)", "110,000件") => {
            ken("110000")
        }
        ("年度内に口座振替及び電子納付により収納できた件数(市税のみ)", "110,100件") => {
            ken("110100")
        }
        ("年度内に口座振替及び電子納付により収納できた件数(市税のみ)", "110,200件") => {
            ken("110200")
        }
        ("年度内に口座振替及び電子納付により収納できた件数(市税のみ)", "110,300件") => {
            ken("110300")
        }
        ("年度内に口座振替及び電子納付により収納できた件数(市税のみ)", "110,400件") => {
            ken("110400")
        }
        ("土地、施設の売却および貸付の件数", "1件") => ken("1"),
        ("寄附金額（億円）", "45") => oku("4500000000"),
        ("寄附金額（億円）", "46") => oku("4600000000"),
        ("寄附金額（億円）", "47") => oku("4700000000"),
        ("寄附金額（億円）", "48") => oku("4800000000"),
        ("寄附金額（億円）", "49") => oku("4900000000"),
        _ => return None,
    })
}

/// 期間内の最終目標 read by hand: the final target of the card's indicator, undated (the end of
/// the plan period, like 能美市's 目標値等). All four are sentences, read as text:
/// - card 1's `99%以上` is the 現年度 rate, not the indicator's 現年度分+過年度分 rate, so a
///   number under this indicator would be a wrong number;
/// - card 2 says 増加 of the indicator's own count: direction increase;
/// - card 3's 削減 is of 未利用物件, not of the indicator (sales and leases): no direction.
fn final_reading(raw: &str) -> Option<Reading> {
    Some(match raw {
        "市税の現年度収納率99%以上を維持し、過年度分を含む市税徴収率の目標値を達成する。" => {
            Reading::text(raw)
        }
        "口座振替及び電子納付件数の増加" => Reading::text(raw).direction("increase"),
        "未利用土地・施設の売却または貸付を進め、未利用物件を削減することで管理経費の縮減につなげる。" => {
            Reading::text(raw)
        }
        "ふるさと納税の目標金額の達成。" => Reading::text(raw),
        _ => return None,
    })
}

/// `令和8年度` → 2026.
fn reiwa(year: &str) -> Option<i32> {
    let n: i32 = year
        .strip_prefix("令和")?
        .strip_suffix("年度")?
        .parse()
        .ok()?;
    n.checked_add(2018)
}

/// Every value the excerpt prints, from the cards' model: the 目標値 row under the 年度 row,
/// the 期間内の最終目標 (実績値 is empty). The cards print no id: initiatives are numbered in
/// document order (`1` … `4`).
fn expected(cards: &[seed::Card]) -> anyhow::Result<Vec<Expect>> {
    let mut out = Vec::new();
    for (i, card) in cards.iter().enumerate() {
        let id = (i + 1).to_string();
        let Some((_, indicator)) = INDICATORS.iter().find(|(raw, _)| *raw == card.definition)
        else {
            bail!(
                "card {id}: 数値の定義 {:?} not read by hand",
                card.definition
            );
        };
        let mut previous: Option<Reading> = None;
        for (year, tg) in card.years.iter().zip(&card.targets) {
            let raw = tg.displayed();
            let Some(fiscal_year) = reiwa(year) else {
                bail!("card {id}: year {year:?}");
            };
            let reading = match raw {
                "" | "—" => continue,
                // `→`: the previous year's target continues.
                "→" => previous.clone(),
                _ => target_reading(&card.definition, raw),
            };
            let Some(reading) = reading else {
                bail!("card {id} {year}: 目標値 {raw:?} not read by hand");
            };
            previous = Some(reading.clone());
            out.push(Expect {
                id: id.clone(),
                indicator: Some((*indicator).to_owned()),
                kind: "target",
                fiscal_year: Some(fiscal_year),
                raw: raw.to_owned(),
                reading,
            });
        }
        let Some(reading) = final_reading(&card.final_goal) else {
            bail!(
                "card {id}: 期間内の最終目標 {:?} not read by hand",
                card.final_goal
            );
        };
        out.push(Expect {
            id,
            indicator: Some((*indicator).to_owned()),
            kind: "final_target",
            fiscal_year: None,
            raw: card.final_goal.clone(),
            reading,
        });
    }
    Ok(out)
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
        expected: expected(cards.get(..CARDS).unwrap_or_default())?,
        chromium_expected: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn reiwa_fiscal_years() {
        assert_eq!(reiwa("令和8年度"), Some(2026));
        assert_eq!(reiwa("令和12年度"), Some(2030));
        assert_eq!(reiwa("2026年度"), None);
    }

    #[test]
    fn bare_numbers_under_oku_en_are_yen() {
        let r = target_reading("寄附金額（億円）", "45").unwrap();
        assert_eq!(r.value, Some("4500000000"));
        assert_eq!(r.unit, Some("円"));
        assert_eq!(r.display_unit, Some("億円"));
        // Keyed by the indicator too: 45 elsewhere is not read.
        assert!(target_reading("土地、施設の売却および貸付の件数", "45").is_none());
    }
}
