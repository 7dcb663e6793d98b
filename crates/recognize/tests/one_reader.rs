//! One reader for every table: a header over initiative rows (a column band) can stand anywhere
//! a card's rows can, a heading between band rows is a heading as it is between cards, and a
//! transposed card is a band whose rows go on with the card. Layouts made for these tests.
//!
//! A grid is written row by row: `<` merges a cell into the one on its left, `^` into the one
//! above, `""` is an empty cell.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{doc, table};
use muniplan_ir::{Location, TextBlock};
use muniplan_recognize::{Kind, Recognized, recognize};

/// (initiative id, title, category path, indicator, year, kind, value), in reading order.
type Fact = (
    String,
    String,
    Vec<String>,
    String,
    Option<i32>,
    Kind,
    String,
);

fn facts(rec: &Recognized) -> Vec<Fact> {
    rec.initiatives
        .iter()
        .flat_map(|ini| {
            ini.observations.iter().map(move |o| {
                (
                    ini.id.clone(),
                    ini.title.clone(),
                    ini.category_path.clone(),
                    o.indicator.clone().unwrap_or_default(),
                    o.fiscal_year,
                    o.kind,
                    common::shown(o),
                )
            })
        })
        .collect()
}

fn fact(id: &str, title: &str, cat: &[&str], ind: &str, y: i32, k: Kind, v: &str) -> Fact {
    (
        id.into(),
        title.into(),
        cat.iter().map(|c| c.to_string()).collect(),
        ind.into(),
        Some(y),
        k,
        v.into(),
    )
}

/// Section headings printed as rows across a list are headings: the initiatives below each
/// take it as their category, as cards under a heading do, and are no initiative themselves.
#[test]
fn section_rows_inside_a_list_name_the_category_of_the_rows_below() {
    let rec = recognize(&doc(vec![table(&[
        &["No.", "取組項目", "指標", "R5目標", "R5実績"],
        &["(1) 歳入の確保", "<", "<", "<", "<"],
        &["1", "市税の収納率向上", "収納率", "98.5%", "98.7%"],
        &["2", "ふるさと納税の推進", "寄附件数", "1,000件", "1,250件"],
        &["(2) 歳出の削減", "<", "<", "<", "<"],
        &["3", "公共施設の見直し", "延床面積", "10,000㎡", "9,800㎡"],
    ])]));
    // (id, title, category, indicator, kind, value), all of 2023.
    #[rustfmt::skip]
    let rows = [
        ("1", "市税の収納率向上", "歳入の確保", "収納率", Kind::Target, "98.5%"),
        ("1", "市税の収納率向上", "歳入の確保", "収納率", Kind::Actual, "98.7%"),
        ("2", "ふるさと納税の推進", "歳入の確保", "寄附件数", Kind::Target, "1000件"),
        ("2", "ふるさと納税の推進", "歳入の確保", "寄附件数", Kind::Actual, "1250件"),
        ("3", "公共施設の見直し", "歳出の削減", "延床面積", Kind::Target, "10000㎡"),
        ("3", "公共施設の見直し", "歳出の削減", "延床面積", Kind::Actual, "9800㎡"),
    ];
    let want: Vec<Fact> = rows
        .iter()
        .map(|(id, title, cat, ind, k, v)| fact(id, title, &[cat], ind, 2023, *k, v))
        .collect();
    assert_eq!(facts(&rec), want);
}

/// A card's label rows and a list's header in one table (a sheet holding a card, then the
/// list of its sub-items): the header ends the card and starts the band; the band's last
/// initiative ends with its table, so the next table's labelled card is not read into it.
#[test]
fn a_band_after_card_rows_in_one_table_and_a_card_after_the_band() {
    let first = table(&[
        &["取組名", "窓口の改善", "<"],
        &["年度", "令和5年度", "令和6年度"],
        &["目標", "15分", "12分"],
        &["No.", "取組項目", "R5目標"],
        &["2", "証明書のコンビニ交付", "3,000件"],
        &["3", "書かない窓口", "20%"],
    ]);
    let second = table(&[
        &["年度", "令和5年度", "令和6年度"],
        &["実績", "14分", "11分"],
    ]);
    let rec = recognize(&doc(vec![first, second]));
    let got: Vec<(String, Option<i32>, Kind, String)> = rec
        .initiatives
        .iter()
        .flat_map(|ini| {
            ini.observations
                .iter()
                .map(|o| (ini.title.clone(), o.fiscal_year, o.kind, common::shown(o)))
        })
        .collect();
    let v = |t: &str, y: i32, k: Kind, s: &str| (t.to_string(), Some(y), k, s.to_string());
    assert_eq!(
        got,
        vec![
            v("窓口の改善", 2023, Kind::Target, "15分"),
            v("窓口の改善", 2024, Kind::Target, "12分"),
            v("証明書のコンビニ交付", 2023, Kind::Target, "3000件"),
            v("書かない窓口", 2023, Kind::Target, "20%"),
        ],
        "the second table's card has no title: its values are dropped with a warning, not \
         read into the band's last initiative"
    );
    assert!(
        rec.diagnostics
            .iter()
            .any(|d| d.code == "values-without-initiative"),
        "{:#?}",
        rec.diagnostics
    );
}

