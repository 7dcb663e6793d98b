//! Golden tests on the project's PDF fixtures (`fixtures/pdf/`, made by `cargo xtask fixtures
//! pdf`): the lines of every fixture with an `.expected.txt` equal it exactly, Japanese runs
//! carry no inserted spaces, and glyph x positions agree with poppler's `pdftotext -bbox`
//! (committed as `.poppler-bbox.html`) within 0.5 pt on the LibreOffice and Chromium exports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use muniplan_pdf::{PdfError, PdfOptions, lines, open};

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
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

fn page_lines(path: &Path, password: Option<&str>) -> Result<Vec<String>, PdfError> {
    let bytes = std::fs::read(path).unwrap();
    let opts = PdfOptions {
        password: password.map(String::from),
        ..Default::default()
    };
    let doc = open(&bytes, &opts)?;
    let mut out = Vec::new();
    for n in 1..=doc.page_count() {
        out.extend(lines(&doc.page(n)).into_iter().map(|l| l.text));
    }
    Ok(out)
}

#[test]
fn every_fixture_gives_its_expected_lines() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for sub in ["fonts", "encrypted"] {
        for pdf in pdfs_in(&root().join("fixtures/pdf").join(sub)) {
            let exp = pdf.with_extension("expected.txt");
            let Ok(expected) = std::fs::read_to_string(&exp) else {
                continue;
            };
            let got = page_lines(&pdf, None).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
            let want: Vec<&str> = expected.lines().collect();
            if got != want {
                failures.push(format!("{}:\n got  {got:?}\n want {want:?}", pdf.display()));
            }
            checked += 1;
        }
    }
    println!("{checked} fixtures checked");
    assert!(
        checked >= 10,
        "only {checked} fixtures with expected text found"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn is_jp(c: char) -> bool {
    matches!(u32::from(c), 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0x20000..=0x2FFFF)
}

#[test]
fn no_space_inside_japanese_runs() {
    let mut all = Vec::new();
    for sub in ["fonts", "producers"] {
        for pdf in pdfs_in(&root().join("fixtures/pdf").join(sub)) {
            for l in page_lines(&pdf, None).unwrap() {
                let cs: Vec<char> = l.chars().collect();
                for w in cs.windows(3) {
                    if let [a, ' ', b] = w
                        && is_jp(*a)
                        && is_jp(*b)
                    {
                        all.push((pdf.display().to_string(), l.clone()));
                    }
                }
            }
        }
    }
    // A space between two Japanese characters is allowed only where the gap is at least one
    // em (separate table cells); the font-path fixtures have none.
    let in_fonts: Vec<_> = all.iter().filter(|(p, _)| p.contains("/fonts/")).collect();
    assert!(in_fonts.is_empty(), "{in_fonts:?}");
}

#[test]
fn user_password_fixture() {
    let p = root().join("tests/bad-inputs/encrypted-user-password.pdf");
    if !p.exists() {
        println!("skipped: {} absent", p.display());
        return;
    }
    let err = page_lines(&p, None).unwrap_err();
    assert!(matches!(err, PdfError::Encrypted { .. }), "{err}");
    assert!(err.to_string().contains("password"));
    let wrong = page_lines(&p, Some("nope")).unwrap_err();
    assert!(matches!(wrong, PdfError::WrongPassword { .. }), "{wrong}");
    let got = page_lines(&p, Some("muniplan")).unwrap();
    let want = std::fs::read_to_string(
        root().join("fixtures/pdf/fonts/mixed-latin-japanese.expected.txt"),
    )
    .unwrap();
    assert_eq!(got, want.lines().collect::<Vec<_>>());
}

/// Words of a poppler `-bbox` file: (page, text, xMin, yMin, xMax, yMax), y from the top.
fn poppler_words(html: &str) -> Vec<(usize, String, f64, f64, f64, f64, f64)> {
    let mut out = Vec::new();
    let mut page = 0usize;
    let mut height = 0.0;
    for line in html.lines() {
        let l = line.trim();
        let attr = |name: &str| -> Option<f64> {
            let k = format!("{name}=\"");
            let at = l.find(&k)? + k.len();
            let rest = l.get(at..)?;
            rest.get(..rest.find('"')?)?.parse().ok()
        };
        if l.starts_with("<page ") {
            page += 1;
            height = attr("height").unwrap_or(0.0);
        } else if l.starts_with("<word ") {
            let text = l
                .split_once('>')
                .and_then(|(_, r)| r.rsplit_once("</word>"))
                .map(|(t, _)| {
                    t.replace("&amp;", "&")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&quot;", "\"")
                })
                .unwrap_or_default();
            if let (Some(x0), Some(y0), Some(x1), Some(y1)) =
                (attr("xMin"), attr("yMin"), attr("xMax"), attr("yMax"))
            {
                out.push((page, text, x0, y0, x1, y1, height));
            }
        }
    }
    out
}

