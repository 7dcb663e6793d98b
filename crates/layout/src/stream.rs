//! Stream fallback: unruled tables from text alignment.
//!
//! A line splits into chunks where the gap between two words is at least 1.5 × the font
//! size (a column gap, wider than any word gap the reader leaves inside a line). Three or
//! more consecutive lines (each at most two line heights below the previous one) that have
//! two or more chunks, whose chunks all start at the same two or more column positions
//! (within one font size), form a table with one row per line, unless its cells average more
//! than 16 characters (two columns of running text are no table). Everything else stays loose.

use crate::{PCell, PTable};

/// Longest mean cell text (characters) a stream table may have.
const MAX_MEAN_CHUNK_CHARS: usize = 16;
use muniplan_pdf::TextLine;

struct Chunk {
    text: String,
    x0: f64,
    x1: f64,
}

fn chunks(line: &TextLine) -> Vec<Chunk> {
    let size = (line.bbox[3] - line.bbox[1]).max(1.0);
    let mut out: Vec<Chunk> = Vec::new();
    for w in &line.words {
        if w.text.trim().is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(c) if w.bbox[0] - c.x1 < 1.5 * size => {
                c.text.push(' ');
                c.text.push_str(&w.text);
                c.x1 = c.x1.max(w.bbox[2]);
            }
            _ => out.push(Chunk {
                text: w.text.clone(),
                x0: w.bbox[0],
                x1: w.bbox[2],
            }),
        }
    }
    out
}

/// Split lines into stream tables and the lines left loose.
pub(crate) fn find(lines: Vec<TextLine>, page: u32, tol: f64) -> (Vec<PTable>, Vec<TextLine>) {
    let mut lines: Vec<TextLine> = lines
        .into_iter()
        .filter(|l| !l.vertical)
        .collect::<Vec<_>>();
    lines.sort_by(|a, b| {
        b.bbox[3]
            .total_cmp(&a.bbox[3])
            .then(a.bbox[0].total_cmp(&b.bbox[0]))
    });
    let parts: Vec<Vec<Chunk>> = lines.iter().map(chunks).collect();
    let mut tables = Vec::new();
    let mut used = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        // Grow a run of consecutive multi-chunk lines.
        let mut j = i;
        while j < lines.len() {
            let ok = parts.get(j).is_some_and(|p| p.len() >= 2);
            let near = j == i
                || match (lines.get(j - 1), lines.get(j)) {
                    (Some(a), Some(b)) => {
                        let h = (a.bbox[3] - a.bbox[1]).max(1.0);
                        a.bbox[1] - b.bbox[3] <= 2.0 * h
                    }
                    _ => false,
                };
            if !(ok && near) {
                break;
            }
            j += 1;
        }
        if j - i >= 3
            && let Some(t) = build(&lines[i..j], &parts[i..j], page, tol)
        {
            for u in used.iter_mut().take(j).skip(i) {
                *u = true;
            }
            tables.push(t);
            i = j;
        } else {
            i += 1;
        }
    }
    let rest = lines
        .into_iter()
        .zip(used)
        .filter_map(|(l, u)| (!u).then_some(l))
        .collect();
    (tables, rest)
}

fn build(lines: &[TextLine], parts: &[Vec<Chunk>], page: u32, tol: f64) -> Option<PTable> {
    let size = lines
        .iter()
        .map(|l| l.bbox[3] - l.bbox[1])
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let mut starts: Vec<f64> = parts.iter().flatten().map(|c| c.x0).collect();
    starts.sort_by(f64::total_cmp);
    let mut cols: Vec<(f64, usize)> = Vec::new();
    for s in starts {
        match cols.last_mut() {
            Some((x, n)) if s - *x <= size => *n += 1,
            _ => cols.push((s, 1)),
        }
    }
    if cols.len() < 2 || cols.iter().any(|(_, n)| *n < 2) {
        return None;
    }
    // Table cells are short; columns of running prose (two-column text) are not a table.
    let (chars, n_chunks) = parts.iter().flatten().fold((0usize, 0usize), |(c, n), ch| {
        (c + ch.text.chars().count(), n + 1)
    });
    if n_chunks == 0 || chars > MAX_MEAN_CHUNK_CHARS * n_chunks {
        return None;
    }
    let x0 = cols.first().map(|c| c.0)?;
    let x1 = parts
        .iter()
        .flatten()
        .map(|c| c.x1)
        .fold(f64::NEG_INFINITY, f64::max);
    let mut edges: Vec<f64> = cols.iter().map(|c| c.0).collect();
    edges.push(x1);
    let col_of = |x: f64| cols.iter().position(|(c, _)| (x - c).abs() <= size);
    let mut cells = Vec::new();
    for (r, (line, chunks)) in lines.iter().zip(parts).enumerate() {
        let mut seen = Vec::new();
        for c in chunks {
            let k = col_of(c.x0)?;
            if seen.contains(&k) {
                return None;
            }
            seen.push(k);
            let (e0, e1) = (*edges.get(k)?, *edges.get(k + 1)?);
            cells.push(PCell {
                row: r,
                row_span: 1,
                x0: e0,
                x1: e1,
                text: c.text.clone(),
                bbox: [c.x0, line.bbox[1], c.x1, line.bbox[3]],
                page,
                clipped: false,
            });
        }
    }
    let top = lines.first().map(|l| l.bbox[3])?;
    let bottom = lines.last().map(|l| l.bbox[1])?;
    Some(PTable {
        cols: edges.clone(),
        n_rows: lines.len(),
        cells,
        last_cols: edges,
        last_frame: [x0, bottom, x1, top],
        top_open: false,
        bottom_open: false,
        tol,
        starts: vec![0],
    })
}
