//! xlsx reading: display text through number formats, merges, wrapped text, formulas without
//! cached values, rich text and phonetic runs, damaged files.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{a1_of, rewrite_part, table, text};
use muniplan_ir::{Format as IrFormat, Location, Severity};
use muniplan_sheet::{SheetError, SheetFormat, SheetOptions, detect, read};
use rust_xlsxwriter::{Format, FormatBorder, Formula, Workbook};

/// A small card-like workbook written with rust_xlsxwriter.
fn card_workbook() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("様式").unwrap();
    let wrap = Format::new().set_text_wrap().set_border(FormatBorder::Thin);
    ws.write_string(0, 0, "基本方針1").unwrap();
    ws.merge_range(
        0,
        1,
        0,
        5,
        "財源確保と歳出改革による強靱な財政基盤の構築",
        &wrap,
    )
    .unwrap();
    ws.write_string(2, 0, "項目").unwrap();
    ws.merge_range(2, 1, 2, 5, "①税収確保", &wrap).unwrap();
    ws.write_string(3, 0, "取組み内容").unwrap();
    ws.write_string_with_format(3, 1, "一行目\n二行目", &wrap)
        .unwrap();
    ws.write_string(4, 0, "目標値").unwrap();
    ws.write_number_with_format(4, 1, 0.986, &Format::new().set_num_format("0.00%"))
        .unwrap();
    ws.write_number_with_format(4, 2, 0.986, &Format::new().set_num_format("0.0%"))
        .unwrap();
    ws.write_number_with_format(4, 3, 110_000.0, &Format::new().set_num_format("#,##0"))
        .unwrap();
    ws.write_number_with_format(
        4,
        4,
        4_263_148.0,
        &Format::new().set_num_format("#,##0\"千円\""),
    )
    .unwrap();
    ws.write_number(4, 5, 98.6).unwrap();
    ws.write_number(5, 1, 0.1 + 0.2).unwrap();
    ws.write_number(5, 2, 45.0).unwrap();
    ws.write_boolean(5, 3, true).unwrap();
    ws.write_number_with_format(5, 4, 45_365.0, &Format::new().set_num_format("yyyy/m/d"))
        .unwrap();
    ws.write_number_with_format(
        5,
        5,
        45_365.0,
        &Format::new().set_num_format("[$-ja-JP-x-gannen]ggge\"年\"m\"月\"d\"日\""),
    )
    .unwrap();
    ws.write_number_with_format(6, 1, 45_365.0, &Format::new().set_num_format_index(14))
        .unwrap();
    ws.write_formula(6, 2, Formula::new("=1/0").set_result("#DIV/0!"))
        .unwrap();
    ws.write_formula(6, 3, "=B5*2").unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn displayed_text_merges_and_locations() {
    let bytes = card_workbook();
    assert_eq!(detect(&bytes, "card.xlsx"), Some(SheetFormat::Xlsx));
    let doc = read(&bytes, "card.xlsx", &SheetOptions::new()).unwrap();
    assert_eq!(doc.source.format, Some(IrFormat::Xlsx));
    assert_eq!(doc.source.producer.as_deref(), Some("Microsoft Excel"));
    assert_eq!(doc.source.sheets, vec!["様式".to_string()]);
    assert_eq!(doc.pages.len(), 1);
    assert_eq!(doc.pages[0].number, 1);
    let t = table(&doc, "様式");
    assert_eq!((t.n_rows, t.n_cols), (7, 6));
    // Merged ranges: one spanning cell with a range location.
    let m = t.cell_at(2, 1).unwrap();
    assert_eq!((m.row_span, m.col_span), (1, 5));
    assert_eq!(a1_of(t, 2, 1), "B3:F3");
    assert_eq!(m.text, "①税収確保");
    assert!(t.cell_at(2, 2).is_none(), "covered cells have no entry");
    assert_eq!(a1_of(t, 4, 1), "B5");
    // Wrapped text keeps its line break.
    assert_eq!(text(t, 3, 1), "一行目\n二行目");
    // Number formats as Excel displays them.
    assert_eq!(text(t, 4, 1), "98.60%");
    assert_eq!(text(t, 4, 2), "98.6%");
    assert_eq!(text(t, 4, 3), "110,000");
    assert_eq!(text(t, 4, 4), "4,263,148千円");
    assert_eq!(text(t, 4, 5), "98.6");
    assert_eq!(text(t, 5, 1), "0.3");
    assert_eq!(text(t, 5, 2), "45");
    assert_eq!(text(t, 5, 3), "TRUE");
    assert_eq!(text(t, 5, 4), "2024/3/14");
    assert_eq!(text(t, 5, 5), "令和6年3月14日");
    // Built-in 14 is yyyy/m/d in a Japanese Excel.
    assert_eq!(text(t, 6, 1), "2024/3/14");
    // Error values are text plus a warning.
    assert_eq!(text(t, 6, 2), "#DIV/0!");
    assert!(doc.diagnostics.iter().any(|d| d.code == "cell-error-value"
        && d.severity == Severity::Warning
        && d.location
            == Some(Location::Sheet {
                sheet: "様式".into(),
                cell: "C7".into()
            })));
    // Cells sorted by (row, col).
    let keys: Vec<(u32, u32)> = t.cells.iter().map(|c| (c.row, c.col)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn formula_without_cached_value_is_a_warning() {
    let bytes = card_workbook();
    // Drop the cached value rust_xlsxwriter writes (`<v>0</v>`) after the D7 formula, as a
    // workbook saved by a tool that does not calculate would have it.
    let bytes = rewrite_part(&bytes, "xl/worksheets/sheet1.xml", |xml| {
        let from = "<f>B5*2</f><v>0</v>";
        assert!(xml.contains(from), "{xml}");
        xml.replace(from, "<f>B5*2</f>")
    });
    let doc = read(&bytes, "card.xlsx", &SheetOptions::new()).unwrap();
    let t = table(&doc, "様式");
    assert!(t.cell_at(6, 3).is_none());
    let d: Vec<_> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == "formula-without-value")
        .collect();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].severity, Severity::Warning);
    assert_eq!(
        d[0].location,
        Some(Location::Sheet {
            sheet: "様式".into(),
            cell: "D7".into()
        })
    );
}

