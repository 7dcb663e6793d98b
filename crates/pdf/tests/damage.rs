//! Damaged and hostile input: a one-line error or a page diagnostic, never a panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use muniplan_pdf::{Limits, PdfError, PdfOptions, lines, open};

fn fixture(name: &str) -> Vec<u8> {
    let p = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/pdf/fonts"
    ))
    .join(name);
    std::fs::read(p).unwrap()
}

/// Open and read every page; return the error (one line) or all page diagnostics.
fn read_all(bytes: &[u8]) -> Result<Vec<String>, PdfError> {
    let doc = open(bytes, &PdfOptions::default())?;
    let mut diags: Vec<String> = doc
        .diagnostics()
        .iter()
        .map(|d| d.message.clone())
        .collect();
    for n in 1..=doc.page_count() {
        let p = doc.page(n);
        let _ = lines(&p);
        for d in &p.diagnostics {
            assert_ne!(
                d.code, "pdf-internal-error",
                "the page guard caught a panic: {}",
                d.message
            );
            diags.push(format!("{}: {}", d.code, d.message));
        }
    }
    Ok(diags)
}

fn one_line(e: &PdfError) {
    let s = e.to_string();
    assert!(!s.is_empty() && !s.contains('\n'), "{s:?}");
}

#[test]
fn zero_bytes_and_text_files() {
    let e = read_all(b"").unwrap_err();
    assert_eq!(e, PdfError::NotPdf("empty file".into()));
    let e = read_all("令和6年度 実施計画\nこれはテキストです\n".as_bytes()).unwrap_err();
    assert!(matches!(e, PdfError::NotPdf(_)), "{e}");
    one_line(&e);
    let e = read_all(b"%PDF-1.7\n").unwrap_err();
    one_line(&e);
}

#[test]
fn truncated_files() {
    let full = fixture("mixed-latin-japanese.pdf");
    for cut in [
        9,
        30,
        full.len() / 3,
        full.len() / 2,
        full.len() * 9 / 10,
        full.len() - 10,
    ] {
        match read_all(full.get(..cut).unwrap()) {
            Ok(_) => {}
            Err(e) => one_line(&e),
        }
    }
}

fn minimal_pdf(content: &[u8], filter: Option<&str>) -> Vec<u8> {
    let mut objs: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".into(),
        String::new(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter_mut().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        if i == 3 {
            let f = filter.map(|f| format!(" /Filter /{f}")).unwrap_or_default();
            out.extend_from_slice(
                format!("<< /Length {}{f} >>\nstream\n", content.len()).as_bytes(),
            );
            out.extend_from_slice(content);
            out.extend_from_slice(b"\nendstream");
        } else {
            out.extend_from_slice(o.as_bytes());
        }
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[test]
fn corrupt_content_stream_gives_page_diagnostic() {
    let ok = minimal_pdf(b"BT /F1 12 Tf 10 100 Td (Hello) Tj ET", None);
    let doc = open(&ok, &PdfOptions::default()).unwrap();
    let p = doc.page(1);
    assert_eq!(lines(&p).first().map(|l| l.text.as_str()), Some("Hello"));
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);

    // Garbage after valid text: the text before it survives, the damage is named.
    let bad = minimal_pdf(
        b"BT /F1 12 Tf 10 100 Td (Hello) Tj ET ]] >> } (unterminated",
        None,
    );
    let d = read_all(&bad).unwrap();
    assert!(
        d.iter()
            .any(|m| m.starts_with("pdf-content-damaged: page 1:")),
        "{d:?}"
    );
    let doc = open(&bad, &PdfOptions::default()).unwrap();
    assert_eq!(
        lines(&doc.page(1)).first().map(|l| l.text.as_str()),
        Some("Hello")
    );

    // A stream whose filter cannot decode it.
    let broken = minimal_pdf(b"\x78\x9c\xff\xff\xff\x00garbage", Some("FlateDecode"));
    let d = read_all(&broken).unwrap();
    assert!(d.iter().any(|m| m.contains("page 1")), "{d:?}");
}

#[test]
fn limits_are_enforced() {
    let many = "q ".repeat(1000) + &"1 0 0 1 0 0 cm ".repeat(5000);
    let pdf = minimal_pdf(many.as_bytes(), None);
    let opts = PdfOptions {
        limits: Limits {
            max_ops_per_page: 1000,
            ..Default::default()
        },
        ..Default::default()
    };
    let doc = open(&pdf, &opts).unwrap();
    let p = doc.page(1);
    assert!(
        p.diagnostics.iter().any(|d| d.code == "pdf-limit-exceeded"),
        "{:?}",
        p.diagnostics
    );
    let missing = doc.page(7);
    assert!(
        missing
            .diagnostics
            .iter()
            .any(|d| d.code == "pdf-page-missing")
    );
}

#[test]
fn mutated_fixtures_never_panic() {
    // Deterministic byte mutations of every font fixture.
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/pdf/fonts"
    ));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut runs = 0;
    for f in files {
        let orig = std::fs::read(&f).unwrap();
        for _ in 0..40 {
            let mut b = orig.clone();
            for _ in 0..(1 + next() % 8) {
                let i = (next() % b.len() as u64) as usize;
                b[i] = (next() & 0xff) as u8;
            }
            if let Err(e) = read_all(&b) {
                one_line(&e);
            }
            runs += 1;
        }
    }
    assert!(runs > 100);
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let mut content = "[".repeat(200_000).into_bytes();
    content.extend_from_slice(b" BT /F1 12 Tf 10 100 Td (Hi) Tj ET ");
    content.extend_from_slice("<<".repeat(100_000).as_bytes());
    let d = read_all(&minimal_pdf(&content, None)).unwrap();
    assert!(
        d.iter().any(|m| m.starts_with("pdf-content-damaged")),
        "{d:?}"
    );
}

