//! Grids for the recognizer's tests. A grid is written row by row: `<` merges a cell into the
//! one on its left, `^` into the one above, `""` is an empty cell.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use muniplan_ir::{Cell, LayoutDoc, Location, Page, Table, a1};
use muniplan_recognize::{Initiative, Observation, Recognized};

pub fn table(rows: &[&[&str]]) -> Table {
    let n_rows = rows.len() as u32;
    let n_cols = rows.iter().map(|r| r.len()).max().unwrap_or(0) as u32;
    let mut cells: Vec<Cell> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if *text == "<" || *text == "^" || text.is_empty() {
                continue;
            }
            let mut col_span = 1;
            while row.get(c + col_span) == Some(&"<") {
                col_span += 1;
            }
            let mut row_span = 1;
            while rows.get(r + row_span).and_then(|x| x.get(c)) == Some(&"^") {
                row_span += 1;
            }
            cells.push(Cell {
                row: r as u32,
                col: c as u32,
                row_span: row_span as u32,
                col_span: col_span as u32,
                text: text.to_string(),
                location: Location::Sheet {
                    sheet: "s".into(),
                    cell: a1(r as u32, c as u32, row_span as u32, col_span as u32),
                },
                clipped: false,
            });
        }
    }
    Table {
        n_rows,
        n_cols,
        cells,
        continues: None,
    }
}

pub fn doc(tables: Vec<Table>) -> LayoutDoc {
    LayoutDoc {
        pages: vec![Page {
            number: 1,
            name: Some("s".into()),
            tables,
            ..Default::default()
        }],
        ..Default::default()
    }
}

pub fn only(rec: &Recognized) -> &Initiative {
    assert_eq!(rec.initiatives.len(), 1, "{:#?}", rec.initiatives);
    &rec.initiatives[0]
}

/// An observation's value as one string for compact assertions: number and unit, else its
/// text, else `?`.
pub fn shown(o: &Observation) -> String {
    match (&o.value, &o.text) {
        (Some(v), _) => format!("{v}{}", o.unit.as_deref().unwrap_or("")),
        (None, Some(t)) => t.clone(),
        (None, None) => "?".into(),
    }
}
