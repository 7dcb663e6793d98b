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
