//! `cargo xtask fixtures pdf`: the PDF fixtures under `fixtures/pdf/` and the password-protected
//! bad input `tests/bad-inputs/encrypted-user-password.pdf`.
//!
//! Four stages, run in order (set `PDF_FIXTURES_ONLY=fonts,producers,pages,encrypted` to run some):
//! - `fonts/`: small PDFs written byte by byte here, one per font or text-state path that no
//!   producer on this machine writes, each with `<name>.expected.txt` (the exact lines).
//! - `producers/`: seed tables exported by LibreOffice and printed by Chromium, each with
//!   `<name>.strings.txt` (every cell string put in) and poppler's `pdftotext -bbox` output as
//!   reference glyph boxes.
//! - `pages/`: cards one per page under their headings (Calc, Writer), narrow columns whose
//!   text overflows its cells (Calc), a long table over three pages with repeated header rows
//!   (module `pages`).
//! - `encrypted/`: qpdf-encrypted copies (RC4-128, AES-128, AES-256; empty user password).
//!
//! The external tools are needed only here, never by the tests.

mod cmap;
mod encrypted;
mod fontlib;
mod fonts;
mod pages;
pub(crate) mod producers;
mod seed_tables;
pub(crate) mod tools;
mod writer;
mod xlsx_strings;

use std::path::Path;

/// Generate `fixtures/pdf/**` and `tests/bad-inputs/encrypted-user-password.pdf`.
pub fn generate(root: &Path) -> anyhow::Result<()> {
    let only = std::env::var("PDF_FIXTURES_ONLY").unwrap_or_default();
    let run = |stage: &str| only.is_empty() || only.split(',').any(|s| s.trim() == stage);
    let pdf_dir = root.join("fixtures").join("pdf");
    if run("fonts") {
        let all = fonts::write_all(&pdf_dir.join("fonts"))?;
        eprintln!("pdf fixtures: {} font fixtures written", all.len());
    }
    if run("producers") {
        let n = producers::generate(root, &pdf_dir.join("producers"))?;
        eprintln!("pdf fixtures: {n} producer fixtures written");
    }
    if run("pages") {
        let n = pages::generate(&pdf_dir.join("pages"))?;
        eprintln!("pdf fixtures: {n} page-structure fixtures written");
    }
    if run("encrypted") {
        let n = encrypted::generate(root, &pdf_dir)?;
        eprintln!("pdf fixtures: {n} encrypted files written");
    }
    Ok(())
}
