//! xls reading (LibreOffice's BIFF8 export of `features.xlsx`): values from calamine, number
//! formats from our own BIFF pass, merges; the same grid as the xlsx.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{a1_of, table, text};
use muniplan_ir::Format;
use muniplan_sheet::{SheetFormat, SheetOptions, detect, read};

const XLS: &[u8] = include_bytes!("data/features.xls");
const XLSX: &[u8] = include_bytes!("data/features.xlsx");

#[test]
fn xls_number_formats_and_merges() {
    assert_eq!(detect(XLS, "features.xls"), Some(SheetFormat::Xls));
    let doc = read(XLS, "features.xls", &SheetOptions::new()).unwrap();
    assert_eq!(doc.source.format, Some(Format::Xls));
    let t = table(&doc, "様式");
    assert_eq!(text(t, 1, 1), "98.60%");
    assert_eq!(text(t, 1, 3), "110,000件");
    assert_eq!(text(t, 1, 4), "4,263,148千円");
    assert_eq!(text(t, 2, 2), "令和6年3月14日");
    assert_eq!(a1_of(t, 3, 1), "B4:C5");
    assert_eq!(text(t, 5, 1), "#DIV/0!");
}

#[test]
fn xls_and_xlsx_give_the_same_grid() {
    let xls = read(XLS, "features.xls", &SheetOptions::new()).unwrap();
    let xlsx = read(XLSX, "features.xlsx", &SheetOptions::new()).unwrap();
    assert_eq!(xls.pages, xlsx.pages);
}

#[test]
fn damaged_xls_is_an_error_not_a_panic() {
    let err = read(&XLS[..XLS.len() / 2], "half.xls", &SheetOptions::new()).unwrap_err();
    assert!(
        err.to_string().starts_with("truncated or corrupt xls"),
        "{err}"
    );
    for cut in (0..XLS.len()).step_by(101) {
        let _ = read(&XLS[..cut], "cut.xls", &SheetOptions::new());
    }
    // Tab-separated text named .xls (older systems export it so) is read as TSV; HTML is not.
    let tsv = "年度\t令和8年度\n目標値\t45\n".as_bytes();
    let doc = read(tsv, "export.xls", &SheetOptions::new()).unwrap();
    assert_eq!(doc.source.format, Some(Format::Tsv));
    assert_eq!(doc.diagnostics[0].code, "xls-is-text");
    assert_eq!(text(table(&doc, "export"), 1, 1), "45");
    let err = read(
        b"<html><table></table></html>",
        "web.xls",
        &SheetOptions::new(),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("not a spreadsheet (named .xls but HTML/XML text"),
        "{err}"
    );
    // Flipped bytes in the middle of the file.
    for at in (512..XLS.len()).step_by(257) {
        let mut bad = XLS.to_vec();
        bad[at] ^= 0xFF;
        let _ = read(&bad, "flip.xls", &SheetOptions::new());
    }
}
