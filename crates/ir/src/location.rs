//! Provenance: where a piece of text was read.

use std::fmt;

/// Where a string came from in its source file.
#[derive(Debug, Clone, PartialEq)]
pub enum Location {
    /// A box on a PDF page.
    Pdf {
        /// 1-based page number.
        page: u32,
        /// `[x0, y0, x1, y1]` in PDF user space (origin bottom-left, points), after the page's
        /// CropBox and Rotate were applied.
        bbox: [f64; 4],
    },
    /// A cell (or merged range) of a worksheet or CSV table.
    Sheet {
        /// Sheet name as stored in the workbook (for CSV: the file stem).
        sheet: String,
        /// A1 reference: `D12`, or `B3:F3` for a merged range.
        cell: String,
    },
    /// The print header of a worksheet (where Japanese workbooks often keep the document's
    /// title): text that belongs to the sheet but to no cell.
    SheetHeader {
        /// Sheet name.
        sheet: String,
    },
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Pdf { page, bbox } => write!(
                f,
                "page {page} [{:.1} {:.1} {:.1} {:.1}]",
                bbox[0], bbox[1], bbox[2], bbox[3]
            ),
            Location::Sheet { sheet, cell } => write!(f, "{sheet}!{cell}"),
            Location::SheetHeader { sheet } => write!(f, "{sheet} (print header)"),
        }
    }
}

/// Spreadsheet column name of a 0-based column index: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn col_name(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// A1 reference of a 0-based (row, col), or of a range when the span is larger than one cell.
pub fn a1(row: u32, col: u32, row_span: u32, col_span: u32) -> String {
    let start = format!("{}{}", col_name(col), row as u64 + 1);
    if row_span <= 1 && col_span <= 1 {
        return start;
    }
    let end_row = row as u64 + row_span.max(1) as u64;
    let end_col = col + col_span.max(1) - 1;
    format!("{start}:{}{}", col_name(end_col), end_row)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_refs() {
        assert_eq!(col_name(0), "A");
        assert_eq!(col_name(25), "Z");
        assert_eq!(col_name(26), "AA");
        assert_eq!(col_name(16_383), "XFD");
        assert_eq!(a1(11, 3, 1, 1), "D12");
        assert_eq!(a1(2, 1, 1, 5), "B3:F3");
    }
}
