//! Text by geometry: glyphs to cells, glyphs to visual lines, loose lines to blocks.
//!
//! A glyph belongs to the cell holding its centre, with one exception for text a producer
//! let overflow a cell and clipped at its border: glyphs drawn by one text-showing run
//! (consecutive in the content stream, same baseline, touching) stay with the cell where the
//! run started, and the cell is flagged clipped. A run is cut where the gap between two
//! glyphs exceeds the font size, or where it crosses a cell border with any visible gap, so
//! the next cell's own text (which starts after the cell padding) is never pulled back.
//! Inside a cell, glyphs are grouped into visual lines by the PDF reader's
//! [`muniplan_pdf::lines`] (CJK-aware word gaps); lines are joined with `\n`, never with
//! each other. Content-stream order only matters for the run rule, never for reading order.

use muniplan_pdf::{Glyph, PageContent, TextLine};

/// Centre of a box.
pub(crate) fn centre(b: [f64; 4]) -> (f64, f64) {
    ((b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0)
}

fn glyph_size(g: &Glyph) -> f64 {
    let h = if g.vertical {
        g.bbox[2] - g.bbox[0]
    } else {
        g.bbox[3] - g.bbox[1]
    };
    let s = h.max(g.size * 0.5);
    if s.is_finite() && s > 0.1 { s } else { 1.0 }
}

/// For each glyph, the index of the first glyph of its run (see the module docs);
/// `crosses(a, b)` tells whether the horizontal span between two x positions crosses a cell
/// border at a given y.
pub(crate) fn run_anchors(glyphs: &[Glyph], crosses: impl Fn(f64, f64, f64) -> bool) -> Vec<usize> {
    let mut anchors = Vec::with_capacity(glyphs.len());
    let mut visible: Option<usize> = None;
    let mut prev: Option<&Glyph> = None;
    for (i, g) in glyphs.iter().enumerate() {
        let mut cont = false;
        if let Some(p) = prev
            && !p.vertical
            && !g.vertical
        {
            let size = glyph_size(p).max(glyph_size(g));
            let ov = p.bbox[3].min(g.bbox[3]) - p.bbox[1].max(g.bbox[1]);
            let minh = (p.bbox[3] - p.bbox[1]).min(g.bbox[3] - g.bbox[1]).max(0.01);
            let gap = g.bbox[0] - p.bbox[2];
            let same_line = ov >= 0.5 * minh;
            let forward = g.bbox[0] >= p.bbox[0] - 0.01;
            if same_line && forward && gap <= size {
                let (pcx, _) = centre(p.bbox);
                let (gcx, cy) = centre(g.bbox);
                cont = !crosses(pcx, gcx, cy) || gap <= 0.05 * size;
            }
        }
        if !cont {
            visible = None;
        }
        if visible.is_none() && !g.text.trim().is_empty() {
            visible = Some(i);
        }
        anchors.push(visible.unwrap_or(i));
        prev = Some(g);
    }
    anchors
}

/// Visual lines of a subset of glyphs.
pub(crate) fn lines_of(glyphs: Vec<Glyph>) -> Vec<TextLine> {
    let page = PageContent {
        glyphs,
        ..PageContent::default()
    };
    muniplan_pdf::lines(&page)
}

/// Text of a cell: its visual lines joined with `\n`.
pub(crate) fn cell_text(glyphs: Vec<Glyph>) -> String {
    let lines = lines_of(glyphs);
    let mut out = String::new();
    for l in lines {
        let t = l.text.trim();
        if t.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(t);
    }
    out
}

/// Loose lines grouped into blocks: a line joins the block above it when the gap is small
/// and they overlap horizontally.
pub(crate) fn blocks(mut lines: Vec<TextLine>) -> Vec<(String, [f64; 4])> {
    lines.retain(|l| !l.text.trim().is_empty());
    lines.sort_by(|a, b| {
        b.bbox[3]
            .total_cmp(&a.bbox[3])
            .then(a.bbox[0].total_cmp(&b.bbox[0]))
    });
    let mut out: Vec<(String, [f64; 4], f64)> = Vec::new();
    for l in lines {
        let h = (l.bbox[3] - l.bbox[1]).max(0.1);
        let joined = out.iter_mut().rev().take(3).find(|(_, b, lh)| {
            let gap = b[1] - l.bbox[3];
            let xov = b[2].min(l.bbox[2]) - b[0].max(l.bbox[0]);
            let similar = (h / lh).clamp(0.0, 10.0);
            gap >= -0.3 * h
                && gap <= 0.7 * h.max(*lh)
                && xov > 0.0
                && (0.7..=1.43).contains(&similar)
        });
        match joined {
            Some((t, b, _)) => {
                t.push('\n');
                t.push_str(l.text.trim());
                *b = [
                    b[0].min(l.bbox[0]),
                    b[1].min(l.bbox[1]),
                    b[2].max(l.bbox[2]),
                    b[3].max(l.bbox[3]),
                ];
            }
            None => out.push((l.text.trim().to_string(), l.bbox, h)),
        }
    }
    out.into_iter().map(|(t, b, _)| (t, b)).collect()
}
