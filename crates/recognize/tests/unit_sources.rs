//! Where an observation's unit came from: its own cell, its indicator's name, a unit note of
//! the card, or a header over its column, with the hint's location when not the cell. Grids
//! made for these tests; each unit source is shown in a card and, where it applies, a list.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{doc, only, table};
use muniplan_ir::Location;
use muniplan_recognize::{Kind, Observation, UnitSource, recognize};

fn sheet_cell(o: &Observation) -> Option<String> {
    match &o.unit_location {
        Some(Location::Sheet { cell, .. }) => Some(cell.clone()),
        _ => None,
    }
}

/// (raw, unit, unit source, cell of the hint) of a numeric observation.
type UnitFact = (String, Option<String>, Option<UnitSource>, Option<String>);

/// The unit facts of every numeric observation.
fn units(rows: &[&[&str]]) -> Vec<UnitFact> {
    let rec = recognize(&doc(vec![table(rows)]));
    only(&rec)
        .observations
        .iter()
        .filter(|o| o.value.is_some())
        .map(|o| (o.raw.clone(), o.unit.clone(), o.unit_source, sheet_cell(o)))
        .collect()
}

fn want(raw: &str, unit: &str, source: UnitSource, at: Option<&str>) -> UnitFact {
    (
        raw.to_string(),
        Some(unit.to_string()),
        Some(source),
        at.map(str::to_string),
    )
}

#[test]
fn card_units_from_note_indicator_and_cell() {
    let note = units(&[
        &["No.1【歳入確保】使用料の見直し（財政課）", "<", "<"],
        &["（単位：千円）", "<", "<"],
        &["年度", "R5", "R6"],
        &["目標", "10,000", "12件"],
    ]);
    assert_eq!(
        note,
        vec![
            want("10,000", "円", UnitSource::Note, Some("A2:C2")),
            want("12件", "件", UnitSource::Cell, None),
        ]
    );
    let indicator = units(&[
        &["No.2【歳入確保】ふるさと納税の推進（財政課）", "<", "<"],
        &["指標", "寄附金額（億円）", "<"],
        &["年度", "R5", "R6"],
        &["目標", "3", "4"],
    ]);
    assert_eq!(
        indicator,
        vec![
            want("3", "円", UnitSource::Indicator, Some("B2:C2")),
            want("4", "円", UnitSource::Indicator, Some("B2:C2")),
        ]
    );
}

#[test]
fn list_units_from_column_header_and_cell() {
    let rows: &[&[&str]] = &[
        &["取組項目", "指標", "R5目標（千円）", "R5実績", "担当課"],
        &["使用料の見直し", "使用料収入額", "10,000", "12件", "財政課"],
    ];
    let got = units(rows);
    assert_eq!(
        got,
        vec![
            want("10,000", "円", UnitSource::Header, Some("C1")),
            want("12件", "件", UnitSource::Cell, None),
        ]
    );
    let rec = recognize(&doc(vec![table(rows)]));
    assert!(
        only(&rec)
            .observations
            .iter()
            .all(|o| matches!(o.kind, Kind::Target | Kind::Actual)),
        "{:#?}",
        only(&rec).observations
    );
}
