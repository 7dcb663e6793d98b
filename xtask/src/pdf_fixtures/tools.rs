//! Finding and running the external tools (LibreOffice, Chromium, qpdf, poppler-utils).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

/// The path of `tool` on `PATH`, or an error naming the Debian package that provides it.
pub fn require(tool: &str, debian_package: &str) -> anyhow::Result<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        let candidate = dir.join(tool);
        if candidate.is_file() {
            return Ok(candidate);
        }
    }
    bail!(
        "`{tool}` not found on PATH: install the Debian package {debian_package} (apt-get install {debian_package})"
    )
}

/// A file that must exist, or an error naming the Debian package that provides it.
pub fn require_file(path: &str, debian_package: &str) -> anyhow::Result<PathBuf> {
    let p = PathBuf::from(path);
    if p.is_file() {
        Ok(p)
    } else {
        bail!("{path} not found: install the Debian package {debian_package}")
    }
}

/// Runs a command, failing with its stderr when it exits non-zero; returns stdout.
pub fn run(cmd: &mut Command) -> anyhow::Result<Vec<u8>> {
    let shown = format!("{cmd:?}");
    let out = cmd.output().with_context(|| format!("starting {shown}"))?;
    if !out.status.success() {
        bail!(
            "{shown} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(out.stdout)
}

/// Runs qpdf, accepting exit code 3 (warnings) as success.
pub fn run_qpdf(qpdf: &Path, args: &[&str]) -> anyhow::Result<()> {
    let out = Command::new(qpdf)
        .args(args)
        .output()
        .with_context(|| format!("starting qpdf {args:?}"))?;
    match out.status.code() {
        Some(0 | 3) => Ok(()),
        _ => bail!(
            "qpdf {args:?} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ),
    }
}

/// First line of `tool --version`-like output, for the record.
pub fn version(tool: &Path, arg: &str) -> String {
    Command::new(tool)
        .arg(arg)
        .output()
        .map(|o| {
            let mut s = String::from_utf8_lossy(&o.stdout).to_string();
            s.push_str(&String::from_utf8_lossy(&o.stderr));
            s.lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .trim()
                .to_string()
        })
        .unwrap_or_default()
}

/// Chromium's headless print of the page `html` to `out` (no header or footer), with its
/// profile in `profile`.
pub fn chromium_print(
    chromium: &Path,
    profile: &Path,
    html: &Path,
    out: &Path,
) -> anyhow::Result<()> {
    std::fs::create_dir_all(profile)?;
    run(Command::new("timeout")
        .arg("180")
        .arg(chromium)
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
        .arg(html))?;
    if !out.is_file() {
        bail!("chromium wrote no {}", out.display());
    }
    Ok(())
}

/// LibreOffice's PDF export of `input` (`page_range` like `"1-2"`, or all pages) into
/// `work/soffice-out`, with its profile in `work/soffice-profile`; returns the PDF's path.
pub fn soffice_convert(
    soffice: &Path,
    work: &Path,
    input: &Path,
    page_range: Option<&str>,
) -> anyhow::Result<PathBuf> {
    let profile = work.join("soffice-profile");
    let outdir = work.join("soffice-out");
    std::fs::create_dir_all(&outdir)?;
    run(Command::new("timeout")
        .arg("300")
        .arg(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to"])
        .arg(match page_range {
            Some(r) => format!(
                "pdf:calc_pdf_Export:{{\"PageRange\":{{\"type\":\"string\",\"value\":\"{r}\"}}}}"
            ),
            None => "pdf".to_string(),
        })
        .arg("--outdir")
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
