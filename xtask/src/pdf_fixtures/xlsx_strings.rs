//! The string cells of an xlsx workbook (for the `.strings.txt` of its LibreOffice export).

use std::path::Path;

use anyhow::Context;
use calamine::{Data, Reader, open_workbook_auto};

/// Every non-empty string cell in rows 1..=`last_row` (1-based) of every sheet, row by row; a
/// cell's explicit line breaks give one entry per part. Numeric cells are left out (their
/// printed form depends on the number format).
pub fn strings(path: &Path, last_row: u32) -> anyhow::Result<Vec<String>> {
    let mut wb = open_workbook_auto(path).with_context(|| format!("opening {}", path.display()))?;
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        let range = wb
            .worksheet_range(&name)
            .with_context(|| format!("reading sheet {name} of {}", path.display()))?;
        let first_row = range.start().map(|(r, _)| r).unwrap_or(0);
        for (r, _, cell) in range.cells() {
            let row = u32::try_from(r)
                .unwrap_or(u32::MAX)
                .saturating_add(first_row);
            if row >= last_row {
                continue;
            }
            {
                if let Data::String(s) = cell {
                    out.extend(
                        s.split('\n')
                            .map(str::trim)
                            .filter(|p| !p.is_empty())
                            .map(str::to_string),
                    );
                }
            }
        }
    }
    Ok(out)
}
