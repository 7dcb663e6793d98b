//! qpdf-encrypted copies (`fixtures/pdf/encrypted/`) and the user-password bad input
//! (`tests/bad-inputs/encrypted-user-password.pdf`, kept out of `fixtures/` because the main
//! job converts everything there).
//!
//! Byte stability: RC4-128 and AES-128 copies are written with qpdf's `--static-id` (and
//! `--static-aes-iv`), testing options that make them byte-stable; AES-256 (R6) draws random
//! salts and a random file key, so those copies differ on every run (their text does not).
//! qpdf's `--deterministic-id` cannot be combined with encryption.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use super::tools::{require, run, run_qpdf};

/// Owner password of every encrypted fixture.
pub const OWNER_PASSWORD: &str = "owner";
/// User password of the bad input that must not open without `--password`.
pub const USER_PASSWORD: &str = "muniplan";

/// The sources: one hand-built font fixture and one producer fixture (when present).
const SOURCES: [&str; 2] = [
    "fonts/mixed-latin-japanese",
    "producers/libreoffice-calc-nomi-items",
];

/// (suffix, qpdf arguments after `--encrypt <user> <owner>`).
const METHODS: [(&str, &[&str]); 3] = [
    ("rc4-128", &["128", "--use-aes=n"]),
    ("aes-128", &["128", "--use-aes=y"]),
    ("aes-256", &["256"]),
];

/// Generates the encrypted fixtures; returns how many PDFs were written.
pub fn generate(root: &Path, pdf_dir: &Path) -> anyhow::Result<usize> {
    let qpdf = require("qpdf", "qpdf")?;
    let pdftotext = require("pdftotext", "poppler-utils")?;
    let out_dir = pdf_dir.join("encrypted");
    std::fs::create_dir_all(&out_dir).with_context(|| format!("creating {}", out_dir.display()))?;
    let mut n = 0;
    for src in SOURCES {
        let pdf = pdf_dir.join(format!("{src}.pdf"));
        if !pdf.is_file() {
            eprintln!(
                "pdf fixtures: {} missing, no encrypted copies of it",
                pdf.display()
            );
            continue;
        }
        let stem = src.rsplit('/').next().unwrap_or(src);
        // The text reference travels with the copy: exact lines, or the producer's strings.
        let reference = ["expected.txt", "strings.txt"]
            .iter()
            .map(|ext| (ext, pdf_dir.join(format!("{src}.{ext}"))))
            .find(|(_, p)| p.is_file());
        for (suffix, args) in METHODS {
            let out = out_dir.join(format!("{stem}.{suffix}.pdf"));
            // AES-256 output is random: keep an existing copy whose words and boxes (poppler
            // -bbox) equal the source's, so regenerating does not churn it.
            if suffix == "aes-256" && same_words(&pdftotext, &pdf, &out) {
                eprintln!("pdf fixtures: {} unchanged, kept", out.display());
            } else {
                encrypt(&qpdf, &pdf, &out, "", args)?;
            }
            if let Some((ext, p)) = &reference {
                let dest = out_dir.join(format!("{stem}.{suffix}.{ext}"));
                std::fs::copy(p, &dest)
                    .with_context(|| format!("copying to {}", dest.display()))?;
            }
            n += 1;
        }
    }
    // The bad input: AES-128 with a user password.
    let bad_dir = root.join("tests").join("bad-inputs");
    std::fs::create_dir_all(&bad_dir).with_context(|| format!("creating {}", bad_dir.display()))?;
    let src = pdf_dir.join(format!("{}.pdf", SOURCES[0]));
    let bad = bad_dir.join("encrypted-user-password.pdf");
    encrypt(&qpdf, &src, &bad, USER_PASSWORD, &["128", "--use-aes=y"])?;
    n += 1;
    Ok(n)
}

fn encrypt(qpdf: &Path, src: &Path, out: &Path, user: &str, args: &[&str]) -> anyhow::Result<()> {
    let src_s = path_str(src)?;
    let out_s = path_str(out)?;
    let mut all: Vec<&str> = vec!["--static-id"];
    if args.contains(&"--use-aes=y") {
        all.push("--static-aes-iv");
    }
    if args.contains(&"--use-aes=n") {
        all.push("--allow-weak-crypto");
    }
    all.extend(["--encrypt", user, OWNER_PASSWORD]);
    all.extend(args);
    all.extend(["--", src_s.as_str(), out_s.as_str()]);
    run_qpdf(qpdf, &all)?;
    // Check: qpdf opens it with the expected password and reports it encrypted.
    let pw = format!("--password={user}");
    run_qpdf(qpdf, &[pw.as_str(), "--check", out_s.as_str()])?;
    if !out.is_file() {
        bail!("qpdf wrote no {}", out.display());
    }
    Ok(())
}

/// Whether poppler's `-bbox` output (text and word boxes) of `a` and `b` is the same; false
/// when `b` is missing or unreadable.
fn same_words(pdftotext: &Path, a: &Path, b: &Path) -> bool {
    if !b.is_file() {
        return false;
    }
    let words = |p: &Path| {
        run(Command::new(pdftotext).arg("-bbox").arg(p).arg("-")).map(|out| {
            // Drop the <head> (title and dates are the same, but be safe): compare the body.
            let s = String::from_utf8_lossy(&out).to_string();
            s.split_once("<body>")
                .map(|(_, b)| b.to_string())
                .unwrap_or(s)
        })
    };
    match (words(a), words(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

fn path_str(p: &Path) -> anyhow::Result<String> {
    p.to_str()
        .map(str::to_string)
        .with_context(|| format!("non-UTF-8 path {}", PathBuf::from(p).display()))
}
