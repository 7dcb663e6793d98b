//! muniplan-sheet: reads spreadsheets (xlsx, xlsm, xlsb, xls, ods) and CSV/TSV into the layout
//! IR, one [`muniplan_ir::Page`] per sheet holding one [`muniplan_ir::Table`] of what the
//! sheet *displays*.
//!
//! A municipal plan kept in Excel says `98.60%`, `110,000件` or `4,263,148千円` because a
//! number format says so; the stored values are 0.986, 110000 and 4263148. Downstream stages
//! must see what a person sees, with its provenance, so this crate renders every cell through
//! its number format (Excel's own rules: `General` shows at most 11 significant digits,
//! `0.00%` multiplies by 100, `#,##0"千円"` groups and appends the literal, date formats
//! including the Japanese era `ggge"年"m"月"d"日"`), keeps merged ranges as one spanning cell
//! located `B3:F3`, and records problems (formula cells without a cached value, error values,
//! approximated formats, a sheet that failed) as diagnostics instead of dropping them.
//!
//! # Brief overview
//!
//! - [`detect`]: the [`SheetFormat`] of some bytes, from magic bytes (zip contents, OLE2)
//!   first and the file name's extension second; `None` when it is no spreadsheet or CSV.
//! - [`read`]: bytes → [`muniplan_ir::LayoutDoc`] (source facts, one page per sheet,
//!   diagnostics), or a [`SheetError`] when the file as a whole cannot be read.
//! - [`SheetOptions`]: limits (cells per sheet).
//!
//! How each format is read:
//!
//! | format | values | number formats | merges |
//! |---|---|---|---|
//! | xlsx, xlsm | calamine (streamed cell by cell) | calamine's style table, rendered here | calamine |
//! | xlsb | calamine (streamed) | own BIFF12 pass over `styles.bin` and the sheet records | own (BrtMergeCell) |
//! | xls | calamine | own CFB + BIFF8 pass (FORMAT, XF, cell records) | calamine |
//! | ods | own `content.xml` parser: the cell's displayed `<text:p>` | as displayed by the writer | own (`number-columns-spanned`) |
//! | csv, tsv | own RFC 4180 parser after encoding detection (UTF-8, UTF-8 BOM, UTF-16 BOM, CP932) | text as stored | none |
//!
//! What it deliberately does not do: interpret cells (that is the recognizer's job), evaluate
//! formulas (a formula without a cached value is reported, not computed), read charts,
//! comments, images or hidden-row state, or normalize text in any way.

mod biff;
mod csv;
mod detect;
mod grid;
mod headers;
mod numfmt;
mod ods;
mod xls;
mod xlsb;
mod xlsx;
mod zipx;

use muniplan_ir::{Diagnostic, Format, LayoutDoc, Location, Page, SourceInfo, TextBlock};

pub use csv::records;
pub use detect::detect;

/// Reading limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetOptions {
    /// Most cells (value records) one sheet may hold; a sheet with more is not read.
    /// Default: 2,000,000 (a 2,000 × 1,000 grid; municipal plans hold a few thousand).
    pub max_cells: u64,
    /// Largest size one part of a zipped workbook (xlsx, xlsm, xlsb, ods) may inflate to, as the
    /// archive declares it; checked before any part is inflated, so a zip bomb stops at once.
    /// Default: 128 MiB (a 2,000,000-cell sheet's XML is well under it).
    pub max_inflate_bytes: u64,
}

impl SheetOptions {
    /// The documented defaults: `max_cells` = 2,000,000, `max_inflate_bytes` = 128 MiB.
    pub fn new() -> Self {
        SheetOptions {
            max_cells: 2_000_000,
            max_inflate_bytes: 128 << 20,
        }
    }
}

impl Default for SheetOptions {
    fn default() -> Self {
        Self::new()
    }
}

/// Spreadsheet and delimited-text formats this crate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SheetFormat {
    /// Office Open XML workbook (`xl/workbook.xml`).
    Xlsx,
    /// Office Open XML workbook with macros.
    Xlsm,
    /// Excel binary workbook (`xl/workbook.bin`).
    Xlsb,
    /// Excel 97-2003 workbook (OLE2 compound file).
    Xls,
    /// OpenDocument spreadsheet.
    Ods,
    /// Comma-separated values.
    Csv,
    /// Tab-separated values.
    Tsv,
}