#[test]
fn glyph_x_positions_match_poppler() {
    let dir = root().join("fixtures/pdf/producers");
    let mut total = 0usize;
    let mut bad = Vec::new();
    let mut worst = 0.0f64;
    for pdf in pdfs_in(&dir) {
        let html_path = pdf.with_extension("poppler-bbox.html");
        let Ok(html) = std::fs::read_to_string(&html_path) else {
            continue;
        };
        let bytes = std::fs::read(&pdf).unwrap();
        let doc = open(&bytes, &PdfOptions::default()).unwrap();
        let pages: Vec<_> = (1..=doc.page_count()).map(|n| doc.page(n)).collect();
        for (pno, text, x0, top, x1, bottom, h) in poppler_words(&html) {
            let Some(page) = pages.get(pno.wrapping_sub(1)) else {
                continue;
            };
            let (y0, y1) = (h - bottom, h - top);
            let first = text.chars().next().map(String::from).unwrap_or_default();
            let last = text.chars().last().map(String::from).unwrap_or_default();
            let on_row = |g: &&muniplan_pdf::Glyph| {
                let cy = (g.bbox[1] + g.bbox[3]) / 2.0;
                cy >= y0 - 1.0 && cy <= y1 + 1.0
            };
            let near = |want: &str, x: f64, left: bool| -> Option<f64> {
                page.glyphs
                    .iter()
                    .filter(on_row)
                    .filter(|g| g.text == want)
                    .map(|g| ((if left { g.bbox[0] } else { g.bbox[2] }) - x).abs())
                    .min_by(f64::total_cmp)
            };
            total += 1;
            match (near(&first, x0, true), near(&last, x1, false)) {
                (Some(a), Some(b)) => {
                    let d = a.max(b);
                    worst = worst.max(d);
                    if d > 0.5 {
                        bad.push(format!(
                            "{} p{pno} {text:?}: off by {d:.2} pt",
                            pdf.display()
                        ));
                    }
                }
                _ => bad.push(format!(
                    "{} p{pno} {text:?}: no matching glyphs",
                    pdf.display()
                )),
            }
        }
    }
    println!(
        "{total} poppler words compared, worst x deviation {worst:.3} pt, {} over 0.5 pt",
        bad.len()
    );
    if total == 0 {
        println!("skipped: no producer fixtures with poppler boxes");
        return;
    }
    assert!(
        bad.is_empty(),
        "{} of {total} words off:\n{}",
        bad.len(),
        bad.iter().take(30).cloned().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn encrypted_copies_read_like_their_originals() {
    let mut checked = 0;
    for pdf in pdfs_in(&root().join("fixtures/pdf/encrypted")) {
        let name = pdf.file_name().unwrap().to_string_lossy().to_string();
        // `<stem>.<method>.pdf` → the original `<stem>.pdf` under fonts/ or producers/.
        let stem = name.rsplitn(3, '.').nth(2).unwrap().to_string();
        let original = ["fonts", "producers"]
            .iter()
            .map(|d| {
                root()
                    .join("fixtures/pdf")
                    .join(d)
                    .join(format!("{stem}.pdf"))
            })
            .find(|p| p.exists());
        let Some(original) = original else { continue };
        let got = page_lines(&pdf, None).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(got, page_lines(&original, None).unwrap(), "{name}");
        checked += 1;
    }
    println!("{checked} encrypted copies compared with their originals");
    assert!(checked >= 3);
}
