//! Year-bound values on grids made for these tests (`<` merges a cell into the one on its left):
//! a value cell merged across several year columns governs each year it spans (one observation
//! per year, each pointing at the merged cell), in a card and in a list; deadlines and calendar
//! dates reach observations as `date` / `by` with the fiscal year they fall in.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{doc, table};
use muniplan_recognize::grid::Grid;
use muniplan_recognize::vocab::Field;
use muniplan_recognize::{Kind, recognize};

fn plan_years(rows: &[&[&str]]) -> Vec<(Option<i32>, String)> {
    let rec = recognize(&doc(vec![table(rows)]));
    let mut out: Vec<_> = rec
        .initiatives
        .iter()
        .flat_map(|i| i.observations.iter())
        .filter(|o| o.kind == Kind::Plan)
        .map(|o| (o.fiscal_year, o.text.clone().unwrap_or_default()))
        .collect();
    out.sort();
    out
}

#[test]
fn card_plan_word_merged_over_three_years() {
    let got = plan_years(&[
        &["No.1【窓口】窓口の改善（市民課）", "<", "<", "<", "<"],
        &["年度", "R5", "R6", "R7", "R8"],
        &["計画", "実施", "<", "<", "検証"],
    ]);
    assert_eq!(
        got,
        vec![
            (Some(2023), "実施".into()),
            (Some(2024), "実施".into()),
            (Some(2025), "実施".into()),
            (Some(2026), "検証".into()),
        ]
    );
}

#[test]
fn list_plan_word_merged_over_three_years() {
    let got = plan_years(&[
        &["取組項目", "区分", "R5", "R6", "R7", "R8"],
        &["窓口の改善", "計画", "実施", "<", "<", "検証"],
    ]);
    assert_eq!(
        got,
        vec![
            (Some(2023), "実施".into()),
            (Some(2024), "実施".into()),
            (Some(2025), "実施".into()),
            (Some(2026), "検証".into()),
        ]
    );
}

#[test]
fn list_dated_plan_headers_under_one_merged_word() {
    let got = plan_years(&[
        &["取組項目", "担当課", "R5計画", "R6計画", "R7計画"],
        &["窓口の改善", "市民課", "実施", "<", "<"],
        &["事務の見直し", "総務課", "検討", "実施", "<"],
    ]);
    assert_eq!(
        got,
        vec![
            (Some(2023), "実施".into()),
            (Some(2023), "検討".into()),
            (Some(2024), "実施".into()),
            (Some(2024), "実施".into()),
            (Some(2025), "実施".into()),
            (Some(2025), "実施".into()),
        ]
    );
}

/// Deadlines and calendar dates reach observations as values (`date`, `by`, the fiscal year
/// derived April-start), not as text only.
#[test]
fn deadlines_and_dates_reach_observations() {
    let rec = recognize(&doc(vec![table(&[
        &["No.2【組織】組織の見直し（総務課）", "<", "<", "<"],
        &["年度", "R5", "R6", "R7"],
        &[
            "目標",
            "令和5年12月までに令和6年度組織の方向性を確定",
            "令和8年3月までに",
            "令和9年度までに",
        ],
        &["実績", "令和6年3月", "", ""],
    ])]));
    let mut got: Vec<_> = rec
        .initiatives
        .iter()
        .flat_map(|i| i.observations.iter())
        .map(|o| (o.kind, o.fiscal_year, o.date.clone(), o.by))
        .collect();
    got.sort_by_key(|g| format!("{g:?}"));
    let mut want = vec![
        (Kind::Target, Some(2023), Some("2023-12".to_string()), true),
        (Kind::Target, Some(2025), Some("2026-03".to_string()), true),
        (Kind::Target, Some(2027), None, true),
        (Kind::Actual, Some(2023), Some("2024-03".to_string()), false),
    ];
    want.sort_by_key(|g| format!("{g:?}"));
    assert_eq!(got, want);
}

/// The resolver's path of a value merged across year columns names every year it spans, in
/// column order; a value of one column names none beyond its own year, and a final target
/// merged across the years is of none of them.
#[test]
fn path_of_a_merged_value_spans_its_years() {
    let t = table(&[
        &["No.1【窓口】窓口の改善（市民課）", "<", "<", "<", "<"],
        &["年度", "R5", "R6", "R7", "R8"],
        &["計画", "実施", "<", "<", "検証"],
        &["最終目標値", "30件", "<", "<", "<"],
    ]);
    let g = Grid::new(&t);
    let p = g.path(2, 1);
    assert_eq!(p.field, Some(Field::Plan));
    assert_eq!(p.year, Some(2023));
    assert_eq!(p.years, vec![2023, 2024, 2025]);
    let p = g.path(2, 4);
    assert_eq!((p.year, p.years.len()), (Some(2026), 0));
    let p = g.path(3, 1);
    assert_eq!(p.field, Some(Field::FinalTarget));
    assert_eq!((p.year, p.years.len()), (None, 0));
}
