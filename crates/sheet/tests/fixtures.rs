//! The committed 南アルプス市 fixtures (fixtures/minamialps/, seed 002) read as the city's
//! workbook displays them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{a1_of, table, text};
use muniplan_sheet::{SheetOptions, read};

const XLSX: &[u8] = include_bytes!("../../../fixtures/minamialps/minamialps_jisshikeikaku.xlsx");
const CSV: &[u8] = include_bytes!("../../../fixtures/minamialps/minamialps_mokuhyo_cp932.csv");

#[test]
fn jisshikeikaku_xlsx_cards() {
    let doc = read(XLSX, "minamialps_jisshikeikaku.xlsx", &SheetOptions::new()).unwrap();
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let t = table(&doc, "実施計画");
    let label_rows = |label: &str| -> Vec<u32> {
        t.cells
            .iter()
            .filter(|c| c.col == 0 && c.text == label)
            .map(|c| c.row)
            .collect()
    };
    let targets = label_rows("目標値");
    assert_eq!(targets.len(), 31);
    assert_eq!(label_rows("実績値").len(), 31);
    // Card 1 starts at row 3; cards are 13 rows apart.
    assert_eq!(targets[0], 12);
    assert!(targets.windows(2).all(|w| w[1] - w[0] == 13));
    let row = |card: usize| -> Vec<&str> { (1..=5).map(|c| text(t, targets[card], c)).collect() };
    assert_eq!(row(0), ["98.60%", "98.65%", "98.70%", "98.75%", "98.80%"]);
    assert_eq!(
        row(1),
        [
            "110,000件",
            "110,100件",
            "110,200件",
            "110,300件",
            "110,400件"
        ]
    );
    assert_eq!(row(3), ["45", "46", "47", "48", "49"]);
    assert_eq!(row(6), ["28.5%", "29.0%", "29.5%", "30.0%", "30.0%"]);
    assert_eq!(
        row(7),
        ["研究・検討", "検討・導入判断", "方向性の決定", "—", "—"]
    );
    assert_eq!(row(14), ["導入方針決定", "導入", "→", "→", "→"]);
    assert_eq!(row(29), ["6,000", "8,500", "11,000", "13,500", "16,000"]);
    // 実績値 cells are empty: no entries right of the label.
    for r in label_rows("実績値") {
        assert_eq!(t.row(r).count(), 1);
    }
    // Merged value ranges, and the 現状 | 課題 split.
    assert_eq!(a1_of(t, 3, 1), "B4:F4");
    assert_eq!(
        text(t, 3, 1),
        "①税収確保のための収納率向上と未利用財産の活用"
    );
    assert_eq!(a1_of(t, 6, 1), "B7:C7");
    assert_eq!(text(t, 6, 3), "課題");
    assert_eq!(a1_of(t, 6, 4), "E7:F7");
    // Both heading forms of the seed.
    assert_eq!(a1_of(t, 2, 0), "A3:F3");
    assert_eq!(
        text(t, 2, 0),
        "基本方針1 財源確保と歳出改革による強靱な財政基盤の構築"
    );
    assert_eq!(text(t, 28, 0), "基本方針1");
    assert_eq!(a1_of(t, 28, 1), "B29:F29");
}

#[test]
fn mokuhyo_csv_rows() {
    let doc = read(CSV, "minamialps_mokuhyo_cp932.csv", &SheetOptions::new()).unwrap();
    assert_eq!(doc.source.encoding.as_deref(), Some("cp932"));
    let t = table(&doc, "minamialps_mokuhyo_cp932");
    assert_eq!((t.n_rows, t.n_cols), (32, 10));
    assert_eq!(text(t, 0, 5), "令和8年度目標値");
    assert_eq!(text(t, 2, 5), "110,000件");
    assert_eq!(text(t, 1, 5), "98.60%");
    // CP932 has no U+2014: written as 0x815C, read back as U+2015.
    assert_eq!(text(t, 8, 8), "―");
    assert_eq!(text(t, 15, 7), "→");
}
