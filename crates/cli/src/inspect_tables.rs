//! `muniplan inspect --tables`: the tables the layout stage reconstructed (grid size, every
//! cell with its span, page, box and text; loose text blocks), and `--svg` with `--tables`:
//! every cell outlined over the page's text so a person can check the grid against the page.

use std::fmt::Write as _;

use muniplan_ir::{LayoutDoc, Location};
use muniplan_pdf::PageContent;

use crate::inspect::esc;

/// The text listing of tables and blocks, only of page `page` when given (a table continued
/// from an earlier page is listed with the page it starts on), then one line per decision to
/// continue a table onto the next page or to end it, with its reason (with `page`, the
/// decisions into and out of that page).
pub fn print_tables(
    doc: &LayoutDoc,
    decisions: &[muniplan_layout::Decision],
    page: Option<u32>,
) -> String {
    let shown;
    let doc = match page {
        Some(n) => {
            shown = LayoutDoc {
                source: doc.source.clone(),
                pages: doc
                    .pages
                    .iter()
                    .filter(|p| p.number == n)
                    .cloned()
                    .collect(),
                diagnostics: Vec::new(),
            };
            &shown
        }
        None => doc,
    };
    let mut out = String::new();
    for d in &doc.diagnostics {
        let _ = writeln!(out, "{}: {}: {}", d.severity.as_str(), d.code, d.message);
    }
    out.push_str(&muniplan_layout::dump(doc, true));
    let shown: Vec<_> = decisions
        .iter()
        .filter(|d| page.is_none_or(|n| d.from_page == n || d.to_page == n))
        .collect();
    if !shown.is_empty() {
        out.push_str("== continuation decisions\n");
    }
    for d in shown {
        let _ = writeln!(
            out,
            "  page {} -> {}: {}: {}",
            d.from_page,
            d.to_page,
            if d.continued { "continued" } else { "ended" },
            d.reason
        );
    }
    out
}

const COLOURS: [&str; 6] = [
    "#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
];

/// An SVG of one page: its glyphs as faint text, every table cell on the page outlined (one
/// colour per table, `r,c` and span at the cell's top-left, clipped cells dashed) and every
/// loose text block boxed in grey.
pub fn svg_tables(page: &PageContent, doc: &LayoutDoc) -> String {
    let (w, h) = (page.size[0].max(1.0), page.size[1].max(1.0));
    let y = |v: f64| h - v;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.2}" height="{h:.2}" viewBox="0 0 {w:.2} {h:.2}">"#
    );
    let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="white"/>"#);
    for g in &page.glyphs {
        let b = g.bbox;
        let (bw, bh) = ((b[2] - b[0]).max(0.1), (b[3] - b[1]).max(0.1));
        let _ = writeln!(
            s,
            r##"<text x="{:.2}" y="{:.2}" font-size="{:.2}" fill="#555555" font-family="IPAexGothic, Noto Sans CJK JP, sans-serif" textLength="{bw:.2}" lengthAdjust="spacingAndGlyphs">{}</text>"##,
            b[0],
            y(b[1]) - bh * 0.15,
            bh * 0.85,
            esc(&g.text)
        );
    }
    let mut k = 0usize;
    for p in &doc.pages {
        for t in &p.tables {
            let colour = COLOURS.get(k % COLOURS.len()).copied().unwrap_or("red");
            k += 1;
            for c in &t.cells {
                let Location::Pdf { page: n, bbox: b } = &c.location else {
                    continue;
                };
                if *n != page.number {
                    continue;
                }
                let _ = writeln!(
                    s,
                    r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" fill="none" stroke="{colour}" stroke-width="1"{}/>"#,
                    b[0] + 1.0,
                    y(b[3]) + 1.0,
                    (b[2] - b[0] - 2.0).max(0.5),
                    (b[3] - b[1] - 2.0).max(0.5),
                    if c.clipped {
                        r#" stroke-dasharray="3 2""#
                    } else {
                        ""
                    }
                );
                let span = if c.row_span > 1 || c.col_span > 1 {
                    format!(" {}x{}", c.row_span, c.col_span)
                } else {
                    String::new()
                };
                let _ = writeln!(
                    s,
                    r#"<text x="{:.2}" y="{:.2}" font-size="5" fill="{colour}" font-family="sans-serif">{},{}{span}</text>"#,
                    b[0] + 2.0,
                    y(b[3]) + 6.5,
                    c.row,
                    c.col
                );
            }
        }
        if p.number == page.number {
            for b in &p.blocks {
                if let Location::Pdf { bbox: b, .. } = &b.location {
                    let _ = writeln!(
                        s,
                        r##"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" fill="none" stroke="#999999" stroke-width="0.7" stroke-dasharray="1 1"/>"##,
                        b[0],
                        y(b[3]),
                        (b[2] - b[0]).max(0.5),
                        (b[3] - b[1]).max(0.5)
                    );
                }
            }
        }
    }
    s.push_str("</svg>\n");
    s
}
