//! Real-producer fixtures (`fixtures/pdf/producers/`): LibreOffice exports and Chromium prints
//! of seed tables.

use std::path::Path;
use std::process::Command;

use super::tools::{require, require_file, run, version};

/// Generates the producer fixtures; returns how many PDFs were written.
pub fn generate(_root: &Path, _dir: &Path) -> anyhow::Result<usize> {
    let soffice = require("soffice", "libreoffice-calc")?;
    let chromium = require("chromium", "chromium")?;
    let pdftotext = require("pdftotext", "poppler-utils")?;
    require_file(
        "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
        "fonts-ipaexfont-gothic",
    )?;
    eprintln!("{}", version(&soffice, "--version"));
    eprintln!("{}", version(&chromium, "--version"));
    run(Command::new(&pdftotext).arg("-v"))?;
    anyhow::bail!("producer fixtures: not written yet")
}
