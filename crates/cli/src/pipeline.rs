//! The pipeline, wired in order: bytes → reader → (layout) → layout IR. Recognition and output
//! are called by `convert`.

use muniplan_ir::LayoutDoc;
use sha2::{Digest, Sha256};

/// Options that reach the readers.
pub struct Options {
    /// PDF password.
    pub password: Option<String>,
    /// PDF resource bounds (decoded bytes per stream and per file, form nesting, pages, …).
    pub pdf_limits: muniplan_pdf::Limits,
    /// Spreadsheet resource bounds (cells per sheet).
    pub sheet: muniplan_sheet::SheetOptions,
}

/// Read a file's bytes into the layout IR. The error is a one-line cause.
pub fn read(bytes: &[u8], file_name: &str, opts: &Options) -> Result<LayoutDoc, String> {
    if bytes.is_empty() {
        return Err("empty file (0 bytes)".to_string());
    }
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let head = &bytes[..bytes.len().min(1024)];
    let is_pdf = head.windows(5).any(|w| w == b"%PDF-");
    if is_pdf {
        return read_pdf(bytes, opts);
    }
    if ext == "pdf" {
        return Err("not a PDF (no %PDF- header)".to_string());
    }
    match muniplan_sheet::detect(bytes, file_name) {
        Some(_) => {
            let doc =
                muniplan_sheet::read(bytes, file_name, &opts.sheet).map_err(|e| e.to_string())?;
            check_text_sizes(&doc)?;
            Ok(doc)
        }
        None => Err(format!(
            "unsupported format{}: not a PDF, spreadsheet or CSV",
            if ext.is_empty() {
                String::new()
            } else {
                format!(" (.{ext})")
            }
        )),
    }
}

/// Most characters one cell may hold: Excel's own limit. A longer cell comes from a broken or
/// hostile file (a zip bomb in sharedStrings.xml), and recognition, which looks at every cell
/// several times, would spend minutes on it.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Fail a workbook holding a cell longer than [`MAX_CELL_CHARS`].
fn check_text_sizes(doc: &LayoutDoc) -> Result<(), String> {
    for page in &doc.pages {
        let texts = page
            .tables
            .iter()
            .flat_map(|t| t.cells.iter().map(|c| (&c.text, &c.location)))
            .chain(page.blocks.iter().map(|b| (&b.text, &b.location)));
        for (text, location) in texts {
            // Bytes bound characters from above: count characters only for long texts.
            if text.len() > MAX_CELL_CHARS {
                let chars = text.chars().count();
                if chars > MAX_CELL_CHARS {
                    return Err(format!(
                        "cell {location} holds {chars} characters, over the limit of {MAX_CELL_CHARS}"
                    ));
                }
            }
        }
    }
    Ok(())
}

fn read_pdf(bytes: &[u8], opts: &Options) -> Result<LayoutDoc, String> {
    let pdf_opts = muniplan_pdf::PdfOptions {
        password: opts.password.clone(),
        limits: opts.pdf_limits.clone(),
    };
    let pdf = muniplan_pdf::open(bytes, &pdf_opts).map_err(|e| e.to_string())?;
    let doc = muniplan_layout::read_document(&pdf);
    match nothing_read(&doc) {
        Some(cause) => Err(format!("nothing could be read: {cause}")),
        None => Ok(doc),
    }
}

/// The first error of a PDF from which no text at all could be read because of errors (a
/// limit hit on every page, a page tree without pages). Such a file fails: an empty document
/// with a warning would pass for a plan without initiatives. A PDF without text and without
/// errors (a scan) is not a failure here.
fn nothing_read(doc: &LayoutDoc) -> Option<String> {
    let has_text = doc
        .pages
        .iter()
        .any(|p| !p.tables.is_empty() || !p.blocks.is_empty());
    if has_text {
        return None;
    }
    doc.diagnostics
        .iter()
        .find(|d| d.severity == muniplan_ir::Severity::Error)
        .map(|d| d.message.clone())
}

/// Lower-case hex SHA-256 of the bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
