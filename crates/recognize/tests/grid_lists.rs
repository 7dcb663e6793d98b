//! Lists read through the grid's header paths, on layouts made for these tests (not copied from
//! the novel fixtures): a long table whose 年度, 区分 and 単位 columns give each row's year,
//! kind and unit in whatever order the columns stand; a KPI table with its 単位 column on
//! either side of the indicator; a matrix of marks per initiative and year.
//!
//! A grid is written row by row: `<` merges a cell into the one on its left, `^` into the one
//! above, `""` is an empty cell.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{doc, table};
use muniplan_recognize::{Kind, Recognized, recognize};

fn recognized(rows: &[&[&str]]) -> Recognized {
    recognize(&doc(vec![table(rows)]))
}

/// (initiative id, indicator, year, kind, value+unit or text), sorted.
fn facts(rec: &Recognized) -> Vec<(String, String, Option<i32>, Kind, String)> {
    let mut out: Vec<_> = rec
        .initiatives
        .iter()
        .flat_map(|ini| {
            ini.observations.iter().map(move |o| {
                let v = common::shown(o);
                (
                    ini.id.clone(),
                    o.indicator.clone().unwrap_or_default(),
                    o.fiscal_year,
                    o.kind,
                    v,
                )
            })
        })
        .collect();
    out.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    out
}

fn f(id: &str, ind: &str, y: i32, k: Kind, v: &str) -> (String, String, Option<i32>, Kind, String) {
    (id.into(), ind.into(), Some(y), k, v.into())
}

