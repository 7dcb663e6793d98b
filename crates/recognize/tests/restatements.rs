//! One observation per fact: a summary list that prints values of the main table again (a list
//! of unmet targets, say) adds no observation; it leaves a `restated-value` note at the
//! restating cell, and a restatement with another value is a warning that keeps the main
//! table's value. Grids made for this test, not copied from a seed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{doc, table};
use muniplan_ir::Location;
use muniplan_recognize::{Kind, recognize};

#[test]
fn a_summary_list_restating_the_main_table_adds_no_observation() {
    let main = table(&[
        &[
            "No.",
            "取組項目",
            "指標",
            "R4目標",
            "R4実績",
            "R5目標",
            "R5実績",
        ],
        &[
            "1",
            "使用料の見直し",
            "使用料収入額（千円）",
            "12,000",
            "11,000",
            "12,000",
            "12,500",
        ],
        &[
            "2",
            "広告収入の確保",
            "広告件数（件）",
            "30",
            "25",
            "30",
            "28",
        ],
    ]);
    let unmet = table(&[
        &["取組項目", "指標", "R5目標", "R5実績"],
        &["広告収入の確保", "広告件数（件）", "30", "28"],
        &["使用料の見直し", "使用料収入額（千円）", "12,000", "12,400"],
    ]);
    let rec = recognize(&doc(vec![main, unmet]));
    let titles: Vec<&str> = rec.initiatives.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        ["使用料の見直し", "広告収入の確保"],
        "{:#?}",
        rec.initiatives
    );
    for ini in &rec.initiatives {
        assert_eq!(ini.observations.len(), 4, "{:#?}", ini.observations);
    }
    // The main table's 12,500 stands; the list's 12,400 is a warning at its cell.
    let fee = &rec.initiatives[0];
    let r5_actual: Vec<String> = fee
        .observations
        .iter()
        .filter(|o| o.kind == Kind::Actual && o.fiscal_year == Some(2023))
        .map(|o| o.raw.clone())
        .collect();
    assert_eq!(r5_actual, ["12,500"]);
    let codes: Vec<(&str, String)> = rec
        .diagnostics
        .iter()
        .filter(|d| d.code.contains("restate"))
        .map(|d| (d.code.as_str(), format!("{:?}", d.location)))
        .collect();
    let notes = codes.iter().filter(|(c, _)| *c == "restated-value").count();
    let conflicts: Vec<&String> = codes
        .iter()
        .filter(|(c, _)| *c == "conflicting-restatement")
        .map(|(_, l)| l)
        .collect();
    // 広告件数 30/28 and 使用料 target 12,000 agree; 使用料 actual 12,400 does not.
    assert_eq!(notes, 3, "{codes:#?}");
    assert_eq!(conflicts.len(), 1, "{codes:#?}");
    assert!(conflicts[0].contains("D3"), "{codes:#?}");
}

/// A card continued in a second table (the next page) that prints its heading, year header and
/// plan row again: the plan is one fact per year, the second copy a `restated-value` note; the
/// new rows of the continuation still count.
#[test]
fn a_continued_card_repeating_its_plan_row_gives_each_plan_once() {
    // The continuation repeats the whole heading, or the heading without its id.
    continued_card("No.4【②歳入確保】使用料の見直し（財政課）");
    continued_card("【②歳入確保】使用料の見直し（財政課）");
}

fn continued_card(again: &str) {
    let first = table(&[
        &[
            "No.4【②歳入確保】使用料の見直し（財政課）",
            "<",
            "<",
            "<",
            "<",
        ],
        &["指標等", "年度", "R5", "R6", "R7"],
        &["", "計画", "実施", "実施", "検討"],
        &["使用料収入額（千円）", "目標", "10,000", "11,000", "12,000"],
    ]);
    let mut second = table(&[
        &[again, "<", "<", "<", "<"],
        &["指標等", "年度", "R5", "R6", "R7"],
        &["", "計画", "実施", "実施", "検討"],
        &["施設利用者数（人）", "目標", "5,000", "5,500", "6,000"],
    ]);
    // The continuation stands elsewhere (its own cells).
    for cell in &mut second.cells {
        if let Location::Sheet { sheet, .. } = &mut cell.location {
            *sheet = "s (2)".into();
        }
    }
    let rec = recognize(&doc(vec![first, second]));
    assert_eq!(rec.initiatives.len(), 1, "{again}: {:#?}", rec.initiatives);
    let ini = &rec.initiatives[0];
    assert_eq!(ini.id, "No.4");
    let plans: Vec<(Option<i32>, Option<&str>)> = ini
        .observations
        .iter()
        .filter(|o| o.kind == Kind::Plan)
        .map(|o| (o.fiscal_year, o.text.as_deref()))
        .collect();
    assert_eq!(
        plans,
        [
            (Some(2023), Some("実施")),
            (Some(2024), Some("実施")),
            (Some(2025), Some("検討"))
        ],
        "{:#?}",
        ini.observations
    );
    let targets = ini
        .observations
        .iter()
        .filter(|o| o.kind == Kind::Target)
        .count();
    assert_eq!(targets, 6, "{:#?}", ini.observations);
    let notes = rec
        .diagnostics
        .iter()
        .filter(|d| d.code == "restated-value")
        .count();
    assert_eq!(notes, 3, "{:#?}", rec.diagnostics);
}
