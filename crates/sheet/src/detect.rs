//! Format detection: magic bytes first (zip contents, OLE2), then the file name's extension.

use muniplan_ir::Diagnostic;

use crate::{SheetError, SheetFormat, zipx};

const OLE2: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Detect the spreadsheet format of `bytes` named `file_name`.
///
/// Magic bytes decide first: a zip holding `xl/workbook.xml` is xlsx (xlsm when the name or
/// the content types say macro-enabled), `xl/workbook.bin` is xlsb, an OpenDocument
/// spreadsheet `mimetype` (or `content.xml`) is ods, an OLE2 compound file is xls. A zip or
/// PDF of another kind is `None`. Otherwise the extension decides (`.xlsx`, `.xlsm`, `.xlsb`,
/// `.xls`, `.ods`, `.csv`, `.tsv`, case-insensitive), so that a damaged or mislabelled
/// workbook reaches [`crate::read`] and gets a precise error; anything else is `None`.
pub fn detect(bytes: &[u8], file_name: &str) -> Option<SheetFormat> {
    let ext = extension(file_name);
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        if let Ok(mut zip) = zipx::open(bytes) {
            return zip_kind(&mut zip, &ext);
        }
        // A zip we cannot open (truncated): trust the extension.
        return by_extension(&ext).filter(|f| is_zip_format(*f));
    }
    if bytes.starts_with(&OLE2) {
        return Some(SheetFormat::Xls);
    }
    if bytes.starts_with(b"%PDF") {
        return None;
    }
    by_extension(&ext)
}

fn is_zip_format(f: SheetFormat) -> bool {
    matches!(
        f,
        SheetFormat::Xlsx | SheetFormat::Xlsm | SheetFormat::Xlsb | SheetFormat::Ods
    )
}

fn zip_kind(zip: &mut zipx::Archive<'_>, ext: &str) -> Option<SheetFormat> {
    if zipx::has(zip, "xl/workbook.xml") {
        if ext == "xlsm" {
            return Some(SheetFormat::Xlsm);
        }
        let ct = zipx::read_entry(zip, "[Content_Types].xml", 1 << 20)
            .ok()
            .flatten()
            .unwrap_or_default();
        let macro_enabled = String::from_utf8_lossy(&ct).contains("macroEnabled");
        return Some(if macro_enabled {
            SheetFormat::Xlsm
        } else {
            SheetFormat::Xlsx
        });
    }
    if zipx::has(zip, "xl/workbook.bin") {
        return Some(SheetFormat::Xlsb);
    }
    let mimetype = zipx::read_entry(zip, "mimetype", 4096)
        .ok()
        .flatten()
        .unwrap_or_default();
    let mimetype = String::from_utf8_lossy(&mimetype);
    if mimetype.trim() == "application/vnd.oasis.opendocument.spreadsheet"
        || (mimetype.is_empty() && zipx::has(zip, "content.xml") && ext == "ods")
    {
        return Some(SheetFormat::Ods);
    }
    None
}

fn extension(file_name: &str) -> String {
    std::path::Path::new(file_name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

fn by_extension(ext: &str) -> Option<SheetFormat> {
    Some(match ext {
        "xlsx" => SheetFormat::Xlsx,
        "xlsm" => SheetFormat::Xlsm,
        "xlsb" => SheetFormat::Xlsb,
        "xls" => SheetFormat::Xls,
        "ods" => SheetFormat::Ods,
        "csv" => SheetFormat::Csv,
        "tsv" | "tab" => SheetFormat::Tsv,
        _ => return None,
    })
}

/// The first bytes of a file as printable text, for messages.
fn preview(bytes: &[u8]) -> String {
    let head: String = String::from_utf8_lossy(bytes.get(..24).unwrap_or(bytes))
        .chars()
        .take(16)
        .collect();
    format!("{head:?}")
}

/// Whether bytes look like delimited text (no NUL, decodable, holds a tab on its first line).
fn is_tab_text(bytes: &[u8]) -> bool {
    let head = bytes.get(..4096).unwrap_or(bytes);
    !head.contains(&0)
        && !head.starts_with(b"<")
        && head
            .split(|b| *b == b'\n')
            .next()
            .is_some_and(|l| l.contains(&b'\t'))
}

/// Check that a format chosen by extension has the container it needs, with a precise error
/// when not. A tab-separated text named `.xls` (a common export of older systems) is read as
/// TSV, with a note saying so.
pub(crate) fn check_container(
    format: SheetFormat,
    bytes: &[u8],
    file_name: &str,
) -> Result<(SheetFormat, Option<Diagnostic>), SheetError> {
    let ext = extension(file_name);
    let zip = bytes.starts_with(b"PK");
    match format {
        SheetFormat::Xlsx | SheetFormat::Xlsm | SheetFormat::Xlsb | SheetFormat::Ods if !zip => {
            Err(SheetError::NotSpreadsheet(format!(
                "named .{ext} but not a zip archive as a .{ext} file is; starts with {}",
                preview(bytes)
            )))
        }
        SheetFormat::Xls if !bytes.starts_with(&OLE2) => {
            if is_tab_text(bytes) {
                return Ok((
                    SheetFormat::Tsv,
                    Some(Diagnostic::info(
                        "xls-is-text",
                        format!(
                            "{file_name} is tab-separated text, not an Excel workbook; read as TSV"
                        ),
                        None,
                    )),
                ));
            }
            let what = if bytes.starts_with(b"<") {
                "HTML/XML text (a web-page or XML export), not an Excel 97-2003 workbook"
            } else {
                "not an OLE2 compound file as a .xls file is"
            };
            Err(SheetError::NotSpreadsheet(format!(
                "named .{ext} but {what}; starts with {}",
                preview(bytes)
            )))
        }
        f => Ok((f, None)),
    }
}

/// Why `detect` said no, for the error message.
pub(crate) fn describe(bytes: &[u8], file_name: &str) -> String {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return match zipx::open(bytes) {
            Ok(zip) => {
                let first: Vec<String> = zip
                    .file_names()
                    .take(3)
                    .filter_map(Result::ok)
                    .map(|n| n.into_owned())
                    .collect();
                format!(
                    "zip without xl/workbook.xml, xl/workbook.bin or an ods mimetype; holds {}",
                    first.join(", ")
                )
            }
            Err(e) => format!("unreadable zip: {e}"),
        };
    }
    if bytes.starts_with(b"%PDF") {
        return "a PDF document".to_string();
    }
    format!("unknown extension of {file_name:?} and no spreadsheet signature")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_fallback_and_refusals() {
        assert_eq!(detect(b"a,b\n", "x.CSV"), Some(SheetFormat::Csv));
        assert_eq!(detect(b"a\tb\n", "x.tsv"), Some(SheetFormat::Tsv));
        assert_eq!(detect(b"hello", "x.xlsx"), Some(SheetFormat::Xlsx));
        assert_eq!(detect(b"%PDF-1.7", "x.xlsx"), None);
        assert_eq!(detect(b"hello", "x.txt"), None);
        assert_eq!(detect(&OLE2, "x.bin"), Some(SheetFormat::Xls));
        // A truncated zip named .csv is not CSV.
        assert_eq!(detect(b"PK\x03\x04garbage", "x.csv"), None);
    }
}
