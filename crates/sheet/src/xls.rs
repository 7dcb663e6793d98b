//! xls and xlsb through calamine (being written).

use crate::{BookData, SheetError, SheetOptions};

/// Read an xls workbook.
pub(crate) fn read_xls(_bytes: &[u8], _opts: &SheetOptions) -> Result<BookData, SheetError> {
    Err(SheetError::Internal {
        format: "xls",
        detail: "xls reader not written yet".to_string(),
    })
}

/// Read an xlsb workbook.
pub(crate) fn read_xlsb(_bytes: &[u8], _opts: &SheetOptions) -> Result<BookData, SheetError> {
    Err(SheetError::Internal {
        format: "xlsb",
        detail: "xlsb reader not written yet".to_string(),
    })
}
