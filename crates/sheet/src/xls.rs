//! xls and xlsb through calamine.
//!
//! xls: values, formulas and merged ranges from calamine; number formats from our own BIFF8
//! pass over the `Workbook` stream ([`crate::biff`]), since calamine keeps them private.
//! xlsb: values and formulas from calamine (streamed); number formats and merged ranges,
//! which calamine does not expose for xlsb, from our own BIFF12 pass ([`crate::xlsb`]).

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, DataRef, Reader, SheetType, Xls, XlsError, Xlsb, XlsbError};
use muniplan_ir::{Diagnostic, Location, a1};

use crate::grid::{Merge, RawCell};
use crate::xlsx::{lower_first, show};
use crate::{BookData, SheetData, SheetError, SheetOptions, biff, numfmt, xlsb};

fn loc(sheet: &str, row: u32, col: u32) -> Location {
    Location::Sheet {
        sheet: sheet.to_string(),
        cell: a1(row, col, 1, 1),
    }
}

/// The format a date value gets when its own format is unknown: `yyyy/m/d`, with the time
/// when it has one, or only the time for a time of day.
fn default_date_code(serial: f64) -> &'static str {
    if serial.fract() == 0.0 {
        "yyyy/m/d"
    } else if serial < 1.0 {
        "h:mm:ss"
    } else {
        "yyyy/m/d h:mm"
    }
}

fn data_ref(d: &Data) -> DataRef<'_> {
    match d {
        Data::Int(i) => DataRef::Int(*i),
        Data::Float(f) => DataRef::Float(*f),
        Data::String(s) => DataRef::SharedString(s),
        Data::Bool(b) => DataRef::Bool(*b),
        Data::DateTime(dt) => DataRef::DateTime(*dt),
        Data::DateTimeIso(s) => DataRef::DateTimeIso(s.clone()),
        Data::DurationIso(s) => DataRef::DurationIso(s.clone()),
        Data::Error(e) => DataRef::Error(e.clone()),
        Data::Empty => DataRef::Empty,
    }
}

fn map_xls_err(e: XlsError) -> SheetError {
    match e {
        XlsError::Password => SheetError::Encrypted("xls"),
        other => SheetError::Corrupt {
            format: "xls",
            detail: lower_first(&other.to_string()),
        },
    }
}

fn map_xlsb_err(e: XlsbError) -> SheetError {
    match e {
        XlsbError::Password => SheetError::Encrypted("xlsb"),
        other => SheetError::Corrupt {
            format: "xlsb",
            detail: crate::xlsx::zip_detail(&other.to_string()),
        },
    }
}

