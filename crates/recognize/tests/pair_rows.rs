//! Rows of label/value pairs (`取組番号 | 3 | 取組名 | ふるさと納税の推進`): each label governs
//! the cell right of it, not the rows below, wherever the row stands in the card and however
//! many pairs it holds. Grids made for these tests (not copied from the novel fixtures).
//!
//! A grid is written row by row: `<` merges a cell into the one on its left, `^` into the one
//! above, `""` is an empty cell.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{doc, table};
use muniplan_recognize::grid::{Grid, Orientation, Role};
use muniplan_recognize::{Kind, recognize};

/// (id, title, departments, (year, kind, value) of every observation) of each initiative.
type Card = (
    String,
    String,
    Vec<String>,
    Vec<(Option<i32>, Kind, String)>,
);

fn cards(tables: Vec<&[&[&str]]>) -> Vec<Card> {
    let rec = recognize(&doc(tables.into_iter().map(table).collect()));
    rec.initiatives
        .iter()
        .map(|i| {
            (
                i.id.clone(),
                i.title.clone(),
                i.departments.clone(),
                i.observations
                    .iter()
                    .map(|o| (o.fiscal_year, o.kind, common::shown(o)))
                    .collect(),
            )
        })
        .collect()
}

fn card(id: &str, title: &str, dept: &str, target: &str) -> Card {
    (
        id.into(),
        title.into(),
        vec![dept.into()],
        vec![(Some(2024), Kind::Target, target.into())],
    )
}

/// In the grid, each label of a pair row governs across, in the first row or another one,
/// with two or three pairs; the card's own label column and year row are as without pairs.
#[test]
fn pair_row_labels_govern_across() {
    let first: &[&[&str]] = &[
        &["取組番号", "7", "取組名", "窓口の改善"],
        &["年度", "令和6年度", "<", "<"],
        &["目標", "12件", "<", "<"],
    ];
    let other: &[&[&str]] = &[
        &["取組名", "窓口の改善", "<", "<"],
        &["所管課", "市民課", "関係課", "情報政策課"],
        &["年度", "令和6年度", "<", "<"],
        &["目標", "12件", "<", "<"],
    ];
    let three: &[&[&str]] = &[
        &["取組名", "窓口の改善", "取組番号", "7", "所管課", "市民課"],
        &["年度", "令和6年度", "<", "<", "<", "<"],
        &["目標", "12件", "<", "<", "<", "<"],
    ];
    for (rows, pair_row, labels) in [(first, 0, 2), (other, 1, 2), (three, 0, 3)] {
        let t = table(rows);
        let g = Grid::new(&t);
        assert!(g.is_pair_row(pair_row), "{rows:?}");
        assert!(!g.header_rows().contains(&pair_row), "{rows:?}");
        let across: Vec<u32> = g
            .row(pair_row)
            .filter(|c| matches!(c.role, Role::Label(_)))
            .map(|c| {
                assert_eq!(
                    c.role.orientation(),
                    Some(Orientation::Across),
                    "{}",
                    c.cell.text
                );
                c.cell.col
            })
            .collect();
        assert_eq!(across.len(), labels, "{rows:?}");
        // The value right of each label is governed by it, from the left.
        for col in across {
            let (_, left) = g.governing(pair_row, col + 1);
            assert_eq!(left.map(|c| c.cell.col), Some(col), "{rows:?}");
        }
        // The year row and kind label below keep governing the values.
        let value_row = t.n_rows - 1;
        let (above, left) = g.governing(value_row, 1);
        assert!(matches!(
            above.map(|c| &c.role),
            Some(Role::Year { year: 2024, .. })
        ));
        assert_eq!(left.map(|c| c.cell.text.as_str()), Some("目標"));
    }
}

/// A card's id from the 取組番号 pair, with the title beside it, in another row or among three
/// pairs, the id after the title: every card keeps its printed number, not its place in the
/// document.
#[test]
fn card_id_from_a_pair() {
    let a: &[&[&str]] = &[
        &["取組番号", "7", "取組名", "窓口の改善"],
        &["所管課", "市民課", "<", "<"],
        &["年度", "令和6年度", "<", "<"],
        &["目標", "12件", "<", "<"],
    ];
    let b: &[&[&str]] = &[
        &["取組名", "補助金の見直し", "<", "<"],
        &["取組番号", "9", "所管課", "財政課"],
        &["年度", "令和6年度", "<", "<"],
        &["目標", "30件", "<", "<"],
    ];
    let c: &[&[&str]] = &[
        &["取組名", "施設の統合", "取組番号", "12", "所管課", "管財課"],
        &["年度", "令和6年度", "<", "<", "<", "<"],
        &["目標", "2施設", "<", "<", "<", "<"],
    ];
    assert_eq!(
        cards(vec![a, b, c]),
        vec![
            card("7", "窓口の改善", "市民課", "12件"),
            card("9", "補助金の見直し", "財政課", "30件"),
            card("12", "施設の統合", "管財課", "2施設"),
        ]
    );
}

/// A list header whose columns alternate labels and words outside the vocabulary is still a
/// header: its data rows below are no labels.
#[test]
fn alternating_list_header_is_no_pair_row() {
    let rows: &[&[&str]] = &[
        &["取組名", "内容", "指標", "説明", "R5目標", "備考"],
        &[
            "窓口の改善",
            "待ち時間の短縮",
            "待ち時間",
            "平均",
            "15分",
            "－",
        ],
        &[
            "補助金の見直し",
            "対象の整理",
            "見直し件数",
            "累計",
            "20件",
            "－",
        ],
    ];
    let t = table(rows);
    let g = Grid::new(&t);
    assert!(!g.is_pair_row(0));
    assert_eq!(g.header_rows(), vec![0]);
    let got: Vec<(String, Option<i32>, Kind, String)> = recognize(&doc(vec![table(rows)]))
        .initiatives
        .iter()
        .flat_map(|i| {
            i.observations
                .iter()
                .map(|o| (i.title.clone(), o.fiscal_year, o.kind, common::shown(o)))
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("窓口の改善".into(), Some(2023), Kind::Target, "15分".into()),
            (
                "補助金の見直し".into(),
                Some(2023),
                Kind::Target,
                "20件".into()
            ),
        ]
    );
}

/// A pair whose label names what the model keeps nowhere (担当者, a person) ends the pair
/// before it: its value is no department.
#[test]
fn contact_pair_is_no_department() {
    let rows: &[&[&str]] = &[
        &["取組番号", "4", "取組名", "市有財産の利活用"],
        &["所管課", "管財課", "担当者", "山田"],
        &["年度", "令和6年度", "<", "<"],
        &["目標", "3件", "<", "<"],
    ];
    assert_eq!(
        cards(vec![rows]),
        vec![card("4", "市有財産の利活用", "管財課", "3件")]
    );
}
