//! The layout IR: pages (or sheets) of tables and loose text, with provenance on every string.

use crate::{Diagnostic, Location};

/// Input file formats muniplan reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// PDF with a text layer.
    Pdf,
    /// Office Open XML workbook.
    Xlsx,
    /// Office Open XML workbook with macros.
    Xlsm,
    /// Excel binary workbook.
    Xlsb,
    /// Excel 97-2003 workbook.
    Xls,
    /// OpenDocument spreadsheet.
    Ods,
    /// Comma-separated values.
    Csv,
    /// Tab-separated values.
    Tsv,
}

impl Format {
    /// Lower-case name used in output (`pdf`, `xlsx`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
            Format::Xlsm => "xlsm",
            Format::Xlsb => "xlsb",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
        }
    }
}

/// Facts about the source file, recorded in every output document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SourceInfo {
    /// The file's detected format (`None` only before detection).
    pub format: Option<Format>,
    /// PDF /Producer (or /Creator when no producer), or the workbook's application name.
    pub producer: Option<String>,
    /// Text encoding detected for CSV/TSV (`utf-8`, `utf-8-bom`, `cp932`).
    pub encoding: Option<String>,
    /// Page count (PDF).
    pub pages: Option<u32>,
    /// Sheet names in workbook order (spreadsheets, CSV).
    pub sheets: Vec<String>,
    /// The title the file's own metadata gives (PDF /Title, a workbook's `dc:title`), as
    /// written there; often the plan's title, sometimes a file name or nothing useful.
    pub title: Option<String>,
}

/// One input file as read: what a reader saw, with no semantics attached.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LayoutDoc {
    /// Facts about the source file.
    pub source: SourceInfo,
    /// Pages (PDF) or sheets (workbook, CSV), in document order.
    pub pages: Vec<Page>,
    /// Problems found while reading (a sheet that failed, a formula without a cached value …).
    pub diagnostics: Vec<Diagnostic>,
}

/// One PDF page or one worksheet.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// 1-based position in the document.
    pub number: u32,
    /// Sheet name (spreadsheets), `None` for PDF pages.
    pub name: Option<String>,
    /// Page size in points after rotation (PDF only).
    pub size: Option<[f64; 2]>,
    /// Tables in reading order.
    pub tables: Vec<Table>,
    /// Loose text outside tables (titles, headings, legends), in reading order.
    pub blocks: Vec<TextBlock>,
}

/// A grid of cells. Cells are stored sparsely: a grid position covered by a spanning cell or
/// empty in the source has no entry of its own.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Number of grid rows.
    pub n_rows: u32,
    /// Number of grid columns.
    pub n_cols: u32,
    /// Non-empty cells (and empty merged ranges), sorted by (row, col).
    pub cells: Vec<Cell>,
    /// When this table continues a table on an earlier page: (page number, table index there).
    pub continues: Option<(u32, usize)>,
}

impl Table {
    /// The cell whose top-left corner is at (row, col), if any.
    pub fn cell_at(&self, row: u32, col: u32) -> Option<&Cell> {
        self.cells
            .binary_search_by(|c| (c.row, c.col).cmp(&(row, col)))
            .ok()
            .and_then(|i| self.cells.get(i))
    }

    /// The cell covering (row, col), including through a span.
    pub fn cell_covering(&self, row: u32, col: u32) -> Option<&Cell> {
        self.cells.iter().find(|c| {
            row >= c.row && row < c.row + c.row_span && col >= c.col && col < c.col + c.col_span
        })
    }

    /// Cells whose top-left corner is in `row`, left to right.
    pub fn row(&self, row: u32) -> impl Iterator<Item = &Cell> {
        self.cells.iter().filter(move |c| c.row == row)
    }
}

/// One cell (or merged range) of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// 0-based top row.
    pub row: u32,
    /// 0-based left column.
    pub col: u32,
    /// Rows covered (≥ 1).
    pub row_span: u32,
    /// Columns covered (≥ 1).
    pub col_span: u32,
    /// The exact text as displayed, lines separated by `\n` (a wrapped PDF cell keeps one
    /// line per visual line; a spreadsheet cell keeps its own line breaks). Never normalized.
    pub text: String,
    /// Where the cell is.
    pub location: Location,
    /// Text was cut off by the cell's border in the source (PDF clipping, LibreOffice export).
    pub clipped: bool,
}

impl Cell {
    /// The cell's text lines.
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.text.split('\n')
    }

    /// True when the cell holds no visible text.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// Loose text outside tables: a title, a heading, a legend.
#[derive(Debug, Clone, PartialEq)]
pub struct TextBlock {
    /// Exact text, lines separated by `\n`.
    pub text: String,
    /// Where the block is.
    pub location: Location,
}