/// Read an xls workbook.
pub(crate) fn read_xls(bytes: &[u8], opts: &SheetOptions) -> Result<BookData, SheetError> {
    if biff::is_encrypted_ooxml(bytes) {
        return Err(SheetError::Encrypted("xlsx"));
    }
    // A compound file is a header plus whole sectors; one that ends inside a sector was cut
    // short (and calamine 0.38 panics on some of those).
    if let Some(size) = biff::sector_size(bytes)
        && !bytes.len().is_multiple_of(size)
    {
        return Err(SheetError::Corrupt {
            format: "xls",
            detail: format!(
                "file ends inside a {size}-byte sector ({} bytes): cut short",
                bytes.len()
            ),
        });
    }
    // Our own pass for number formats; when it fails, values still come out (as General).
    let (styles, styles_err) = match biff::read_styles(bytes) {
        Ok(s) => (s, None),
        Err(e) => (biff::Styles::default(), Some(e)),
    };
    // calamine allocates every sheet as a dense grid up to its last cell: a 7 KB file with a
    // cell at column 60,000 asked for 11.8 GB. An xls sheet has 256 columns (BIFF8).
    // The first such cell in (sheet name, row, column) order, so the message is deterministic.
    let too_wide = styles
        .cells
        .iter()
        .filter_map(|(sheet, cells)| {
            let first = cells.keys().filter(|(_, c)| *c > 255).min()?;
            Some((sheet, *first))
        })
        .min();
    if let Some((sheet, (row, col))) = too_wide {
        return Err(SheetError::Corrupt {
            format: "xls",
            detail: format!(
                "sheet {sheet} has a cell at row {}, column {} beyond the 256 columns of an xls sheet",
                row + 1,
                col + 1
            ),
        });
    }
    let mut wb: Xls<Cursor<&[u8]>> = Xls::new(Cursor::new(bytes)).map_err(map_xls_err)?;
    let mut book = BookData {
        producer: None,
        title: None,
        encoding: None,
        sheets: Vec::new(),
        diagnostics: Vec::new(),
    };
    if let Some(e) = styles_err {
        book.diagnostics.push(Diagnostic::info(
            "number-formats-unavailable",
            format!("xls number formats could not be read ({e}); numbers shown as General, dates as yyyy/m/d"),
            None,
        ));
    }
    let meta: Vec<(String, SheetType)> = wb
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.typ))
        .collect();
    for (name, typ) in meta {
        if typ != SheetType::WorkSheet {
            book.diagnostics.push(Diagnostic::info(
                "sheet-skipped",
                format!("sheet {name} is not a worksheet ({typ:?}); skipped"),
                None,
            ));
            continue;
        }
        let sheet = read_xls_sheet(&mut wb, &name, &styles, opts);
        book.sheets.push((name, sheet));
    }
    Ok(book)
}