#[test]
fn content_cut_inside_a_text_object_is_reported() {
    let cut = minimal_pdf(b"BT /F1 12 Tf 10 100 Td (Hello) Tj 10 80 Td (wor", None);
    let d = read_all(&cut).unwrap();
    assert!(
        d.iter()
            .any(|m| m.starts_with("pdf-content-damaged: page 1:")),
        "{d:?}"
    );
    let doc = open(&cut, &PdfOptions::default()).unwrap();
    assert_eq!(
        lines(&doc.page(1)).first().map(|l| l.text.as_str()),
        Some("Hello")
    );
}

#[test]
fn documents_can_be_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<muniplan_pdf::PdfDocument>();
    assert_send_sync::<muniplan_pdf::PageContent>();
    // Pages read in parallel give the same result as in sequence.
    let bytes = fixture("mixed-latin-japanese.pdf");
    let doc = open(&bytes, &PdfOptions::default()).unwrap();
    let seq = doc.page(1);
    let par = std::thread::scope(|s| s.spawn(|| doc.page(1)).join().unwrap());
    assert_eq!(seq, par);
}

#[test]
fn text_cut_by_a_rectangular_clip_is_flagged() {
    let pdf = minimal_pdf(
        b"q 0 0 40 200 re W n BT /F1 12 Tf 10 100 Td (Overflowing text) Tj ET Q BT /F1 12 Tf 10 50 Td (Free) Tj ET",
        None,
    );
    let doc = open(&pdf, &PdfOptions::default()).unwrap();
    let p = doc.page(1);
    let clipped = |i: usize| p.clipped_glyphs.contains(&i);
    let o = p.glyphs.iter().position(|g| g.text == "O").unwrap();
    assert!(!clipped(o));
    let x = p.glyphs.iter().position(|g| g.text == "x").unwrap();
    assert!(clipped(x));
    // After Q the clip is gone.
    let free: Vec<usize> = (0..p.glyphs.len())
        .filter(|i| p.glyphs[*i].bbox[1] < 70.0)
        .collect();
    assert_eq!(free.len(), 4);
    assert!(free.iter().all(|i| !clipped(*i)));
    // Every glyph carries the clip it was shown under: the rectangle while it is in force
    // (inside it or not), none after Q.
    assert_eq!(p.glyph_clips.len(), p.glyphs.len());
    assert_eq!(p.clip_of(o), Some([0.0, 0.0, 40.0, 200.0]));
    assert_eq!(p.clip_of(x), Some([0.0, 0.0, 40.0, 200.0]));
    assert_eq!(p.glyph_clips[o], p.glyph_clips[x]);
    assert!(free.iter().all(|i| p.clip_of(*i).is_none()));
}

#[test]
fn ideographic_space_is_kept_as_text() {
    // A Type0/Identity-H font with a ToUnicode map: 主, U+3000, 課.
    let tu = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange 3 beginbfchar <0001> <4E3B> <0002> <3000> <0003> <8AB2> endbfchar endcmap end end";
    let content = b"BT /F2 12 Tf 10 100 Td <000100020003> Tj ET";
    let mut out = b"%PDF-1.4\n".to_vec();
    let objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /Font << /F2 5 0 R >> >> >>".to_vec(),
        [format!("<< /Length {} >>\nstream\n", content.len()).as_bytes(), content, b"\nendstream"].concat(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>".to_vec(),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>".to_vec(),
        [format!("<< /Length {} >>\nstream\n", tu.len()).as_bytes(), &tu[..], b"\nendstream"].concat(),
    ];
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    let doc = open(&out, &PdfOptions::default()).unwrap();
    let ls = lines(&doc.page(1));
    assert_eq!(ls.first().map(|l| l.text.as_str()), Some("主\u{3000}課"));
}
