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

/// A list under a unit note: the note is the unit of every bare number of the table below it,
/// wherever it stands above the table (its right end, its left end, a row of its own between
/// the header and the values) or as a text line before the table; a unit printed in the cell
/// or a `単位` cell of the row wins, and a second note governs the rows below it.
#[test]
fn list_units_from_a_note_above_the_table() {
    let header: &[&str] = &["No.", "指標名", "区分", "令和4年度", "令和5年度"];
    let target: &[&str] = &["1", "使用料収入", "目標", "5,000", "6,000件"];
    let actual: &[&str] = &["^", "^", "実績", "4,820", ""];
    let right: &[&[&str]] = &[&["", "", "", "", "（単位：千円）"], header, target, actual];
    let left: &[&[&str]] = &[&["単位：千円", "", "", "", ""], header, target, actual];
    let own_row: &[&[&str]] = &[
        header,
        &["（単位 千円）", "<", "<", "<", "<"],
        target,
        actual,
    ];
    let want = |at: &str| {
        vec![
            want("5,000", "円", UnitSource::Note, Some(at)),
            want("6,000件", "件", UnitSource::Cell, None),
            want("4,820", "円", UnitSource::Note, Some(at)),
        ]
    };
    assert_eq!(units(right), want("E1"));
    assert_eq!(units(left), want("A1"));
    assert_eq!(units(own_row), want("A2:E2"));

    // A text line before the table (a PDF's `（単位：千円）` above the list).
    let line = muniplan_ir::TextBlock {
        text: "（単位：千円）".into(),
        location: Location::Pdf {
            page: 1,
            bbox: [400.0, 760.0, 460.0, 770.0],
        },
    };
    let mut d = doc(vec![table(&[header, target, actual])]);
    d.pages[0].blocks.push(line);
    let rec = recognize(&d);
    let got: Vec<(String, Option<UnitSource>, bool)> = only(&rec)
        .observations
        .iter()
        .map(|o| {
            (
                common::shown(o),
                o.unit_source,
                matches!(o.unit_location, Some(Location::Pdf { .. })),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("5000000円".to_string(), Some(UnitSource::Note), true),
            ("6000件".to_string(), Some(UnitSource::Cell), false),
            ("4820000円".to_string(), Some(UnitSource::Note), true),
        ]
    );

    // A 単位 cell of the row wins over the note; a second note governs the rows below it.
    let rows: &[&[&str]] = &[
        &["", "", "", "", "（単位：千円）"],
        &["No.", "指標名", "単位", "R4目標", "R5目標"],
        &["1", "使用料収入", "", "5,000", ""],
        &["2", "利用者数", "人", "300", ""],
        &["（単位：百万円）", "<", "<", "<", "<"],
        &["3", "売却収入", "", "12", ""],
    ];
    let rec = recognize(&doc(vec![table(rows)]));
    let got: Vec<(String, Option<UnitSource>)> = rec
        .initiatives
        .iter()
        .flat_map(|i| &i.observations)
        .map(|o| (common::shown(o), o.unit_source))
        .collect();
    assert_eq!(
        got,
        vec![
            ("5000000円".to_string(), Some(UnitSource::Note)),
            ("300人".to_string(), Some(UnitSource::Header)),
            ("12000000円".to_string(), Some(UnitSource::Note)),
        ]
    );
}
