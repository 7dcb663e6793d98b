//! xlsx / xlsm through calamine: values streamed cell by cell with their style ids, rendered
//! through the cell's number format; merged ranges; formula cells without a cached value.

use std::io::Cursor;

use calamine::{DataRef, Reader, SheetType, SheetVisible, Xlsx, XlsxError};
use muniplan_ir::{Diagnostic, Location, a1};

use crate::grid::{Merge, RawCell, normalize_newlines};
use crate::numfmt;
use crate::{BookData, SheetData, SheetError, SheetFormat, SheetOptions, zipx};

/// Read an xlsx/xlsm workbook.
pub(crate) fn read(
    bytes: &[u8],
    format: SheetFormat,
    opts: &SheetOptions,
) -> Result<BookData, SheetError> {
    let fname = format.as_str();
    let (producer, title) = zipx::open(bytes)
        .ok()
        .map(|mut z| (app_name(&mut z), core_title(&mut z)))
        .unwrap_or_default();
    let mut wb: Xlsx<Cursor<&[u8]>> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| map_err(e, fname))?;
    let is_1904 = wb.has_1904_epoch();
    let meta: Vec<(String, SheetType, SheetVisible)> = wb
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.typ, s.visible))
        .collect();
    let mut book = BookData {
        producer,
        title,
        encoding: None,
        sheets: Vec::new(),
        diagnostics: Vec::new(),
    };
    for (name, typ, visible) in meta {
        if typ != SheetType::WorkSheet {
            book.diagnostics.push(Diagnostic::info(
                "sheet-skipped",
                format!("sheet {name} is not a worksheet ({typ:?}); skipped"),
                None,
            ));
            continue;
        }
        let mut sheet = read_sheet(&mut wb, &name, is_1904, opts, fname);
        if let Ok(s) = &mut sheet
            && visible != SheetVisible::Visible
        {
            s.diagnostics.push(Diagnostic::info(
                "sheet-hidden",
                format!("sheet {name} is hidden in the workbook; read anyway"),
                Some(loc(&name, 0, 0)),
            ));
        }
        book.sheets.push((name, sheet));
    }
    Ok(book)
}

fn loc(sheet: &str, row: u32, col: u32) -> Location {
    Location::Sheet {
        sheet: sheet.to_string(),
        cell: a1(row, col, 1, 1),
    }
}

fn map_err(e: XlsxError, format: &'static str) -> SheetError {
    match e {
        XlsxError::Password => SheetError::Encrypted(format),
        other => SheetError::Corrupt {
            format,
            detail: zip_detail(&other.to_string()),
        },
    }
}

/// A calamine/zip error message as a detail: lower-case start, and the zip crate's missing
/// end record explained.
pub(crate) fn zip_detail(msg: &str) -> String {
    if msg.contains("Could not find EOCD") || msg.contains("could not find EOCD") {
        return "the zip archive has no end-of-central-directory record (file cut short?)"
            .to_string();
    }
    lower_first(msg)
}

pub(crate) fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The format code for a style, preferring Japanese-locale built-ins where calamine only
/// knows the US ones (id 14 is `yyyy/m/d` in Japan, 27–58 are Japanese date formats).
fn resolve_code(code: &str, id: Option<u32>) -> String {
    if let Some(id) = id
        && id < 164
        && let Some(ja) = numfmt::builtin_code(id)
        && (id == 14 || id == 22 || id == 42 || id == 44 || (code == "General" && id != 0))
    {
        return ja.to_string();
    }
    code.to_string()
}

/// A rendered cell value, with a diagnostic when Excel would show something we approximate.
pub(crate) struct Shown {
    pub text: String,
    pub diag: Option<Diagnostic>,
}