impl SheetFormat {
    /// The IR format tag.
    pub fn ir(self) -> Format {
        match self {
            SheetFormat::Xlsx => Format::Xlsx,
            SheetFormat::Xlsm => Format::Xlsm,
            SheetFormat::Xlsb => Format::Xlsb,
            SheetFormat::Xls => Format::Xls,
            SheetFormat::Ods => Format::Ods,
            SheetFormat::Csv => Format::Csv,
            SheetFormat::Tsv => Format::Tsv,
        }
    }

    /// Lower-case name (`xlsx`, `csv`, …).
    pub fn as_str(self) -> &'static str {
        self.ir().as_str()
    }
}

/// Why a whole file could not be read. Problems confined to one sheet are diagnostics in the
/// returned document instead.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SheetError {
    /// The file has no bytes.
    #[error("empty file (0 bytes)")]
    Empty,
    /// The bytes are not a spreadsheet or delimited text of any supported kind.
    #[error("not a spreadsheet ({0})")]
    NotSpreadsheet(String),
    /// The container or its parts are damaged or cut short.
    #[error("truncated or corrupt {format}: {detail}")]
    Corrupt {
        /// Format name (`xlsx`, `xls`, …).
        format: &'static str,
        /// What the parser found.
        detail: String,
    },
    /// The workbook is encrypted.
    #[error("password-protected {0}: cannot read an encrypted workbook")]
    Encrypted(&'static str),
    /// Delimited text in an encoding we do not read.
    #[error("not UTF-8 or CP932 text ({0})")]
    NotText(String),
    /// A sheet holds more cells than [`SheetOptions::max_cells`].
    #[error("sheet {sheet} has {cells} cells, over the limit of {limit}")]
    TooManyCells {
        /// Sheet name.
        sheet: String,
        /// Cells counted.
        cells: u64,
        /// The limit in force.
        limit: u64,
    },
    /// The workbook holds no worksheet at all.
    #[error("workbook has no worksheet")]
    NoSheets,
    /// A part of a zipped workbook declares an inflated size over
    /// [`SheetOptions::max_inflate_bytes`].
    #[error("{part} inflates to {size} bytes, over the limit of {limit} (zip bomb?)")]
    InflateLimit {
        /// The part's name in the archive.
        part: String,
        /// Its declared inflated size.
        size: u64,
        /// The limit in force.
        limit: u64,
    },
}

/// One sheet as read by a format backend, before it becomes a page.
pub(crate) struct SheetData {
    pub name: String,
    pub cells: Vec<grid::RawCell>,
    pub merges: Vec<grid::Merge>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A workbook as read by a format backend: sheets in order, each read or failed.
pub(crate) struct BookData {
    pub producer: Option<String>,
    /// `dc:title` of the workbook's properties.
    pub title: Option<String>,
    pub encoding: Option<String>,
    pub sheets: Vec<(String, Result<SheetData, SheetError>)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Read a whole workbook or CSV/TSV file into the layout IR.
///
/// `file_name` is used for format detection (extension) and, for CSV/TSV, as the sheet name
/// (its stem). Never panics: a parser failure on hostile bytes is an error, not a crash.
pub fn read(bytes: &[u8], file_name: &str, opts: &SheetOptions) -> Result<LayoutDoc, SheetError> {
    if bytes.is_empty() {
        return Err(SheetError::Empty);
    }
    let format = match detect::detect(bytes, file_name) {
        Some(f) => f,
        None => {
            return Err(SheetError::NotSpreadsheet(detect::describe(
                bytes, file_name,
            )));
        }
    };
    let (format, note) = detect::check_container(format, bytes, file_name)?;
    if matches!(
        format,
        SheetFormat::Xlsx | SheetFormat::Xlsm | SheetFormat::Xlsb | SheetFormat::Ods
    ) && let Some((part, size)) = zipx::oversized_part(bytes, opts.max_inflate_bytes)
    {
        return Err(SheetError::InflateLimit {
            part,
            size,
            limit: opts.max_inflate_bytes,
        });
    }
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_format(format, bytes, file_name, opts)
    }));
    let book = match result {
        Ok(r) => r?,
        Err(panic) => {
            let detail = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "parser panicked".to_string());
            // A parser (ours or calamine's) gave up on malformed data by panicking.
            return Err(SheetError::Corrupt {
                format: format.as_str(),
                detail: format!("parser failure: {detail}"),
            });
        }
    };
    let mut doc = assemble(format, book)?;
    if matches!(format, SheetFormat::Xlsx | SheetFormat::Xlsm) {
        for (sheet, texts) in headers::xlsx_headers(bytes) {
            if let Some(page) = doc
                .pages
                .iter_mut()
                .find(|p| p.name.as_deref() == Some(&sheet))
            {
                page.blocks.extend(texts.into_iter().map(|text| TextBlock {
                    text,
                    location: Location::SheetHeader {
                        sheet: sheet.clone(),
                    },
                }));
            }
        }
    }
    if let Some(note) = note {
        doc.diagnostics.insert(0, note);
    }
    Ok(doc)
}

