//! Project tasks, run as `cargo xtask <task>`.
//!
//! - `cargo xtask fixtures [sheets|pdf|families|variants|expected|all]`: regenerate `fixtures/` from the seed
//!   documents in `../shared/seeds` (sheets: xlsx/csv written here; pdf: PDFs built by hand, exported by
//!   LibreOffice, printed by Chromium, encrypted by qpdf — those tools are needed only here;
//!   families: one xlsx + LibreOffice/Chromium PDF set per seed layout family; expected: only
//!   the families' hand-read `.expected.jsonl` value lists, no tools needed).
//! - `cargo xtask cmaps`: regenerate the compiled-in CID → Unicode tables of the PDF reader from
//!   Adobe's CMap resources (Debian's poppler-data `cMap/` folder, BSD-3).
//!
//! Nothing here is needed by the tests: generated files are committed.

mod cmaps;
mod family_fixtures;
mod pdf_fixtures;
mod sheet_fixtures;

use std::path::PathBuf;

use anyhow::{Context, bail};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = project_root()?;
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["fixtures"] | ["fixtures", "all"] => {
            sheet_fixtures::generate(&root)?;
            pdf_fixtures::generate(&root)?;
            family_fixtures::generate(&root)?;
            family_fixtures::generate_variants(&root)
        }
        ["fixtures", "sheets"] => sheet_fixtures::generate(&root),
        ["fixtures", "pdf"] => pdf_fixtures::generate(&root),
        ["fixtures", "families"] => family_fixtures::generate(&root),
        ["fixtures", "variants"] => family_fixtures::generate_variants(&root),
        ["fixtures", "expected"] => family_fixtures::generate_expected(&root),
        ["cmaps"] => cmaps::generate(&root),
        _ => bail!(
            "usage: cargo xtask fixtures [sheets|pdf|families|variants|expected|all] | cargo xtask cmaps"
        ),
    }
}

/// The workspace root (the parent of this crate's directory).
fn project_root() -> anyhow::Result<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    dir.parent()
        .map(PathBuf::from)
        .context("xtask has no parent directory")
}