/// Render one calamine value under a format code.
pub(crate) fn show(
    value: &DataRef<'_>,
    code: &str,
    is_1904: bool,
    sheet: &str,
    row: u32,
    col: u32,
) -> Option<Shown> {
    let plain = |text: String| Some(Shown { text, diag: None });
    let number = |v: f64| {
        let r = numfmt::format_number(v, code, is_1904);
        let diag = r.approx.map(|why| {
            Diagnostic::info(
                "number-format-approximated",
                format!("number format {code:?} of value {v}: {why}"),
                Some(loc(sheet, row, col)),
            )
        });
        Some(Shown { text: r.text, diag })
    };
    match value {
        DataRef::Empty => None,
        DataRef::Int(i) => number(*i as f64),
        DataRef::Float(f) => number(*f),
        DataRef::DateTime(dt) => number(dt.as_f64()),
        DataRef::String(s) => plain(normalize_newlines(&numfmt::format_text(s, code))),
        DataRef::SharedString(s) => plain(normalize_newlines(&numfmt::format_text(s, code))),
        DataRef::Bool(b) => plain(if *b { "TRUE" } else { "FALSE" }.to_string()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => plain(s.clone()),
        DataRef::Error(e) => Some(Shown {
            text: e.to_string(),
            diag: Some(Diagnostic::warning(
                "cell-error-value",
                format!("cell shows the error value {e}"),
                Some(loc(sheet, row, col)),
            )),
        }),
    }
}

fn read_sheet(
    wb: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    is_1904: bool,
    opts: &SheetOptions,
    fname: &'static str,
) -> Result<SheetData, SheetError> {
    let mut data = SheetData {
        name: name.to_string(),
        cells: Vec::new(),
        merges: Vec::new(),
        diagnostics: Vec::new(),
    };
    // Pass 1: values with style ids.
    let mut count: u64 = 0;
    {
        let mut reader = wb
            .worksheet_cells_reader(name)
            .map_err(|e| map_err(e, fname))?;
        let codes: Vec<String> = reader
            .styles()
            .iter()
            .map(|s| match &s.number_format {
                Some(nf) => resolve_code(&nf.format_code, nf.format_id),
                None => "General".to_string(),
            })
            .collect();
        let mut approx_reported = 0usize;
        while let Some((cell, style_id)) = reader
            .next_cell_with_style_id()
            .map_err(|e| map_err(e, fname))?
        {
            count = count.saturating_add(1);
            if count > opts.max_cells {
                continue;
            }
            let (row, col) = cell.get_position();
            let code = codes.get(style_id).map(String::as_str).unwrap_or("General");
            if let Some(shown) = show(cell.get_value(), code, is_1904, name, row, col) {
                if let Some(d) = shown.diag {
                    // One approximation note per sheet and kind is enough to warn a reader.
                    if d.code != "number-format-approximated" || approx_reported < 5 {
                        if d.code == "number-format-approximated" {
                            approx_reported += 1;
                        }
                        data.diagnostics.push(d);
                    }
                }
                if !shown.text.is_empty() {
                    data.cells.push(RawCell {
                        row,
                        col,
                        text: shown.text,
                    });
                }
            }
        }
    }
    if count > opts.max_cells {
        return Err(SheetError::TooManyCells {
            sheet: name.to_string(),
            cells: count,
            limit: opts.max_cells,
        });
    }
    // Pass 2: formula cells without a cached value.
    {
        let mut reader = wb
            .worksheet_cells_reader(name)
            .map_err(|e| map_err(e, fname))?;
        while let Some(rec) = reader
            .next_cell_with_formula_metadata()
            .map_err(|e| map_err(e, fname))?
        {
            if rec.formula.is_some() && matches!(rec.value, DataRef::Empty) {
                let (row, col) = rec.pos;
                data.diagnostics.push(Diagnostic::warning(
                    "formula-without-value",
                    "formula cell has no cached value (the workbook was not recalculated); shown as empty",
                    Some(loc(name, row, col)),
                ));
            }
        }
    }
    let merges = wb
        .merge_cells_by_sheet_name(name)
        .map_err(|e| map_err(e, fname))?;
    data.merges = merges
        .into_iter()
        .map(|d| Merge {
            r0: d.start.0,
            c0: d.start.1,
            r1: d.end.0,
            c1: d.end.1,
        })
        .collect();
    Ok(data)
}

/// `<Application>` of `docProps/app.xml`, when present.
fn app_name(zip: &mut zipx::Archive<'_>) -> Option<String> {
    prop(zip, "docProps/app.xml", "Application")
}

/// `<dc:title>` of `docProps/core.xml`, when present.
fn core_title(zip: &mut zipx::Archive<'_>) -> Option<String> {
    prop(zip, "docProps/core.xml", "dc:title")
}

/// The text of the first `<tag>…</tag>` in a small XML part, entities decoded.
fn prop(zip: &mut zipx::Archive<'_>, part: &str, tag: &str) -> Option<String> {
    let xml = zipx::read_entry(zip, part, 1 << 20).ok()??;
    let text = String::from_utf8_lossy(&xml);
    let open = format!("<{tag}>");
    let start = text.find(&open)? + open.len();
    let len = text.get(start..)?.find(&format!("</{tag}>"))?;
    let raw = text.get(start..start + len)?.trim();
    let name = raw
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    (!name.is_empty()).then_some(name)
}
