//! The resolver's path (`Grid::path`) on grids made for these tests: the field and years each
//! value cell is given, where a kind word stands in a value's position.
//!
//! A grid is written row by row: `<` merges a cell into the one on its left, `^` into the one
//! above, `""` is an empty cell.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::table;
use muniplan_recognize::grid::{Grid, Role};
use muniplan_recognize::vocab::Field;

/// `達成` in a 進捗状況 row, under a year, is that year's status: no grade label over the
/// year's target below it.
#[test]
fn status_word_in_a_status_row_is_a_value() {
    let t = table(&[
        &["年次計画", "年度", "令和5年度", "令和6年度"],
        &["^", "進捗状況", "実施", "達成"],
        &["^", "年度目標", "研修の実施", "研修の継続"],
        &["^", "数値", "20人", "0人"],
    ]);
    let g = Grid::new(&t);
    let status = g.at(1, 3).unwrap();
    assert!(!matches!(status.role, Role::Label(_)), "{:?}", status.role);
    let p = g.path(1, 3);
    assert_eq!((p.field, p.year), (Some(Field::Status), Some(2024)));
    for row in [2, 3] {
        let p = g.path(row, 3);
        assert_eq!(
            (p.field, p.year),
            (Some(Field::Target), Some(2024)),
            "row {row}"
        );
    }
}

/// A card's `目標の数値` standing right over one of the year columns (its value printed
/// elsewhere) is no header of the year grid below: the status under that year is a status.
/// A kind label spanning the whole year row stays the years' stacked header.
#[test]
fn label_over_one_of_the_years_is_no_year_header() {
    let t = table(&[
        &["目標の状態", "研修を充実する", "<", "目標の数値", ""],
        &["年度", "令和4年度", "令和5年度", "令和6年度", "令和7年度"],
        &["進捗状況", "実施", "実施", "実施", "未実施"],
    ]);
    let g = Grid::new(&t);
    let p = g.path(2, 3);
    assert_eq!((p.field, p.year), (Some(Field::Status), Some(2024)));
    let t = table(&[
        &["取組項目", "目標値", "<", "<"],
        &["^", "令和5年度", "令和6年度", "令和7年度"],
        &["窓口の改善", "10件", "12件", "14件"],
    ]);
    let g = Grid::new(&t);
    let p = g.path(2, 2);
    assert_eq!((p.field, p.year), (Some(Field::Target), Some(2024)));
}

/// A word that is both a label and a progress word (`達成`), standing after a 評価 / 進捗状況 /
/// 計画 row label in its row, is that label's value: the row is no header row, the label
/// governs across, and the year column over it dates it.
#[test]
fn label_word_after_a_grade_row_label_is_its_value() {
    let t = table(&[
        &["年度", "令和3年度", "令和4年度", "令和5年度"],
        &["基準値", "3", "", ""],
        &["目標", "", "4", ""],
        &["実績", "", "5", ""],
        &["評価", "", "", "達成"],
    ]);
    let g = Grid::new(&t);
    assert!(!matches!(g.at(4, 3).unwrap().role, Role::Label(_)));
    let p = g.path(4, 3);
    assert_eq!((p.field, p.year), (Some(Field::Grade), Some(2023)));
}

/// `達成` in a 進捗状況 row is a value from the start: it governs nothing below it, so the
/// next card's `現状の数値` in its column stays a label and its number a baseline.
#[test]
fn status_word_governs_nothing_below() {
    let t = table(&[
        &["目標の状態", "研修を充実する", "現状の数値", "成績反映0%"],
        &["^", "^", "目標の数値", ""],
        &["年度", "令和4年度", "令和5年度", "令和6年度"],
        &["進捗状況", "実施", "達成", "達成"],
        &["担当課", "収納課", "関係課", "財政課"],
        &[
            "目標の状態",
            "収納率を上げる",
            "現状の数値",
            "収納率：95.45%",
        ],
        &["^", "^", "目標の数値", "収納率：97.50%"],
    ]);
    let g = Grid::new(&t);
    assert!(matches!(g.at(5, 2).unwrap().role, Role::Label(_)));
    assert_eq!(g.path(5, 3).field, Some(Field::Baseline));
    assert_eq!(g.path(6, 3).field, Some(Field::FinalTarget));
    let p = g.path(3, 2);
    assert_eq!((p.field, p.year), (Some(Field::Status), Some(2023)));
}
/// Years side by side form a year row: the last one governs its column down like the others,
/// whatever text (a `備考` header the vocabulary does not know) stands right of it.
#[test]
fn last_year_of_a_year_row_governs_down() {
    let t = table(&[
        &["年度", "令和2年度", "令和3年度", "令和4年度", "", "備考"],
        &["目標", "96.0%", "96.4%", "96.8%", "", ""],
        &["実績", "95.9%", "96.5%", "", "", ""],
    ]);
    let g = Grid::new(&t);
    let p = g.path(1, 3);
    assert_eq!((p.field, p.year), (Some(Field::Target), Some(2022)));
}

/// Years one under another form a year column (a transposed card): the last one dates its
/// row like the others, even when only a label word (`達成` under `評価`) stands in it.
#[test]
fn last_year_of_a_year_column_governs_across() {
    let t = table(&[
        &["年度", "基準値", "目標", "実績", "評価"],
        &["令和3年度", "3", "", "", ""],
        &["令和4年度", "", "4", "5", ""],
        &["令和5年度", "", "", "", "達成"],
    ]);
    let g = Grid::new(&t);
    let p = g.path(3, 4);
    assert_eq!((p.field, p.year), (Some(Field::Grade), Some(2023)));
}