/// A transposed card (years down the rows) under a heading text line and a unit note line:
/// each year row gives a value under each kind label, in the unit the note states, and a
/// row that starts with no year ends nothing (the 取組状況 label row after it is read as a
/// label row of the same card).
#[test]
fn a_transposed_card_is_a_band_that_goes_on_with_the_card() {
    let mut d = doc(vec![table(&[
        &["指標", "使用料収入", "<"],
        &["年度", "目標", "実績"],
        &["令和4年度", "5,000", "4,820"],
        &["令和5年度", "6,000", "6,100"],
        &["取組状況", "料金改定を実施した", "<"],
    ])]);
    let block = |text: &str, top: f64| TextBlock {
        text: text.into(),
        location: Location::Pdf {
            page: 1,
            bbox: [40.0, top - 10.0, 300.0, top],
        },
    };
    d.pages[0].blocks.push(block("(4) 使用料の見直し", 800.0));
    d.pages[0].blocks.push(block("（単位：千円）", 780.0));
    let rec = recognize(&d);
    let ind = "使用料収入";
    let got: Vec<(String, Option<i32>, Kind, String)> = rec
        .initiatives
        .iter()
        .flat_map(|ini| {
            ini.observations.iter().map(|o| {
                (
                    o.indicator.clone().unwrap_or_default(),
                    o.fiscal_year,
                    o.kind,
                    common::shown(o),
                )
            })
        })
        .collect();
    let v = |i: &str, y: Option<i32>, k: Kind, s: &str| (i.to_string(), y, k, s.to_string());
    assert_eq!(rec.initiatives.len(), 1, "{:#?}", rec.initiatives);
    assert_eq!(rec.initiatives[0].title, "使用料の見直し");
    assert_eq!(
        got,
        vec![
            v(ind, Some(2022), Kind::Target, "5000000円"),
            v(ind, Some(2022), Kind::Actual, "4820000円"),
            v(ind, Some(2023), Kind::Target, "6000000円"),
            v(ind, Some(2023), Kind::Actual, "6100000円"),
            v("", None, Kind::Status, "料金改定を実施した"),
        ]
    );
}

/// A card whose yearly rows stand under a header row of their own (`項目 | 単位 | 2023年度 …`):
/// the `項目` label heads its column (it names no category and opens no card), each row's
/// `単位` cell is the unit of its values and no value itself — with the unit column beside the
/// labels or after the years.
#[test]
fn a_header_row_inside_a_card_heads_its_columns() {
    let unit_after_label = table(&[
        &["取組名", "ごみの減量化", "<", "<", "<"],
        &["担当課", "環境課", "<", "<", "<"],
        &["項目", "単位", "2023年度", "2024年度", "2025年度"],
        &["目標値", "t", "32,000", "31,500", "31,000"],
        &["実績値", "t", "32,400", "31,200", ""],
    ]);
    let unit_last = table(&[
        &["取組名", "ごみの減量化", "<", "<", "<"],
        &["担当課", "環境課", "<", "<", "<"],
        &["項目", "2023年度", "2024年度", "2025年度", "単位"],
        &["目標値", "32,000", "31,500", "31,000", "t"],
        &["実績値", "32,400", "31,200", "", "t"],
    ]);
    for t in [unit_after_label, unit_last] {
        let rec = recognize(&doc(vec![t]));
        assert_eq!(rec.initiatives.len(), 1, "{:#?}", rec.initiatives);
        let ini = &rec.initiatives[0];
        assert_eq!(
            (ini.title.as_str(), ini.departments.clone()),
            ("ごみの減量化", vec!["環境課".to_string()])
        );
        let got: Vec<(Option<i32>, Kind, String)> = ini
            .observations
            .iter()
            .map(|o| (o.fiscal_year, o.kind, common::shown(o)))
            .collect();
        let v = |y: i32, k: Kind, s: &str| (Some(y), k, s.to_string());
        assert_eq!(
            got,
            vec![
                v(2023, Kind::Target, "32000t"),
                v(2024, Kind::Target, "31500t"),
                v(2025, Kind::Target, "31000t"),
                v(2023, Kind::Actual, "32400t"),
                v(2024, Kind::Actual, "31200t"),
            ]
        );
    }
}