#[test]
fn phonetic_and_rich_text_runs_do_not_leak() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "南アルプス市").unwrap();
    let bold = Format::new().set_bold();
    ws.write_rich_string(1, 0, &[(&bold, "主管課"), (&Format::default(), "：納税課")])
        .unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let bytes = rewrite_part(&bytes, "xl/sharedStrings.xml", |xml| {
        let from = "<si><t>南アルプス市</t></si>";
        assert!(xml.contains(from), "{xml}");
        xml.replace(
            from,
            "<si><t>南アルプス市</t><rPh sb=\"0\" eb=\"1\"><t>ミナミ</t></rPh>\
             <rPh sb=\"5\" eb=\"6\"><t>シ</t></rPh><phoneticPr fontId=\"1\"/></si>",
        )
    });
    let doc = read(&bytes, "p.xlsx", &SheetOptions::new()).unwrap();
    let t = table(&doc, "Sheet1");
    assert_eq!(text(t, 0, 0), "南アルプス市");
    assert_eq!(text(t, 1, 0), "主管課：納税課");
}

#[test]
fn several_sheets_are_pages_in_order() {
    let mut wb = Workbook::new();
    wb.add_worksheet()
        .set_name("表紙")
        .unwrap()
        .write_string(0, 0, "実施計画")
        .unwrap();
    wb.add_worksheet().set_name("空").unwrap();
    wb.add_worksheet()
        .set_name("様式")
        .unwrap()
        .write_string(9, 2, "x")
        .unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let doc = read(&bytes, "m.xlsx", &SheetOptions::new()).unwrap();
    let names: Vec<_> = doc.pages.iter().map(|p| p.name.clone().unwrap()).collect();
    assert_eq!(names, ["表紙", "空", "様式"]);
    assert_eq!(
        doc.pages.iter().map(|p| p.number).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert!(doc.pages[1].tables.is_empty());
    let t = table(&doc, "様式");
    assert_eq!((t.n_rows, t.n_cols), (10, 3));
    assert_eq!(a1_of(t, 9, 2), "C10");
}

#[test]
fn cell_limit_is_enforced() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("大きい").unwrap();
    for r in 0..10 {
        for c in 0..10 {
            ws.write_number(r, c, f64::from(r) * 10.0 + f64::from(c))
                .unwrap();
        }
    }
    let bytes = wb.save_to_buffer().unwrap();
    let err = read(
        &bytes,
        "big.xlsx",
        &SheetOptions {
            max_cells: 50,
            ..SheetOptions::new()
        },
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "sheet 大きい has 100 cells, over the limit of 50"
    );
    assert!(matches!(err, SheetError::TooManyCells { .. }));
    assert!(
        read(
            &bytes,
            "big.xlsx",
            &SheetOptions {
                max_cells: 100,
                ..SheetOptions::new()
            }
        )
        .is_ok()
    );
}

