//! Helpers shared by the reader's integration tests.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::io::{Cursor, Read, Write};

use muniplan_ir::{LayoutDoc, Location, Table};

/// Rewrite one part of a zip archive (e.g. a sheet's XML) and return the new archive.
pub fn rewrite_part(zip_bytes: &[u8], part: &str, f: impl Fn(String) -> String) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(Cursor::new(zip_bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut found = false;
    for i in 0..src.len() {
        let mut entry = src.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == part {
            found = true;
            data = f(String::from_utf8(data).unwrap()).into_bytes();
        }
        out.start_file(name, opts).unwrap();
        out.write_all(&data).unwrap();
    }
    assert!(found, "part {part} not in archive");
    out.finish().unwrap().into_inner()
}

/// The only table of the page named `sheet`.
pub fn table<'a>(doc: &'a LayoutDoc, sheet: &str) -> &'a Table {
    let page = doc
        .pages
        .iter()
        .find(|p| p.name.as_deref() == Some(sheet))
        .unwrap_or_else(|| panic!("no page {sheet}"));
    assert_eq!(page.tables.len(), 1, "one table per sheet");
    &page.tables[0]
}

/// Text of the cell whose top-left is at the A1-style (row, col), 0-based.
pub fn text(t: &Table, row: u32, col: u32) -> &str {
    t.cell_at(row, col)
        .map(|c| c.text.as_str())
        .unwrap_or_else(|| panic!("no cell at ({row}, {col})"))
}

/// The A1 reference a cell carries.
pub fn a1_of(t: &Table, row: u32, col: u32) -> String {
    match &t.cell_at(row, col).unwrap().location {
        Location::Sheet { cell, .. } => cell.clone(),
        other => panic!("not a sheet location: {other:?}"),
    }
}
