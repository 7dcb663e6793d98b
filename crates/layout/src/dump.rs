//! A plain-text dump of a laid-out document: tables (grid size, every cell with its span,
//! page and text) and loose text blocks. Used by `muniplan inspect --tables` and the golden
//! tests.

use muniplan_ir::{LayoutDoc, Location};
use std::fmt::Write;

fn esc(s: &str) -> String {
    s.replace('\\', "\\\\").replace('\n', "\\n")
}

fn loc(l: &Location) -> String {
    match l {
        Location::Pdf { page, bbox } => format!(
            "p{page} [{:.0} {:.0} {:.0} {:.0}]",
            bbox[0], bbox[1], bbox[2], bbox[3]
        ),
        other => other.to_string(),
    }
}

/// Dump every table and text block; with `boxes`, each line also shows the cell's location.
pub fn dump(doc: &LayoutDoc, boxes: bool) -> String {
    let mut out = String::new();
    for page in &doc.pages {
        for (ti, t) in page.tables.iter().enumerate() {
            let _ = writeln!(
                out,
                "== page {} table {}: {} rows x {} cols",
                page.number,
                ti + 1,
                t.n_rows,
                t.n_cols
            );
            for c in &t.cells {
                let span = if c.row_span > 1 || c.col_span > 1 {
                    format!(" span {}x{}", c.row_span, c.col_span)
                } else {
                    String::new()
                };
                let clip = if c.clipped { " clipped" } else { "" };
                let at = if boxes {
                    format!(" {}", loc(&c.location))
                } else {
                    match &c.location {
                        Location::Pdf { page: p, .. } if *p != page.number => format!(" p{p}"),
                        _ => String::new(),
                    }
                };
                let _ = writeln!(
                    out,
                    "  r{} c{}{span}{clip}{at}: {}",
                    c.row,
                    c.col,
                    esc(&c.text)
                );
            }
        }
        if !page.blocks.is_empty() {
            let _ = writeln!(out, "== page {} blocks", page.number);
            for b in &page.blocks {
                let at = if boxes {
                    format!(" {}", loc(&b.location))
                } else {
                    String::new()
                };
                let _ = writeln!(out, " {at}: {}", esc(&b.text));
            }
        }
    }
    out
}