/// The same long table, columns in three orders: one initiative per repeated key, each row's
/// kind from its 区分 cell, year from its 年度 cell, unit from its 単位 cell.
#[test]
fn long_table_in_any_column_order() {
    let header = ["番号", "取組名", "指標名", "年度", "区分", "値", "単位"];
    let body = [
        ["1", "窓口の改善", "待ち時間", "2022", "目標値", "15", "分"],
        ["1", "窓口の改善", "待ち時間", "2022", "実績値", "18", "分"],
        ["1", "窓口の改善", "待ち時間", "2023", "目標", "12", "分"],
        [
            "2",
            "収納率の向上",
            "市税収納率",
            "2023",
            "実績",
            "98.4",
            "%",
        ],
    ];
    let want = vec![
        f("1", "待ち時間", 2022, Kind::Actual, "18分"),
        f("1", "待ち時間", 2022, Kind::Target, "15分"),
        f("1", "待ち時間", 2023, Kind::Target, "12分"),
        f("2", "市税収納率", 2023, Kind::Actual, "98.4%"),
    ];
    for order in [
        [0, 1, 2, 3, 4, 5, 6],
        [6, 5, 4, 3, 2, 1, 0],
        [1, 0, 6, 2, 5, 3, 4],
    ] {
        let pick = |row: &[&'static str; 7]| order.map(|i| row[i]);
        let mut rows: Vec<[&str; 7]> = vec![pick(&header)];
        rows.extend(body.iter().map(pick));
        let rows: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
        let rec = recognized(&rows);
        assert_eq!(rec.initiatives.len(), 2, "{order:?}");
        assert_eq!(facts(&rec), want, "{order:?}");
        // The 年度 and 番号 cells are the rows' years and ids, not unexplained digits.
        assert!(
            rec.coverage.unexplained.is_empty(),
            "{:?}",
            rec.coverage.unexplained
        );
    }
}

/// A KPI table: the 単位 column names each row's unit, left or right of the indicator; a
/// numbered title gives the id.
#[test]
fn kpi_unit_column_on_either_side() {
    let want = vec![
        f("(1)", "相談件数", 2021, Kind::Baseline, "40件"),
        f("(1)", "相談件数", 2024, Kind::Actual, "55件"),
        f("(1)", "相談件数", 2024, Kind::Target, "60件"),
        f("(2)", "寄附額", 2021, Kind::Baseline, "3000000円"),
        f("(2)", "寄附額", 2024, Kind::Actual, "5500000円"),
        f("(2)", "寄附額", 2024, Kind::Target, "5000000円"),
    ];
    let right: &[&[&str]] = &[
        &["施策", "KPI", "単位", "基準値（R3）", "R6目標", "R6実績"],
        &["(1) 相談体制の充実", "相談件数", "件", "40", "60", "55"],
        &[
            "(2) 財源の確保",
            "寄附額",
            "千円",
            "3,000",
            "5,000",
            "5,500",
        ],
    ];
    let left: &[&[&str]] = &[
        &["単位", "施策", "KPI", "R6目標", "R6実績", "基準値（R3）"],
        &["件", "(1) 相談体制の充実", "相談件数", "60", "55", "40"],
        &[
            "千円",
            "(2) 財源の確保",
            "寄附額",
            "5,000",
            "5,500",
            "3,000",
        ],
    ];
    for rows in [right, left] {
        assert_eq!(facts(&recognized(rows)), want);
    }
}

/// Marks under bare year headers, no kind label anywhere: each is the grade of its row's
/// initiative for that year.
#[test]
fn mark_matrix_gives_grades() {
    let rec = recognized(&[
        &["No.", "取組名", "令和4年度", "令和5年度"],
        &["1", "窓口の改善", "○", "◎"],
        &["2", "補助金の見直し", "×", "△"],
    ]);
    assert_eq!(
        facts(&rec),
        vec![
            f("1", "", 2022, Kind::Grade, "○"),
            f("1", "", 2023, Kind::Grade, "◎"),
            f("2", "", 2022, Kind::Grade, "×"),
            f("2", "", 2023, Kind::Grade, "△"),
        ]
    );
}

/// A year row over labelled rows stays a card: its year columns are not a list's.
#[test]
fn year_row_over_labelled_rows_is_no_matrix() {
    let rec = recognized(&[
        &["取組名", "窓口の改善", "<"],
        &["年度", "令和4年度", "令和5年度"],
        &["目標値", "10件", "12件"],
    ]);
    assert_eq!(
        facts(&rec),
        vec![
            f("1", "", 2022, Kind::Target, "10件"),
            f("1", "", 2023, Kind::Target, "12件"),
        ]
    );
}

/// Unit cells: a long table with 目標値 / 実績値 columns, one row per indicator and Western
/// year; whatever word stands under 単位 is its row's unit (counters outside the normalizer's
/// units: `校`, `窓口`; known units as the normalizer reads them: `千円`), and a placeholder
/// there is none. Columns in two orders.
#[test]
fn unit_column_holds_any_counter_word() {
    let header = [
        "単位",
        "年度",
        "番号",
        "取組名",
        "指標名",
        "目標値",
        "実績値",
    ];
    let body = [
        ["校", "2022", "1", "学校の統合", "統合校数", "3", "2"],
        ["窓口", "2023", "2", "窓口の集約", "総合窓口数", "5", "5"],
        [
            "千円",
            "2023",
            "3",
            "財源の確保",
            "寄附額",
            "4,000",
            "4,500",
        ],
        ["－", "2023", "4", "手続の改善", "電子申請件数", "10", "12"],
    ];
    let want = vec![
        f("1", "統合校数", 2022, Kind::Actual, "2校"),
        f("1", "統合校数", 2022, Kind::Target, "3校"),
        f("2", "総合窓口数", 2023, Kind::Actual, "5窓口"),
        f("2", "総合窓口数", 2023, Kind::Target, "5窓口"),
        f("3", "寄附額", 2023, Kind::Actual, "4500000円"),
        f("3", "寄附額", 2023, Kind::Target, "4000000円"),
        f("4", "電子申請件数", 2023, Kind::Actual, "12"),
        f("4", "電子申請件数", 2023, Kind::Target, "10"),
    ];
    for order in [[0, 1, 2, 3, 4, 5, 6], [2, 3, 4, 1, 5, 6, 0]] {
        let pick = |row: &[&'static str; 7]| order.map(|i| row[i]);
        let mut rows: Vec<[&str; 7]> = vec![pick(&header)];
        rows.extend(body.iter().map(pick));
        let rows: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
        assert_eq!(facts(&recognized(&rows)), want, "{order:?}");
    }
}