fn read_xls_sheet(
    wb: &mut Xls<Cursor<&[u8]>>,
    name: &str,
    styles: &biff::Styles,
    opts: &SheetOptions,
) -> Result<SheetData, SheetError> {
    let range = wb.worksheet_range(name).map_err(map_xls_err)?;
    let mut data = SheetData {
        name: name.to_string(),
        cells: Vec::new(),
        merges: Vec::new(),
        diagnostics: Vec::new(),
    };
    let count = range
        .used_cells()
        .filter(|(_, _, v)| **v != Data::Empty)
        .count() as u64;
    if count > opts.max_cells {
        return Err(SheetError::TooManyCells {
            sheet: name.to_string(),
            cells: count,
            limit: opts.max_cells,
        });
    }
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let cell_xf = styles.cells.get(name);
    for (r, c, v) in range.used_cells() {
        let (Ok(r), Ok(c)) = (u32::try_from(r), u32::try_from(c)) else {
            continue;
        };
        let (row, col) = (r0.saturating_add(r), c0.saturating_add(c));
        let code: String = match cell_xf.and_then(|m| m.get(&(row, col))) {
            Some(xf) => styles.code_for_xf(*xf),
            None => match v {
                Data::DateTime(dt) => default_date_code(dt.as_f64()).to_string(),
                _ => "General".to_string(),
            },
        };
        let code = match v {
            // A date value whose own format we could not find still shows as a date.
            Data::DateTime(dt) if !numfmt::is_date_format(&code) => {
                default_date_code(dt.as_f64()).to_string()
            }
            _ => code,
        };
        if let Some(shown) = show(&data_ref(v), &code, styles.date1904, name, row, col) {
            if let Some(d) = shown.diag {
                data.diagnostics.push(d);
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
    if let Ok(formulas) = wb.worksheet_formula(name) {
        let (f0, g0) = formulas.start().unwrap_or((0, 0));
        for (r, c, f) in formulas.used_cells() {
            let (Ok(r), Ok(c)) = (u32::try_from(r), u32::try_from(c)) else {
                continue;
            };
            let (row, col) = (f0.saturating_add(r), g0.saturating_add(c));
            if !f.is_empty() && matches!(range.get_value((row, col)), None | Some(Data::Empty)) {
                data.diagnostics.push(Diagnostic::warning(
                    "formula-without-value",
                    "formula cell has no cached value; shown as empty",
                    Some(loc(name, row, col)),
                ));
            }
        }
    }
    data.merges = wb
        .merge_cells_by_sheet_name(name)
        .map_err(map_xls_err)?
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

/// Read an xlsb workbook.
pub(crate) fn read_xlsb(bytes: &[u8], opts: &SheetOptions) -> Result<BookData, SheetError> {
    let mut wb: Xlsb<Cursor<&[u8]>> = Xlsb::new(Cursor::new(bytes)).map_err(map_xlsb_err)?;
    let is_1904 = wb.has_1904_epoch();
    let mut book = BookData {
        producer: None,
        title: None,
        encoding: None,
        sheets: Vec::new(),
        diagnostics: Vec::new(),
    };
    let styles = match xlsb::read_styles(bytes) {
        Ok(s) => s,
        Err(e) => {
            book.diagnostics.push(Diagnostic::info(
                "number-formats-unavailable",
                format!(
                    "xlsb number formats and merged ranges could not be read ({e}); numbers shown as General, dates as yyyy/m/d"
                ),
                None,
            ));
            xlsb::Styles::default()
        }
    };
    let meta: Vec<(String, SheetType)> = wb
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.typ))
        .collect();
    for (name, typ) in meta {
        if typ != SheetType::WorkSheet {
            book.diagnostics.push(Diagnostic::info(
                "sheet-skipped",
                format!("sheet {name} is not a worksheet ({typ:?}); skipped"),
                None,
            ));
            continue;
        }
        let sheet = read_xlsb_sheet(&mut wb, &name, is_1904, &styles, opts);
        book.sheets.push((name, sheet));
    }
    Ok(book)
}

fn read_xlsb_sheet(
    wb: &mut Xlsb<Cursor<&[u8]>>,
    name: &str,
    is_1904: bool,
    styles: &xlsb::Styles,
    opts: &SheetOptions,
) -> Result<SheetData, SheetError> {
    let mut data = SheetData {
        name: name.to_string(),
        cells: Vec::new(),
        merges: Vec::new(),
        diagnostics: Vec::new(),
    };
    let (cell_xf, merges) = match styles.sheets.get(name) {
        Some((c, m)) => (Some(c), m.clone()),
        None => (None, Vec::new()),
    };
    data.merges = merges;
    let mut count: u64 = 0;
    let mut values: HashMap<(u32, u32), bool> = HashMap::new();
    {
        let mut reader = wb.worksheet_cells_reader(name).map_err(map_xlsb_err)?;
        while let Some(cell) = reader.next_cell().map_err(map_xlsb_err)? {
            let (row, col) = cell.get_position();
            let v = cell.get_value();
            if matches!(v, DataRef::Empty) {
                continue;
            }
            count = count.saturating_add(1);
            if count > opts.max_cells {
                continue;
            }
            values.insert((row, col), true);
            let code = match cell_xf.and_then(|m| m.get(&(row, col))) {
                Some(xf) => styles.code_for_xf(*xf),
                None => "General".to_string(),
            };
            let code = match v {
                DataRef::DateTime(dt) if !numfmt::is_date_format(&code) => {
                    default_date_code(dt.as_f64()).to_string()
                }
                _ => code,
            };
            if let Some(shown) = show(v, &code, is_1904, name, row, col) {
                if let Some(d) = shown.diag {
                    data.diagnostics.push(d);
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
    if let Ok(mut reader) = wb.worksheet_cells_reader(name) {
        while let Ok(Some(f)) = reader.next_formula() {
            let (row, col) = f.get_position();
            if !f.get_value().is_empty() && !values.contains_key(&(row, col)) {
                data.diagnostics.push(Diagnostic::warning(
                    "formula-without-value",
                    "formula cell has no cached value; shown as empty",
                    Some(loc(name, row, col)),
                ));
            }
        }
    }
    Ok(data)
}
