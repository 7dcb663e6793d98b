//! Real PDFs from peers' test suites (`../shared/corpus`, not copied into the project):
//! each gives its expected text; encrypted samples open with their password only.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use muniplan_pdf::{PdfError, PdfOptions, lines, open};

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus"
    ));
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipped: ../shared/corpus absent");
        None
    }
}

fn text_with(path: &PathBuf, password: Option<&str>) -> Result<String, PdfError> {
    let bytes = std::fs::read(path).unwrap();
    let opts = PdfOptions {
        password: password.map(String::from),
        ..Default::default()
    };
    let doc = open(&bytes, &opts)?;
    let mut out = Vec::new();
    for n in 1..=doc.page_count() {
        let page = doc.page(n);
        for l in lines(&page) {
            out.push(l.text);
        }
    }
    Ok(out.join("\n"))
}

fn text(path: &PathBuf) -> String {
    text_with(path, None).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn pdfjs_samples_give_expected_text() {
    let Some(dir) = corpus() else { return };
    let dir = dir.join("pdfjs-samples");
    let cases: &[(&str, &[&str])] = &[
        ("90ms_rksj_h_sample.pdf", &["Hello ASCII 日本語テスト"]),
        ("noembed-sjis.pdf", &["あいうえお"]),
        ("noembed-eucjp.pdf", &["あいうえお"]),
        ("noembed-identity.pdf", &["ABC あいうえお 123"]),
        ("noembed-identity-2.pdf", &["あAbstract012"]),
        ("vertical.pdf", &["あいうえお", "日本語"]),
        ("cid_cff.pdf", &["processor reference chart"]),
        ("cidfont_cmap_overflow.pdf", &["㐂㐄㐆㐈㐊㐌㐎㐐㐒㐔㐖㐘"]),
        ("text_clip_cff_cid.pdf", &["ABC123"]),
    ];
    let mut failures = Vec::new();
    for (file, expected) in cases {
        let t = text(&dir.join(file));
        // Lines joined by one space (the README gives a page's text on one line).
        let joined = t.lines().collect::<Vec<_>>().join(" ");
        let lines: Vec<&str> = t.lines().collect();
        for e in *expected {
            if !lines.iter().any(|l| l.trim() == *e) && !joined.contains(e) {
                failures.push(format!("{file}: expected line {e:?}, got {lines:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn vertical_sample_is_read_as_columns() {
    let Some(dir) = corpus() else { return };
    let bytes = std::fs::read(dir.join("pdfjs-samples/vertical.pdf")).unwrap();
    let doc = open(&bytes, &PdfOptions::default()).unwrap();
    let page = doc.page(1);
    let ls = lines(&page);
    let v: Vec<&str> = ls
        .iter()
        .filter(|l| l.vertical)
        .map(|l| l.text.as_str())
        .collect();
    assert!(v.contains(&"あいうえお") && v.contains(&"日本語"), "{v:?}");
}

#[test]
fn pdfminer_simple3_and_jo() {
    let Some(dir) = corpus() else { return };
    let dir = dir.join("pdfminer-samples");
    let t = text(&dir.join("simple3.pdf"));
    let ls: Vec<&str> = t.lines().collect();
    assert!(ls.contains(&"あいうえおあいうえお"), "{t}");
    assert!(ls.contains(&"Hello Hello"), "{t}");
    // The two "World"s sit on separate baselines one above the other (poppler agrees).
    assert_eq!(ls.iter().filter(|l| **l == "World").count(), 2, "{t}");
    let jo = text(&dir.join("jo.pdf"));
    assert!(!jo.contains('\u{fffd}'), "{jo}");
    assert!(
        jo.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{jo}"
    );
}

#[test]
fn encryption_samples() {
    let Some(dir) = corpus() else { return };
    let dir = dir.join("pdfminer-samples/encryption");
    let base = text(&dir.join("base.pdf"));
    assert!(base.contains("Secret!"), "{base}");
    for f in [
        "rc4-40.pdf",
        "rc4-128.pdf",
        "aes-128.pdf",
        "aes-128-m.pdf",
        "aes-256.pdf",
        "aes-256-m.pdf",
    ] {
        let p = dir.join(f);
        let err = text_with(&p, None).expect_err(f);
        assert!(
            matches!(err, PdfError::Encrypted { .. }),
            "{f}: without password: {err}"
        );
        let wrong = text_with(&p, Some("nope")).expect_err(f);
        assert!(
            matches!(wrong, PdfError::WrongPassword { .. }),
            "{f}: {wrong}"
        );
        let t = text_with(&p, Some("foo")).unwrap_or_else(|e| panic!("{f}: {e}"));
        assert_eq!(t, base, "{f}");
        let t = text_with(&p, Some("baz")).unwrap_or_else(|e| panic!("{f} owner: {e}"));
        assert_eq!(t, base, "{f} owner");
    }
    let p = dir.join("aes-256-r6.pdf");
    assert!(matches!(
        text_with(&p, None),
        Err(PdfError::Encrypted { .. })
    ));
    for pw in ["usersecret", "ownersecret"] {
        let t = text_with(&p, Some(pw)).unwrap();
        assert!(t.contains("Hello World"), "{pw}: {t}");
    }
    // Empty user password, no /ID: opens silently, Info decrypted, scanned page flagged.
    let bytes = std::fs::read(dir.join("encrypted_doc_no_id.pdf")).unwrap();
    let doc = open(&bytes, &PdfOptions::default()).unwrap();
    assert_eq!(
        doc.info().producer.as_deref(),
        Some("European Patent Office")
    );
    let flagged = (1..=doc.page_count())
        .map(|n| doc.page(n))
        .any(|p| p.diagnostics.iter().any(|d| d.code == "pdf-no-text-layer"));
    assert!(flagged);
}

#[test]
fn odd_pdfminer_samples_never_panic() {
    let Some(dir) = corpus() else { return };
    let dir = dir.join("pdfminer-samples");
    for f in [
        "issue_566_test_2.pdf",
        "issue-791-non-unicode-cmap.pdf",
        "zen_of_python_corrupted.pdf",
        "kampo.pdf",
        "nlp2004slides.pdf",
    ] {
        let bytes = std::fs::read(dir.join(f)).unwrap();
        match open(&bytes, &PdfOptions::default()) {
            Ok(doc) => {
                for n in 1..=doc.page_count() {
                    let _ = lines(&doc.page(n));
                }
            }
            Err(e) => assert!(!e.to_string().contains('\n'), "{f}: {e}"),
        }
    }
    // No ToUnicode, Identity CIDs: text comes from the embedded TrueType's Unicode cmap.
    let t = text(&dir.join("issue-791-non-unicode-cmap.pdf"));
    assert!(t.contains("Peněžní prostředky na účtech"), "{t}");
    let t = text(&dir.join("issue_566_test_2.pdf"));
    assert!(t.chars().count() > 5, "{t}");
}
