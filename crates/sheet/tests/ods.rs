//! ods reading (LibreOffice's export of `features.xlsx`, see tests/data/README.md): displayed
//! text, merges from `number-columns-spanned`/`number-rows-spanned`, error values; and the
//! same grid as the xlsx it came from.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{a1_of, table, text};
use muniplan_ir::Format;
use muniplan_sheet::{SheetFormat, SheetOptions, detect, read};

const ODS: &[u8] = include_bytes!("data/features.ods");
const XLSX: &[u8] = include_bytes!("data/features.xlsx");

#[test]
fn ods_displayed_text_and_merges() {
    assert_eq!(detect(ODS, "features.ods"), Some(SheetFormat::Ods));
    // Magic bytes win over a wrong extension.
    assert_eq!(detect(ODS, "features.xlsx"), Some(SheetFormat::Ods));
    let doc = read(ODS, "features.ods", &SheetOptions::new()).unwrap();
    assert_eq!(doc.source.format, Some(Format::Ods));
    assert!(
        doc.source
            .producer
            .as_deref()
            .unwrap()
            .starts_with("LibreOffice")
    );
    assert_eq!(doc.source.sheets, ["様式", "第2表"]);
    let t = table(&doc, "様式");
    // Repeated empty rows and columns (1,048,569 rows × 16,384 columns) are not cells.
    assert_eq!((t.n_rows, t.n_cols), (6, 6));
    assert_eq!(a1_of(t, 0, 1), "B1:F1");
    assert_eq!(text(t, 1, 1), "98.60%");
    assert_eq!(text(t, 1, 2), "28.5%");
    assert_eq!(text(t, 1, 3), "110,000件");
    assert_eq!(text(t, 1, 4), "4,263,148千円");
    assert_eq!(text(t, 2, 1), "2024/3/14");
    assert_eq!(text(t, 2, 2), "令和6年3月14日");
    assert_eq!(text(t, 2, 3), "TRUE");
    assert_eq!(text(t, 2, 4), "0.3");
    assert_eq!(a1_of(t, 3, 1), "B4:C5");
    assert_eq!(text(t, 3, 1), "一行目\n二行目");
    assert_eq!(text(t, 5, 1), "#DIV/0!");
    assert!(doc.diagnostics.iter().any(|d| d.code == "cell-error-value"));
    assert_eq!(text(table(&doc, "第2表"), 1, 1), "6,000");
}

#[test]
fn ods_and_xlsx_give_the_same_grid() {
    let ods = read(ODS, "features.ods", &SheetOptions::new()).unwrap();
    let xlsx = read(XLSX, "features.xlsx", &SheetOptions::new()).unwrap();
    assert_eq!(ods.pages, xlsx.pages);
}

#[test]
fn damaged_ods_is_an_error() {
    let err = read(&ODS[..ODS.len() / 2], "half.ods", &SheetOptions::new()).unwrap_err();
    assert!(
        err.to_string().starts_with("truncated or corrupt ods"),
        "{err}"
    );
    for cut in (0..ODS.len()).step_by(211) {
        let _ = read(&ODS[..cut], "cut.ods", &SheetOptions::new());
    }
}
