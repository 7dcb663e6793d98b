//! Shared helpers of the fuzz targets: small limits so that a single input cannot make a run
//! slow, and a PDF wrapper that carries arbitrary bytes as a font's ToUnicode CMap.

use muniplan_pdf::{Limits, PdfOptions};

/// PDF options with limits small enough that every input finishes in well under a second.
pub fn pdf_options() -> PdfOptions {
    PdfOptions {
        password: None,
        limits: Limits {
            max_stream_bytes: 4 << 20,
            max_file_decoded_bytes: 16 << 20,
            max_depth: 12,
            max_pages: 50,
            max_ops_per_page: 200_000,
            max_glyphs_per_page: 50_000,
        },
    }
}

/// Open a PDF, read every page (glyphs, lines) and reconstruct its tables.
pub fn pdf_all_the_way(bytes: &[u8]) {
    let Ok(doc) = muniplan_pdf::open(bytes, &pdf_options()) else {
        return;
    };
    let _ = doc.info();
    let _ = doc.diagnostics();
    // read_document reads every page (PdfDocument::page) and runs layout on them.
    let layout = muniplan_layout::read_document(&doc);
    let _ = muniplan_layout::dump(&layout, true);
    for p in 1..=doc.page_count().min(50) {
        let content = doc.page(p);
        let _ = muniplan_pdf::lines(&content);
        let _ = muniplan_pdf::words(&content);
    }
}

/// A one-page PDF whose only font is a Type0 font (Identity-H) with `cmap` as its ToUnicode
/// stream; the page shows two-byte codes 0x0000..0x00ff, a few high codes and one-byte runs.
pub fn pdf_with_tounicode(cmap: &[u8]) -> Vec<u8> {
    let mut content = String::from("BT /F1 12 Tf 10 700 Td <");
    for c in 0u32..256 {
        content.push_str(&format!("{c:04X}"));
    }
    content.push_str("> Tj 0 -14 Td <FFFF8140824F30423042> Tj 0 -14 Td [<41> -200 <4243>] TJ ET");
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
        stream(content.as_bytes()),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Fuzz /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>".to_vec(),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Fuzz /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 1000 >>".to_vec(),
        stream(cmap),
        b"<< /Type /FontDescriptor /FontName /Fuzz /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>".to_vec(),
    ];
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(data: &[u8]) -> Vec<u8> {
    let mut s = format!("<< /Length {} >>\nstream\n", data.len()).into_bytes();
    s.extend_from_slice(data);
    s.extend_from_slice(b"\nendstream");
    s
}