#[test]
fn inflate_limit_is_checked_before_inflating() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for r in 0..200 {
        ws.write_string(r, 0, "令和8年度の目標値を設定する")
            .unwrap();
    }
    let bytes = wb.save_to_buffer().unwrap();
    let opts = |limit| SheetOptions {
        max_inflate_bytes: limit,
        ..SheetOptions::new()
    };
    let err = read(&bytes, "book.xlsx", &opts(1_000)).unwrap_err();
    assert!(
        matches!(err, SheetError::InflateLimit { limit: 1_000, .. }),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("over the limit of 1000 (zip bomb?)"),
        "{err}"
    );
    assert!(read(&bytes, "book.xlsx", &SheetOptions::new()).is_ok());
}

#[test]
fn damaged_and_mislabelled_files_are_errors_not_panics() {
    let err = read(b"", "empty.xlsx", &SheetOptions::new()).unwrap_err();
    assert_eq!(err.to_string(), "empty file (0 bytes)");

    let bytes = card_workbook();
    let half = &bytes[..bytes.len() / 2];
    let err = read(half, "half.xlsx", &SheetOptions::new()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "truncated or corrupt xlsx: the zip archive has no end-of-central-directory record \
         (file cut short?)"
    );

    let err = read(
        b"this is not a workbook\n",
        "note.xlsx",
        &SheetOptions::new(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "not a spreadsheet (named .xlsx but not a zip archive as a .xlsx file is; \
         starts with \"this is not a wo\")"
    );

    // A zip that is not a workbook (like a .docx).
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    std::io::Write::write_all(&mut w, b"<w:document/>").unwrap();
    let docx = w.finish().unwrap().into_inner();
    assert_eq!(detect(&docx, "a.xlsx"), None);
    let err = read(&docx, "a.xlsx", &SheetOptions::new()).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("not a spreadsheet (zip without xl/workbook.xml"),
        "{err}"
    );

    // Every prefix of a real workbook: an error or a document, never a panic.
    for cut in (0..bytes.len()).step_by(97) {
        let _ = read(&bytes[..cut], "cut.xlsx", &SheetOptions::new());
    }
}

#[test]
fn a_broken_sheet_is_an_error_diagnostic_and_the_others_are_read() {
    let mut wb = Workbook::new();
    wb.add_worksheet()
        .set_name("良い")
        .unwrap()
        .write_string(0, 0, "読める")
        .unwrap();
    wb.add_worksheet()
        .set_name("壊れた")
        .unwrap()
        .write_string(0, 0, "x")
        .unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let bytes = rewrite_part(&bytes, "xl/worksheets/sheet2.xml", |xml| {
        let cut = xml.find("<sheetData>").unwrap() + "<sheetData>".len();
        format!("{}<row r=\"1\"><c r=\"A1\"", &xml[..cut])
    });
    let doc = read(&bytes, "two.xlsx", &SheetOptions::new()).unwrap();
    assert_eq!(doc.source.sheets, ["良い", "壊れた"]);
    assert_eq!(doc.pages.len(), 2);
    assert_eq!(text(table(&doc, "良い"), 0, 0), "読める");
    assert!(doc.pages[1].tables.is_empty());
    let errors: Vec<_> = doc
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code, "sheet-unreadable");
    assert!(
        errors[0]
            .message
            .starts_with("sheet 壊れた could not be read: truncated or corrupt xlsx"),
        "{}",
        errors[0].message
    );
}
