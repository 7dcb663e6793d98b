//! CSV/TSV reading: encodings recorded, RFC 4180 quoting, sheet name from the file stem.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{a1_of, table, text};
use muniplan_ir::Format;
use muniplan_sheet::{SheetFormat, SheetOptions, detect, read};

const SAMPLE: &str = "基本方針,項目,令和8年度目標値\r\n\
基本方針1,\"①税収確保\n(改行あり)\",98.60%\r\n\
基本方針1,口座振替,\"110,000件\"\r\n";

#[test]
fn cp932_is_detected_and_recorded() {
    let (bytes, _, bad) = encoding_rs::SHIFT_JIS.encode(SAMPLE);
    assert!(!bad);
    assert!(std::str::from_utf8(&bytes).is_err());
    assert_eq!(detect(&bytes, "mokuhyo.csv"), Some(SheetFormat::Csv));
    let doc = read(&bytes, "dir/mokuhyo.csv", &SheetOptions::new()).unwrap();
    assert_eq!(doc.source.encoding.as_deref(), Some("cp932"));
    assert_eq!(doc.source.format, Some(Format::Csv));
    assert_eq!(doc.source.sheets, vec!["mokuhyo".to_string()]);
    let t = table(&doc, "mokuhyo");
    assert_eq!((t.n_rows, t.n_cols), (3, 3));
    assert_eq!(text(t, 1, 1), "①税収確保\n(改行あり)");
    assert_eq!(text(t, 2, 2), "110,000件");
    assert_eq!(a1_of(t, 2, 2), "C3");
}

#[test]
fn utf8_with_and_without_bom() {
    let doc = read(SAMPLE.as_bytes(), "a.csv", &SheetOptions::new()).unwrap();
    assert_eq!(doc.source.encoding.as_deref(), Some("utf-8"));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(SAMPLE.as_bytes());
    let doc2 = read(&bom, "a.csv", &SheetOptions::new()).unwrap();
    assert_eq!(doc2.source.encoding.as_deref(), Some("utf-8-bom"));
    // The BOM does not leak into the first cell.
    assert_eq!(text(table(&doc2, "a"), 0, 0), "基本方針");
    assert_eq!(doc.pages, doc2.pages);
}

#[test]
fn tsv_and_sniffed_delimiters() {
    let doc = read(
        "年度\t令和8年度\n目標値\t45\n".as_bytes(),
        "t.tsv",
        &SheetOptions::new(),
    )
    .unwrap();
    assert_eq!(doc.source.format, Some(Format::Tsv));
    assert_eq!(text(table(&doc, "t"), 1, 1), "45");
    // A .csv that actually uses tabs.
    let doc = read(
        "年度\t令和8年度\n".as_bytes(),
        "x.csv",
        &SheetOptions::new(),
    )
    .unwrap();
    assert_eq!(text(table(&doc, "x"), 0, 1), "令和8年度");
    assert!(
        doc.diagnostics
            .iter()
            .any(|d| d.code == "delimiter-sniffed")
    );
}

#[test]
fn binary_and_invalid_text_are_errors() {
    let err = read(b"\x00\x01\x02", "b.csv", &SheetOptions::new()).unwrap_err();
    assert!(
        err.to_string().starts_with("not UTF-8 or CP932 text"),
        "{err}"
    );
    let err = read(b"abc\xFF\xFF\xFFdef", "b.csv", &SheetOptions::new()).unwrap_err();
    assert!(
        err.to_string().starts_with("not UTF-8 or CP932 text"),
        "{err}"
    );
    let err = read(b"", "b.csv", &SheetOptions::new()).unwrap_err();
    assert_eq!(err.to_string(), "empty file (0 bytes)");
}
