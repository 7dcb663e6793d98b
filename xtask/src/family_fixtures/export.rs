//! LibreOffice export and Chromium print of the family fixtures, and the post-pass that
//! makes the PDFs byte-stable (dates, LibreOffice's checksum and file ID neutralised, then
//! `qpdf --deterministic-id`), plus the poppler containment check of every cell string.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use super::tools::{require, require_file, run, run_qpdf, version};
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
        let profile = self.work.join("soffice-profile");
        let outdir = self.work.join("soffice-out");
        std::fs::create_dir_all(&outdir)?;
        run(Command::new("timeout")
            .arg("300")
            .arg(&self.soffice)
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&outdir)
            .arg(input))?;
        let stem = input
            .file_stem()
            .and_then(|s| s.to_str())
            .context("input without a name")?;
        let out = outdir.join(format!("{stem}.pdf"));
        if !out.is_file() {
            bail!("LibreOffice wrote no {}", out.display());
        }
        Ok(out)
    }

    /// Chromium's print of an HTML page.
    pub fn chromium_pdf(&self, html: &str, stem: &str) -> anyhow::Result<PathBuf> {
        let html_path = self.work.join(format!("{stem}.html"));
        std::fs::write(&html_path, html)
            .with_context(|| format!("writing {}", html_path.display()))?;
        let out = self.work.join(format!("{stem}.chromium-raw.pdf"));
        let profile = self.work.join(format!("chromium-profile-{stem}"));
        std::fs::create_dir_all(&profile)?;
        run(Command::new("timeout")
            .arg("180")
            .arg(&self.chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--print-to-pdf={}", out.display()))
            .arg(&html_path))?;
        if !out.is_file() {
            bail!("chromium wrote no {}", out.display());
        }
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
