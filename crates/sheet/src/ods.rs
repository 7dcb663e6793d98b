//! OpenDocument spreadsheets (being written).

use crate::{BookData, SheetError, SheetOptions};

/// Read an ods workbook.
pub(crate) fn read(_bytes: &[u8], _opts: &SheetOptions) -> Result<BookData, SheetError> {
    Err(SheetError::Internal {
        format: "ods",
        detail: "ods reader not written yet".to_string(),
    })
}