/// A value filling the rest of its row beside its row label (`最終目標値 | 累計450件` across
/// the card) is that label's: a column header standing above it (the card's 計画 column, or
/// the card above's 目標 column) does not give it its kind.
#[test]
fn whole_row_value_is_its_row_labels() {
    let t = table(&[
        &["年度", "計画", "取組状況"],
        &["令和4年度", "実施", ""],
        &["令和5年度", "実施", "受付を開始した。"],
        &["指標", "電子申請件数", "<"],
        &["最終目標値", "累計450件", "<"],
        &["年度", "目標", "実績"],
        &["令和4年度", "250件", "171件"],
    ]);
    let g = Grid::new(&t);
    let p = g.path(4, 1);
    assert_eq!((p.field, p.year), (Some(Field::FinalTarget), None));
    let p = g.path(6, 1);
    assert_eq!((p.field, p.year), (Some(Field::Target), Some(2022)));
    let t = table(&[
        &["指標", "市税収納率"],
        &["最終目標値", "収納率99%以上を維持する。"],
        &["年度", "目標"],
        &["令和8年度", "98.60%"],
        &["令和9年度", "98.65%"],
        &["指標", "口座振替件数"],
        &["最終目標値", "口座振替及び電子納付件数の増加"],
        &["年度", "目標"],
        &["令和8年度", "110000件"],
    ]);
    let g = Grid::new(&t);
    for row in [1, 6] {
        let p = g.path(row, 1);
        assert_eq!(
            (p.field, p.year),
            (Some(Field::FinalTarget), None),
            "row {row}"
        );
    }
    let p = g.path(8, 1);
    assert_eq!((p.field, p.year), (Some(Field::Target), Some(2026)));
}

/// Cards stacked in one table, years down the rows: each card's row of labels is its own
/// column header, not a value under the card above's column (a grade word under `達成率`):
/// the second card's `達成` is its `評価`'s grade, not an achievement rate.
#[test]
fn stacked_transposed_cards_keep_their_headers() {
    let t = table(&[
        &["指標", "電子申請件数", "<", "<", "<"],
        &["年度", "基準値", "目標", "実績", "達成率"],
        &["令和3年度", "3", "", "", ""],
        &["令和4年度", "", "4", "5", ""],
        &["令和5年度", "", "", "", "98%"],
        &["指標", "交付枚数", "<", "<", "<"],
        &["年度", "基準値", "目標", "実績", "評価"],
        &["令和3年度", "3", "", "", ""],
        &["令和4年度", "", "4", "5", ""],
        &["令和5年度", "", "", "", "達成"],
    ]);
    let g = Grid::new(&t);
    assert!(matches!(g.at(6, 4).unwrap().role, Role::Label(_)));
    let p = g.path(4, 4);
    assert_eq!(
        (p.field, p.year),
        (Some(Field::AchievementRate), Some(2023))
    );
    let p = g.path(9, 4);
    assert_eq!((p.field, p.year), (Some(Field::Grade), Some(2023)));
    let p = g.path(8, 3);
    assert_eq!((p.field, p.year), (Some(Field::Actual), Some(2022)));
}

/// Row labels between a kind label and its dated values name the indicator, outermost first:
/// a group label merged down over two item labels gives each row `group item`; the labels are
/// names, not values. Text in a row no kind label heads names nothing.
#[test]
fn row_labels_between_a_kind_label_and_its_years_name_the_indicator() {
    let t = table(&[
        &["年度", "", "", "令和5年度", "令和6年度"],
        &["目標数値", "市民税", "未申告調査", "200件", "210件"],
        &["^", "^", "納税相談", "30件", "35件"],
        &["^", "固定資産税", "<", "95%", "96%"],
        &["備考", "特になし", "<", "<", "<"],
    ]);
    let g = Grid::new(&t);
    let name = |row, col| g.path(row, col).indicator.map(|(n, _)| n);
    assert_eq!(name(1, 3).as_deref(), Some("市民税 未申告調査"));
    assert_eq!(name(1, 4).as_deref(), Some("市民税 未申告調査"));
    assert_eq!(name(2, 4).as_deref(), Some("市民税 納税相談"));
    assert_eq!(name(3, 3).as_deref(), Some("固定資産税"));
    assert_eq!(g.path(1, 4).year, Some(2024));
    for (row, col) in [(1, 1), (1, 2), (2, 2), (3, 1)] {
        let cell = g.at(row, col).unwrap();
        assert!(
            matches!(cell.role, Role::IndicatorName(_)),
            "({row}, {col}): {:?}",
            cell.role
        );
    }
    // 備考 is no kind label: 特になし stays prose.
    assert_eq!(g.at(4, 1).unwrap().role, Role::Prose);
}

/// A deadline (`令和9年度までに`) under a year header is a value, not a year of a year column:
/// the year row over it stays a year row, its last year governing down like the others.
#[test]
fn a_deadline_under_a_year_is_a_value() {
    let t = table(&[
        &["年度", "R5", "R6", "R7"],
        &["目標", "研修を実施", "令和8年3月までに", "令和9年度までに"],
    ]);
    let g = Grid::new(&t);
    assert_eq!(g.at(1, 3).unwrap().role, Role::Value);
    assert_eq!(
        g.at(0, 3).unwrap().role.orientation(),
        Some(muniplan_recognize::grid::Orientation::Down)
    );
    let p = g.path(1, 3);
    assert_eq!((p.field, p.year), (Some(Field::Target), Some(2025)));
}
