//! `muniplan inspect`: golden `--lines` output of every PDF fixture, errors, JSON and SVG.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// A fresh scratch directory (no tempfile dependency: the CLI's dev-dependencies are not
/// ours to edit).
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("muniplan-inspect-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn muniplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_muniplan"))
        .args(args)
        .output()
        .unwrap()
}

fn pdfs_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn lines_of_every_fixture_equal_expected_text() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for sub in ["fonts", "encrypted", "producers"] {
        for pdf in pdfs_in(&root().join("fixtures/pdf").join(sub)) {
            let Ok(want) = std::fs::read_to_string(pdf.with_extension("expected.txt")) else {
                continue;
            };
            let out = muniplan(&["inspect", "--lines", pdf.to_str().unwrap()]);
            assert!(
                out.status.success(),
                "{}: {}",
                pdf.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            let got = String::from_utf8(out.stdout).unwrap();
            if got != want {
                failures.push(format!(
                    "{}:\n--- got\n{got}--- want\n{want}",
                    pdf.display()
                ));
            }
            checked += 1;
        }
    }
    println!("{checked} fixtures checked");
    assert!(checked >= 10, "only {checked} fixtures with expected text");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn non_pdf_input_is_a_one_line_error() {
    let dir = scratch("nonpdf");
    let txt = dir.join("report.pdf");
    std::fs::write(&txt, "これはPDFではありません\n").unwrap();
    let empty = dir.join("empty.pdf");
    std::fs::write(&empty, b"").unwrap();
    for (p, cause) in [(&txt, "no %PDF- header"), (&empty, "empty file")] {
        let out = muniplan(&["inspect", p.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains(p.to_str().unwrap()) && err.contains(cause),
            "{err}"
        );
    }
}

#[test]
fn user_password_file() {
    let p = root().join("tests/bad-inputs/encrypted-user-password.pdf");
    if !p.exists() {
        println!("skipped: {} absent", p.display());
        return;
    }
    let p = p.to_str().unwrap();
    let out = muniplan(&["inspect", "--lines", p]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("needs a password") && err.lines().count() == 1,
        "{err}"
    );
    let out = muniplan(&["inspect", "--lines", "--password", "muniplan", p]);
    assert!(out.status.success());
    let want = std::fs::read_to_string(
        root().join("fixtures/pdf/fonts/mixed-latin-japanese.expected.txt"),
    )
    .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), want);
}

#[test]
fn json_and_svg_views() {
    let pdf = root().join("fixtures/pdf/fonts/mixed-latin-japanese.pdf");
    let pdf = pdf.to_str().unwrap();
    let out = muniplan(&["inspect", "--glyphs", "--json", pdf]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let glyphs = v["pages"][0]["glyphs"].as_array().unwrap();
    assert!(glyphs.iter().any(|g| g["text"] == "𠮷"));
    assert!(
        glyphs
            .iter()
            .all(|g| g["bbox"].as_array().is_some_and(|b| b.len() == 4))
    );

    let dir = scratch("svg");
    let svg = dir.join("p.svg");
    let out = muniplan(&[
        "inspect",
        "--page",
        "1",
        "--svg",
        svg.to_str().unwrap(),
        pdf,
    ]);
    assert!(out.status.success());
    let s = std::fs::read_to_string(&svg).unwrap();
    assert!(s.starts_with("<svg") && s.contains(">担</text>"), "{s}");

    let out = muniplan(&["inspect", "--page", "9", pdf]);
    assert_eq!(out.status.code(), Some(2));
}
