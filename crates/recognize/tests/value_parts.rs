//! A value with an 'of which' part (`45団体（うち新規3）`) gives the whole and the part, the part
//! under its own name (the indicator and the part's label), on a grid made for this test.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{doc, table};
use muniplan_recognize::{Kind, recognize};

#[test]
fn an_of_which_part_is_a_sub_indicator() {
    let rec = recognize(&doc(vec![table(&[
        &["No.3【協働】市民活動の支援（協働推進課）", "<", "<"],
        &["指標", "年度", "R5", "R6"],
        &["登録団体数", "目標", "45団体（うち新規3）", "50団体"],
        &["^", "実績", "47団体（うち新規5団体）", ""],
    ])]));
    let mut got: Vec<_> = rec
        .initiatives
        .iter()
        .flat_map(|i| i.observations.iter())
        .map(|o| {
            (
                o.indicator.clone().unwrap_or_default(),
                o.kind,
                o.fiscal_year,
                o.value.map(|v| v.to_string()),
                o.unit.clone(),
            )
        })
        .collect();
    got.sort_by_key(|g| format!("{g:?}"));
    let f = |i: &str, k, y, v: &str| {
        (
            i.to_string(),
            k,
            Some(y),
            Some(v.to_string()),
            Some("団体".to_string()),
        )
    };
    let mut want = vec![
        f("登録団体数", Kind::Target, 2023, "45"),
        f("登録団体数 新規", Kind::Target, 2023, "3"),
        f("登録団体数", Kind::Target, 2024, "50"),
        f("登録団体数", Kind::Actual, 2023, "47"),
        f("登録団体数 新規", Kind::Actual, 2023, "5"),
    ];
    want.sort_by_key(|g| format!("{g:?}"));
    assert_eq!(got, want);
}
