//! LibreOffice export and Chromium print of the family fixtures, and the post-pass that
//! makes the PDFs byte-stable (dates, LibreOffice's checksum and file ID neutralised, then
//! `qpdf --deterministic-id`), plus the poppler containment check of every cell string.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use super::tools::{
    chromium_print, require, require_file, run, run_qpdf, soffice_convert, version,
};
use crate::pdf_fixtures::producers::{fix_dates, path_str};

/// The external tools the family generator needs.
pub struct Tools {
    soffice: PathBuf,
    chromium: PathBuf,
    qpdf: PathBuf,
    pdftotext: PathBuf,
    /// Scratch folder (profiles, raw outputs).
    work: PathBuf,
}

impl Tools {
    /// Finds the tools (naming the Debian package of a missing one) and clears the scratch
    /// folder.
    pub fn find() -> anyhow::Result<Tools> {
        let tools = Tools {
            soffice: require("soffice", "libreoffice-calc")?,
            chromium: require("chromium", "chromium")?,
            qpdf: require("qpdf", "qpdf")?,
            pdftotext: require("pdftotext", "poppler-utils")?,
            work: std::env::temp_dir().join("muniplan-family-fixtures"),
        };
        require_file(
            "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
            "fonts-ipaexfont-gothic",
        )?;
        eprintln!(
            "family fixtures: {} | {} | {}",
            version(&tools.soffice, "--version"),
            version(&tools.chromium, "--version"),
            version(&tools.qpdf, "--version")
        );
        if tools.work.exists() {
            std::fs::remove_dir_all(&tools.work)
                .with_context(|| format!("clearing {}", tools.work.display()))?;
        }
        std::fs::create_dir_all(&tools.work)
            .with_context(|| format!("creating {}", tools.work.display()))?;
        Ok(tools)
    }

    /// LibreOffice's PDF export of `input` (all pages).
    pub fn soffice_pdf(&self, input: &Path) -> anyhow::Result<PathBuf> {
        soffice_convert(&self.soffice, &self.work, input, None)
    }

    /// LibreOffice Writer's PDF export of a flat ODF text document (written to the scratch
    /// folder as `<stem>.fodt`).
    pub fn writer_pdf(&self, fodt: &str, stem: &str) -> anyhow::Result<PathBuf> {
        let path = self.work.join(format!("{stem}.fodt"));
        std::fs::write(&path, fodt).with_context(|| format!("writing {}", path.display()))?;
        soffice_convert(&self.soffice, &self.work, &path, None)
    }

    /// Chromium's print of an HTML page.
    pub fn chromium_pdf(&self, html: &str, stem: &str) -> anyhow::Result<PathBuf> {
        let html_path = self.work.join(format!("{stem}.html"));
        std::fs::write(&html_path, html)
            .with_context(|| format!("writing {}", html_path.display()))?;
        let out = self.work.join(format!("{stem}.chromium-raw.pdf"));
        let profile = self.work.join(format!("chromium-profile-{stem}"));
        chromium_print(&self.chromium, &profile, &html_path, &out)?;
        Ok(out)
    }

    /// Normalises `raw` into `out` (fixed dates and IDs), writes `strings` next to it as
    /// `<out stem>.strings.txt`, checks the size budget and poppler's text; returns the page
    /// count and the strings poppler does not find (whitespace removed).
    pub fn finish(
        &self,
        raw: &Path,
        out: &Path,
        strings: &[String],
        max_bytes: u64,
    ) -> anyhow::Result<Finished> {
        let mut bytes = std::fs::read(raw).with_context(|| format!("reading {}", raw.display()))?;
        fix_dates(&mut bytes);
        let dated = raw.with_extension("dated.pdf");
        std::fs::write(&dated, &bytes).with_context(|| format!("writing {}", dated.display()))?;
        run_qpdf(
            &self.qpdf,
            &["--deterministic-id", path_str(&dated)?, path_str(out)?],
        )?;
        let size = std::fs::metadata(out)
            .with_context(|| format!("reading {}", out.display()))?
            .len();
        if size > max_bytes {
            bail!(
                "{}: {size} bytes, over the {max_bytes} byte budget",
                out.display()
            );
        }
        let mut list = String::new();
        for s in strings {
            list.push_str(s);
            list.push('\n');
        }
        let name = out
            .file_name()
            .and_then(|s| s.to_str())
            .context("output without a name")?;
        let stem = name.strip_suffix(".pdf").unwrap_or(name);
        std::fs::write(out.with_file_name(format!("{stem}.strings.txt")), list)
            .with_context(|| format!("writing strings of {stem}"))?;
        let text = run(Command::new(&self.pdftotext).arg(out).arg("-"))?;
        let text = String::from_utf8_lossy(&text);
        let pages = text.matches('\u{c}').count();
        // Reading order interleaves the lines of wrapped cells side by side; `-raw` keeps the
        // content-stream order, where both producers draw a cell's lines together.
        let raw_text = run(Command::new(&self.pdftotext).arg("-raw").arg(out).arg("-"))?;
        let mut flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        flat.push('\u{0}');
        flat.extend(
            String::from_utf8_lossy(&raw_text)
                .chars()
                .filter(|c| !c.is_whitespace()),
        );
        let missing: Vec<String> = strings
            .iter()
            .filter(|s| {
                let f: String = s.chars().filter(|c| !c.is_whitespace()).collect();
                !flat.contains(&f)
            })
            .cloned()
            .collect();
        Ok(Finished {
            pages,
            size,
            missing,
        })
    }
}

/// What `finish` measured.
pub struct Finished {
    pub pages: usize,
    pub size: u64,
    pub missing: Vec<String>,
}