fn read_format(
    format: SheetFormat,
    bytes: &[u8],
    file_name: &str,
    opts: &SheetOptions,
) -> Result<BookData, SheetError> {
    match format {
        SheetFormat::Xlsx | SheetFormat::Xlsm => xlsx::read(bytes, format, opts),
        SheetFormat::Xlsb => xls::read_xlsb(bytes, opts),
        SheetFormat::Xls => xls::read_xls(bytes, opts),
        SheetFormat::Ods => ods::read(bytes, opts),
        SheetFormat::Csv | SheetFormat::Tsv => csv::read(bytes, file_name, format, opts),
    }
}

/// Turn backend output into the IR document: one page per sheet; failed sheets become error
/// diagnostics unless every sheet failed, in which case the first failure is the file's.
fn assemble(format: SheetFormat, book: BookData) -> Result<LayoutDoc, SheetError> {
    if book.sheets.is_empty() {
        return Err(SheetError::NoSheets);
    }
    if book.sheets.iter().all(|(_, r)| r.is_err()) {
        if let Some((_, Err(e))) = book.sheets.into_iter().next() {
            return Err(e);
        }
        return Err(SheetError::NoSheets);
    }
    let mut doc = LayoutDoc {
        source: SourceInfo {
            format: Some(format.ir()),
            producer: book.producer,
            title: book.title,
            encoding: book.encoding,
            pages: None,
            sheets: book.sheets.iter().map(|(n, _)| n.clone()).collect(),
        },
        pages: Vec::new(),
        diagnostics: book.diagnostics,
    };
    for (i, (name, sheet)) in book.sheets.into_iter().enumerate() {
        let number = u32::try_from(i).unwrap_or(u32::MAX).saturating_add(1);
        let mut page = Page {
            number,
            name: Some(name.clone()),
            size: None,
            tables: Vec::new(),
            blocks: Vec::new(),
        };
        match sheet {
            Ok(data) => {
                doc.diagnostics.extend(data.diagnostics);
                let built = grid::build_table(&data.name, data.cells, &data.merges);
                if built.hidden_under_merges > 0 {
                    doc.diagnostics.push(Diagnostic::info(
                        "value-hidden-by-merge",
                        format!(
                            "{} cell value(s) lie under merged ranges and are not displayed; ignored",
                            built.hidden_under_merges
                        ),
                        Some(Location::Sheet {
                            sheet: name.clone(),
                            cell: "A1".to_string(),
                        }),
                    ));
                }
                if let Some(t) = built.table {
                    page.tables.push(t);
                }
            }
            Err(e) => doc.diagnostics.push(Diagnostic::error(
                "sheet-unreadable",
                format!("sheet {name} could not be read: {e}"),
                Some(Location::Sheet {
                    sheet: name.clone(),
                    cell: "A1".to_string(),
                }),
            )),
        }
        doc.pages.push(page);
    }
    Ok(doc)
}
