//! The pipeline, wired in order: bytes → reader → (layout) → layout IR. Recognition and output
//! are called by `convert`.

use muniplan_ir::LayoutDoc;
use sha2::{Digest, Sha256};

/// Options that reach the readers.
pub struct Options {
    /// PDF password.
    pub password: Option<String>,
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
        Some(_) => muniplan_sheet::read(bytes, file_name, &muniplan_sheet::SheetOptions::new())
            .map_err(|e| e.to_string()),
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

fn read_pdf(bytes: &[u8], opts: &Options) -> Result<LayoutDoc, String> {
    let pdf_opts = muniplan_pdf::PdfOptions {
        password: opts.password.clone(),
        ..Default::default()
    };
    let pdf = muniplan_pdf::open(bytes, &pdf_opts).map_err(|e| e.to_string())?;
    Ok(muniplan_layout::read_document(&pdf))
}

/// Lower-case hex SHA-256 of the bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
