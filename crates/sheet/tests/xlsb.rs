//! xlsb reading. No tool on this machine writes xlsb (LibreOffice only imports it), so the
//! test builds a minimal workbook record by record (MS-XLSB): styles.bin with a custom
//! `#,##0"件"` and the built-in `0.00%`, one sheet with numbers, a string and a merge.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{Cursor, Write};

use common::{a1_of, table, text};
use muniplan_ir::Format;
use muniplan_sheet::{SheetFormat, SheetOptions, detect, read};

/// One BIFF12 record: variable-length type and size, then the body.
fn rec(out: &mut Vec<u8>, typ: u16, body: &[u8]) {
    if typ < 0x80 {
        out.push(typ as u8);
    } else {
        out.push((typ & 0x7F) as u8 | 0x80);
        out.push((typ >> 7) as u8);
    }
    let mut len = body.len();
    loop {
        let b = (len & 0x7F) as u8;
        len >>= 7;
        if len == 0 {
            out.push(b);
            break;
        }
        out.push(b | 0x80);
    }
    out.extend_from_slice(body);
}

fn wide(s: &str) -> Vec<u8> {
    let units: Vec<u16> = s.encode_utf16().collect();
    let mut out = (units.len() as u32).to_le_bytes().to_vec();
    for u in units {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}

fn cell(col: u32, xf: u32) -> Vec<u8> {
    let mut b = col.to_le_bytes().to_vec();
    b.extend_from_slice(&xf.to_le_bytes());
    b
}

fn xf(fmt: u16) -> Vec<u8> {
    let mut b = vec![0u8; 16];
    b[2..4].copy_from_slice(&fmt.to_le_bytes());
    b
}

fn minimal_xlsb() -> Vec<u8> {
    let mut styles = Vec::new();
    rec(&mut styles, 0x0116, &[]); // BrtBeginStyleSheet
    rec(&mut styles, 0x0267, &1u32.to_le_bytes()); // BrtBeginFmts
    let mut fmt = 164u16.to_le_bytes().to_vec();
    fmt.extend(wide("#,##0\"件\""));
    rec(&mut styles, 0x002C, &fmt); // BrtFmt
    rec(&mut styles, 0x0268, &[]); // BrtEndFmts
    rec(&mut styles, 0x0269, &3u32.to_le_bytes()); // BrtBeginCellXFs
    rec(&mut styles, 0x002F, &xf(0)); // xf 0: General
    rec(&mut styles, 0x002F, &xf(10)); // xf 1: 0.00%
    rec(&mut styles, 0x002F, &xf(164)); // xf 2: #,##0"件"
    rec(&mut styles, 0x026A, &[]); // BrtEndCellXFs
    rec(&mut styles, 0x0117, &[]); // BrtEndStyleSheet

    let mut wb = Vec::new();
    rec(&mut wb, 0x0083, &[]); // BrtBeginBook
    rec(&mut wb, 0x008F, &[]); // BrtBeginBundleShs
    let mut sh = 0u32.to_le_bytes().to_vec();
    sh.extend_from_slice(&1u32.to_le_bytes());
    sh.extend(wide("rId1"));
    sh.extend(wide("様式"));
    rec(&mut wb, 0x009C, &sh); // BrtBundleSh
    rec(&mut wb, 0x0090, &[]); // BrtEndBundleShs
    rec(&mut wb, 0x0084, &[]); // BrtEndBook

    let mut ws = Vec::new();
    rec(&mut ws, 0x0081, &[]); // BrtBeginSheet
    let mut dim = Vec::new();
    for v in [0u32, 1, 0, 5] {
        dim.extend_from_slice(&v.to_le_bytes());
    }
    rec(&mut ws, 0x0094, &dim); // BrtWsDim
    rec(&mut ws, 0x0091, &[]); // BrtBeginSheetData
    let row_hdr = |r: u32| {
        let mut b = r.to_le_bytes().to_vec();
        b.extend_from_slice(&[0u8; 13]);
        b
    };
    rec(&mut ws, 0x0000, &row_hdr(0));
    let mut st = cell(0, 0);
    st.extend(wide("項目"));
    rec(&mut ws, 0x0006, &st); // BrtCellSt
    let mut st = cell(1, 0);
    st.extend(wide("①税収確保"));
    rec(&mut ws, 0x0006, &st);
    rec(&mut ws, 0x0000, &row_hdr(1));
    let mut st = cell(0, 0);
    st.extend(wide("目標値"));
    rec(&mut ws, 0x0006, &st);
    let mut real = cell(1, 1);
    real.extend_from_slice(&0.986f64.to_le_bytes());
    rec(&mut ws, 0x0005, &real); // BrtCellReal
    let mut real = cell(2, 2);
    real.extend_from_slice(&110_000f64.to_le_bytes());
    rec(&mut ws, 0x0005, &real);
    let mut real = cell(3, 0);
    real.extend_from_slice(&(0.1f64 + 0.2).to_le_bytes());
    rec(&mut ws, 0x0005, &real);
    rec(&mut ws, 0x0092, &[]); // BrtEndSheetData
    rec(&mut ws, 0x00B1, &1u32.to_le_bytes()); // BrtBeginMergeCells
    let mut m = Vec::new();
    for v in [0u32, 0, 1, 5] {
        m.extend_from_slice(&v.to_le_bytes());
    }
    rec(&mut ws, 0x00B0, &m); // BrtMergeCell B1:F1
    rec(&mut ws, 0x00B2, &[]); // BrtEndMergeCells
    rec(&mut ws, 0x0082, &[]); // BrtEndSheet

    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    let parts: [(&str, &[u8]); 5] = [
        (
            "[Content_Types].xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>"#,
        ),
        (
            "xl/_rels/workbook.bin.rels",
            br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.bin"/></Relationships>"#,
        ),
        ("xl/workbook.bin", &wb),
        ("xl/styles.bin", &styles),
        ("xl/worksheets/sheet1.bin", &ws),
    ];
    for (name, data) in parts {
        z.start_file(name, o).unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap().into_inner()
}

#[test]
fn xlsb_values_formats_and_merges() {
    let bytes = minimal_xlsb();
    assert_eq!(detect(&bytes, "plan.xlsb"), Some(SheetFormat::Xlsb));
    let doc = read(&bytes, "plan.xlsb", &SheetOptions::new()).unwrap();
    assert_eq!(doc.source.format, Some(Format::Xlsb));
    assert_eq!(doc.source.sheets, ["様式"]);
    let t = table(&doc, "様式");
    assert_eq!(text(t, 0, 0), "項目");
    assert_eq!(a1_of(t, 0, 1), "B1:F1");
    assert_eq!(text(t, 0, 1), "①税収確保");
    assert_eq!(text(t, 1, 1), "98.60%");
    assert_eq!(text(t, 1, 2), "110,000件");
    assert_eq!(text(t, 1, 3), "0.3");
}

#[test]
fn damaged_xlsb_is_an_error_not_a_panic() {
    let bytes = minimal_xlsb();
    for cut in (0..bytes.len()).step_by(37) {
        let _ = read(&bytes[..cut], "cut.xlsb", &SheetOptions::new());
    }
    for at in (30..bytes.len()).step_by(13) {
        let mut bad = bytes.clone();
        bad[at] ^= 0x5A;
        let _ = read(&bad, "flip.xlsb", &SheetOptions::new());
    }
}
